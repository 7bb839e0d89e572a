/** The organisation profile: identity, address, contacts, story and the account that receives transfers. */
import { Hono, type Context } from 'hono';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import type { Values } from '../../../web/pages/portal/Fields';
import { PortalProfilePage } from '../../../web/pages/portal/PortalProfilePage';
import { findProfile, type Profile } from '../../data/producers';
import { provincesByCode } from '../../data/reference';
import type { AppEnv } from '../../lib/context';
import { readForm } from '../../lib/form-body';
import { csrfToken } from '../../lib/csrf';
import { notFound } from '../../lib/errors';
import { submitForm, typedValues, type Refusal } from '../../lib/forms';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { profileChoices, profileValues } from '../../presenters/producers';
import { profileForm } from '../../schemas/portal';
import { saveProfile } from '../../services/producer-profile';
import { producerInScope, requiredScope, signedInUser } from './scope';

export const profile = new Hono<AppEnv>();

function renderProfile(
  c: Context<AppEnv>,
  data: Profile,
  producerParam: number | undefined,
  values: Values,
  refusal?: Refusal,
) {
  const ctx = pageContext(c);
  return c.html(
    <PortalProfilePage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerName={data.producer.name}
      producerParam={producerParam}
      values={values}
      issues={refusal?.issues ?? []}
      {...profileChoices(data, ctx.t, ctx.locale)}
      notice={c.req.query('saved') ? ctx.t.portal.saved : undefined}
    />,
    refusal?.status ?? StatusCodes.OK,
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
  const scope = requiredScope(c);
  const body = await readForm(c);
  const typed = typedValues(body);
  // The commune list shown again is the chosen province's, so a producer who moved can pick the new commune.
  const chosenProvince = provincesByCode.has(typed.provinceCode ?? '') ? typed.provinceCode : undefined;
  const data = await findProfile(c.var.db, scope.producerId, chosenProvince);
  if (!data) throw notFound();
  return submitForm(
    c,
    async () => {
      await saveProfile(c.var.db, data, parseInput(c, profileForm(c.var.t), body), signedInUser(c).id);
      const params = new URLSearchParams({ saved: '1' });
      if (scope.producerParam) params.set('producer', String(scope.producerParam));
      return c.redirect(`/portal/profile?${params}`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderProfile(c, data, scope.producerParam, typed, refusal),
  );
});
