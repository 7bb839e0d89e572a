/** The organisation profile: identity, address, contacts, story and the account that receives transfers. */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { producerKinds } from '../../../db/schema';
import type { Values } from '../../../web/pages/portal/Fields';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import { PortalProfilePage } from '../../../web/pages/portal/PortalProfilePage';
import { findProfile, isUniqueViolation, updateProfile, type Profile } from '../../data/portal';
import { provincesByCode } from '../../data/reference';
import type { AppEnv } from '../../lib/context';
import { csrfToken } from '../../lib/csrf';
import { notFound, type FieldIssue } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { profileForm } from '../../schemas/portal';
import { pick, provinceName } from '../present';
import { producerInScope, signedInUser, typedValues, validateForm } from './scope';

export const profile = new Hono<AppEnv>();

function profileValues(producer: Profile['producer']): Values {
  const { name, kind, taxCode, provinceCode, communeCode, street, phone, zalo, email, website } = producer;
  const { storyVi, storyEn, bankBin, bankAccountNumber, bankAccountName } = producer;
  return {
    name,
    kind,
    taxCode,
    provinceCode,
    communeCode,
    street,
    phone,
    zalo,
    email,
    website,
    storyVi,
    storyEn,
    bankBin,
    bankAccountNumber,
    bankAccountName,
  };
}

function renderProfile(
  c: Context<AppEnv>,
  data: Profile,
  producerParam: number | undefined,
  values: Values,
  issues: FieldIssue[] = [],
  status: ContentfulStatusCode = StatusCodes.OK,
) {
  const ctx = pageContext(c);
  const { t, locale } = ctx;
  return c.html(
    <PortalProfilePage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerName={data.producer.name}
      producerParam={producerParam}
      values={values}
      issues={issues}
      kinds={producerKinds.map((kind) => ({ value: kind, label: t.producer.kinds[kind] }))}
      provinces={[...provincesByCode.values()]
        .map((p) => ({ value: p.code, label: pick(locale, p.nameVi, p.nameEn) }))
        .sort((a, b) => a.label.localeCompare(b.label, locale))}
      communes={data.communes.map((commune) => ({
        value: commune.code,
        label: pick(locale, commune.nameVi, commune.nameEn),
      }))}
      notice={c.req.query('saved') ? t.portal.saved : undefined}
    />,
    status,
  );
}

profile.get('/profile', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/profile" />);
  const data = await findProfile(c.var.db, scope.producerId);
  if (!data) throw notFound();
  return renderProfile(c, data, scope.producerParam, profileValues(data.producer));
});

profile.post('/profile', async (c) => {
  const scope = producerInScope(c);
  if (!scope) throw notFound();
  const { t } = c.var;
  const body = await readForm(c);
  const typed = typedValues(body);
  // The commune list shown again is the chosen province's, so a producer who moved can pick the new commune.
  const chosenProvince = provincesByCode.has(typed.provinceCode ?? '') ? typed.provinceCode : undefined;
  const data = await findProfile(c.var.db, scope.producerId, chosenProvince);
  if (!data) throw notFound();
  const refuse = (issues: FieldIssue[], status: ContentfulStatusCode = StatusCodes.BAD_REQUEST) =>
    renderProfile(c, data, scope.producerParam, typed, issues, status);

  const form = validateForm(c, profileForm(t), body);
  if (!form.ok) return refuse(form.issues);
  if (!chosenProvince) return refuse([{ field: 'provinceCode', message: t.errors.fields.unknownProvince }]);
  if (!data.communes.some((commune) => commune.code === form.data.communeCode)) {
    return refuse([{ field: 'communeCode', message: t.portal.fieldErrors.communeNotInProvince }]);
  }
  try {
    await updateProfile(c.var.db, { userId: signedInUser(c).id }, data, form.data, (code) => provinceName(code, 'vi'));
  } catch (error) {
    if (!isUniqueViolation(error, 'producers', 'tax_code')) throw error;
    return refuse([{ field: 'taxCode', message: t.portal.fieldErrors.taxCodeTaken }], StatusCodes.CONFLICT);
  }
  const params = new URLSearchParams({ saved: '1' });
  if (scope.producerParam) params.set('producer', String(scope.producerParam));
  return c.redirect(`/portal/profile?${params}`, StatusCodes.SEE_OTHER);
});
