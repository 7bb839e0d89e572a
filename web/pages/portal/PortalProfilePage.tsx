import type { FieldIssue } from '../../../worker/domain/errors';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { ErrorSummary, Field, Select, type Values } from './Fields';
import { PortalShell } from './PortalShell';

type Option = { value: string; label: string };

interface PortalProfilePageProps {
  ctx: PageContext;
  csrfToken: string;
  producerName: string;
  producerParam?: number | undefined;
  values: Values;
  issues: FieldIssue[];
  kinds: Option[];
  provinces: Option[];
  /** Communes of the province in `values`. */
  communes: Option[];
  notice?: string | undefined;
}

export function PortalProfilePage(props: PortalProfilePageProps) {
  const { ctx, csrfToken, producerName, producerParam, values, issues, kinds, provinces, communes, notice } = props;
  const { t } = ctx;
  const p = t.portal.profile;
  const state = { values, issues };
  const optional = (label: string) => `${label} ${t.portal.optional}`;
  return (
    <PortalShell
      ctx={ctx}
      title={p.title}
      section="profile"
      producerName={producerName}
      producerParam={producerParam}
      notice={notice}
    >
      <ErrorSummary
        ctx={ctx}
        issues={issues}
        labels={{
          name: p.name,
          kind: p.kind,
          taxCode: p.taxCode,
          provinceCode: p.province,
          communeCode: p.commune,
          street: p.street,
          phone: p.phone,
          zalo: p.zalo,
          email: p.email,
          website: p.website,
          storyVi: p.storyVi,
          storyEn: p.storyEn,
          bankBin: p.bankBin,
          bankAccountNumber: p.bankAccountNumber,
          bankAccountName: p.bankAccountName,
        }}
      />
      <h1>{p.title}</h1>
      <form method="post" action={localHref(ctx, '/portal/profile', { producer: producerParam })} class="stack">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <fieldset class="portal-card">
          <legend>{p.identity}</legend>
          <Field name="name" label={p.name} required autocomplete="organization" {...state} />
          <Select name="kind" label={p.kind} options={kinds} {...state} />
          <Field name="taxCode" label={optional(p.taxCode)} hint={p.taxCodeHint} inputmode="numeric" {...state} />
        </fieldset>
        <fieldset class="portal-card">
          <legend>{p.address}</legend>
          <Select name="provinceCode" label={p.province} options={provinces} {...state} />
          <Select
            name="communeCode"
            label={p.commune}
            options={communes}
            placeholder={p.chooseCommune}
            hint={p.communeHint}
            {...state}
          />
          <Field name="street" label={optional(p.street)} autocomplete="street-address" {...state} />
        </fieldset>
        <fieldset class="portal-card">
          <legend>{p.contacts}</legend>
          <Field name="phone" label={optional(p.phone)} type="tel" autocomplete="tel" {...state} />
          <Field name="zalo" label={optional(p.zalo)} type="tel" {...state} />
          <Field name="email" label={optional(p.email)} type="email" autocomplete="email" {...state} />
          <Field name="website" label={optional(p.website)} type="url" {...state} />
        </fieldset>
        <fieldset class="portal-card">
          <legend>{p.story}</legend>
          <Field name="storyVi" label={optional(p.storyVi)} multiline {...state} />
          <Field name="storyEn" label={optional(p.storyEn)} multiline {...state} />
        </fieldset>
        <fieldset class="portal-card">
          <legend>{p.bank}</legend>
          <p class="hint">{p.bankHint}</p>
          <Field name="bankBin" label={p.bankBin} inputmode="numeric" {...state} />
          <Field name="bankAccountNumber" label={p.bankAccountNumber} inputmode="numeric" {...state} />
          <Field name="bankAccountName" label={p.bankAccountName} {...state} />
        </fieldset>
        <button type="submit" class="button">
          {t.portal.save}
        </button>
      </form>
    </PortalShell>
  );
}
