/**
 * What a sales point sells, one product a row, each with its own small form: the point's price and
 * "in stock today", saved on its own, and a separate button to take the product off the point. A
 * product the point may not list says why instead of offering the form.
 */
import type { FieldIssue } from '../../worker/domain/errors';
import { localHref } from '../href';
import type { PageContext } from '../page-context';
import { Checkbox } from '../pages/portal/ChoiceFields';
import { Field, issueFor, type Values } from '../pages/portal/Fields';
import { StarBadge } from './StarBadge';

export interface StockRowView {
  productId: number;
  name: string;
  /** The public product page's path, when the product is listed. */
  href: string | null;
  producerName: string;
  stars: number | null;
  /** Whether the point lists the product now. */
  stocked: boolean;
  /** The price field as the form shows it: the point's own price in đồng, or empty. */
  priceValue: string;
  /** Facts of a stocked product: its price at the point, when its stock was last confirmed. */
  notes: string[];
  /** Why the point may not list the product (it is then not shown publicly), or null. */
  refusal: string | null;
}

/** A refused row form: which product, its problems and the values as typed. */
export interface FailedStockForm {
  productId: string;
  issues: FieldIssue[];
  values: Values;
}

interface StockRowsProps {
  ctx: PageContext;
  rows: StockRowView[];
  /** Where every row's form posts. */
  action: string;
  csrfToken: string;
  failed?: FailedStockForm | undefined;
}

export function StockRows({ ctx, rows, action, csrfToken, failed }: StockRowsProps) {
  const { t } = ctx;
  const a = t.adminSalesPoints;
  return (
    <ul class="stock-rows" role="list">
      {rows.map((row) => {
        const prefix = `stock-${row.productId}-`;
        const mine = failed && failed.productId === String(row.productId) ? failed : undefined;
        const issues = mine?.issues ?? [];
        const values: Values = mine?.values ?? { price: row.priceValue };
        const productIssue = issueFor(issues, 'productId');
        return (
          <li class="stock-row" id={`stock-${row.productId}`}>
            <h3>
              {row.href ? <a href={localHref(ctx, row.href)}>{row.name}</a> : row.name}{' '}
              {row.stars ? <StarBadge t={t} stars={row.stars} /> : null}
            </h3>
            <p class="muted">
              {a.producer(row.producerName)} ·{' '}
              <span class={row.stocked ? 'tag tag-ok' : 'tag tag-muted'}>
                {row.stocked ? t.portalSalesPoints.stocked : t.portalSalesPoints.notStocked}
              </span>
            </p>
            {row.notes.map((note) => (
              <p>{note}</p>
            ))}
            {row.refusal ? (
              <p class="field-error">{row.stocked ? a.notListed(row.refusal) : a.cannotList(row.refusal)}</p>
            ) : null}
            {productIssue ? (
              <p class="field-error" role="alert">
                {productIssue.message}
              </p>
            ) : null}
            {row.refusal === null ? (
              <form method="post" action={action} class="stock-form">
                <input type="hidden" name="_csrf" value={csrfToken} />
                <input type="hidden" name="productId" value={String(row.productId)} />
                <Field
                  name="price"
                  label={a.stockPrice}
                  inputmode="numeric"
                  idPrefix={prefix}
                  values={values}
                  issues={issues}
                />
                <Checkbox
                  name="confirmed"
                  label={a.stockConfirmed}
                  checked={values.confirmed === '1'}
                  idPrefix={prefix}
                  issues={issues}
                />
                <button type="submit" class="button">
                  {row.stocked ? a.stockSave : a.stockList}
                </button>
              </form>
            ) : null}
            {row.stocked ? (
              <form method="post" action={action} class="stock-remove">
                <input type="hidden" name="_csrf" value={csrfToken} />
                <input type="hidden" name="productId" value={String(row.productId)} />
                <input type="hidden" name="remove" value="1" />
                <button type="submit" class="link-button">
                  {a.stockRemove}
                </button>
              </form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
