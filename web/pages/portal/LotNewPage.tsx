import type { FieldIssue } from '../../../worker/domain/errors';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { ErrorSummary, Field, Select, type Values } from './Fields';
import { PortalShell } from './PortalShell';

interface LotNewPageProps {
  ctx: PageContext;
  csrfToken: string;
  producerName: string;
  producerParam?: number | undefined;
  products: { value: string; label: string }[];
  values: Values;
  issues: FieldIssue[];
}

export function LotNewPage({ ctx, csrfToken, producerName, producerParam, products, values, issues }: LotNewPageProps) {
  const { t } = ctx;
  const l = t.portal.lots;
  const state = { values, issues };
  const optional = (label: string) => `${label} ${t.portal.optional}`;
  return (
    <PortalShell ctx={ctx} title={l.newTitle} section="lots" producerName={producerName} producerParam={producerParam}>
      <ErrorSummary
        ctx={ctx}
        issues={issues}
        labels={{
          productId: l.product,
          lotCode: l.code,
          productionDate: l.productionDate,
          bestBefore: l.bestBefore,
          quantity: l.quantity,
          notes: l.notes,
        }}
      />
      <p>
        <a href={localHref(ctx, '/portal/lots', { producer: producerParam })}>{l.backToList}</a>
      </p>
      <h1>{l.newTitle}</h1>
      <form method="post" action={localHref(ctx, '/portal/lots', { producer: producerParam })} class="stack">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <Select name="productId" label={l.product} options={products} {...state} />
        <Field name="lotCode" label={l.code} hint={l.codeHint} required autocomplete="off" {...state} />
        <Field name="productionDate" label={optional(l.productionDate)} type="date" {...state} />
        <Field name="bestBefore" label={optional(l.bestBefore)} type="date" {...state} />
        <Field name="quantity" label={optional(l.quantity)} inputmode="numeric" {...state} />
        <Field name="notes" label={optional(l.notes)} multiline {...state} />
        <button type="submit" class="button">
          {l.submit}
        </button>
      </form>
    </PortalShell>
  );
}
