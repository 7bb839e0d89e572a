import type { FieldIssue } from '../../../worker/domain/errors';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { Checkbox } from './ChoiceFields';
import { ErrorSummary, Field, Select, type Values } from './Fields';
import { PortalShell } from './PortalShell';

interface StampIssuePageProps {
  ctx: PageContext;
  csrfToken: string;
  lot: { id: number; code: string; productName: string };
  producerName: string;
  producerParam?: number | undefined;
  sheets: { value: string; label: string }[];
  /** The measurements a custom sheet asks for, in order. */
  customFields: { name: string; label: string }[];
  maxQuantity: number;
  values: Values;
  issues: FieldIssue[];
}

export function StampIssuePage(props: StampIssuePageProps) {
  const { ctx, csrfToken, lot, producerName, producerParam, sheets, customFields, maxQuantity, values, issues } = props;
  const { t } = ctx;
  const s = t.portal.stamps;
  const state = { values, issues };
  const title = s.issueTitle(lot.code);
  const customInvalid = issues.some((issue) => customFields.some((field) => field.name === issue.field));
  return (
    <PortalShell ctx={ctx} title={title} section="stamps" producerName={producerName} producerParam={producerParam}>
      <ErrorSummary
        ctx={ctx}
        issues={issues}
        labels={{
          quantity: s.quantity,
          sheetPreset: s.sheet,
          ...Object.fromEntries(customFields.map((field) => [field.name, field.label])),
        }}
      />
      <p>
        <a href={localHref(ctx, `/portal/lots/${lot.id}`)}>← {t.portal.lots.lotTitle(lot.code, lot.productName)}</a>
      </p>
      <h1>{title}</h1>
      <form method="post" action={localHref(ctx, `/portal/lots/${lot.id}/stamp-batches`)} class="stack">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <Field
          name="quantity"
          label={s.quantity}
          hint={s.quantityHint(maxQuantity)}
          inputmode="numeric"
          required
          {...state}
        />
        <Checkbox name="withPin" label={s.withPin} checked={values.withPin === '1'} issues={issues} />
        <Select name="sheetPreset" label={s.sheet} hint={s.sheetHint} options={sheets} {...state} />
        <details class="portal-variant" open={customInvalid || values.sheetPreset === 'custom'}>
          <summary>{s.customTitle}</summary>
          <p class="hint">{s.customHint}</p>
          {customFields.map((field) => (
            <Field name={field.name} label={field.label} inputmode="decimal" {...state} />
          ))}
        </details>
        <button type="submit" class="button">
          {s.submit}
        </button>
      </form>
    </PortalShell>
  );
}
