import { OrderPart } from '../../components/OrderPart';
import { localHref } from '../../href';
import type { OrderPartView } from '../../order-views';
import type { PageContext } from '../../page-context';
import type { FieldIssue } from '../../../worker/domain/errors';
import { PortalShell } from './PortalShell';

interface PortalOrderPageProps {
  ctx: PageContext;
  csrfToken: string;
  producerName: string;
  producerParam?: number | undefined;
  part: OrderPartView;
  buyer: { name: string; phone: string; email: string | null; address: string | null; note: string | null };
  paymentLabel: string;
  waiting: string | null;
  notice?: string | undefined;
  issues?: FieldIssue[];
}

/** One part of an order as its producer fulfils it: the buyer to call, the goods, the next step. */
export function PortalOrderPage(props: PortalOrderPageProps) {
  const { ctx, part, buyer, issues = [] } = props;
  const { t } = ctx;
  const o = t.portal.orders;
  return (
    <PortalShell
      ctx={ctx}
      title={o.partTitle(part.reference)}
      section="orders"
      producerName={props.producerName}
      producerParam={props.producerParam}
      notice={props.notice}
    >
      <p>
        <a href={localHref(ctx, '/portal/orders', { producer: props.producerParam })}>{o.backToList}</a>
      </p>
      <h1>{o.partTitle(part.reference)}</h1>
      {issues.length > 0 ? (
        <div class="alert alert-error" role="alert">
          <ul>
            {issues.map((issue) => (
              <li>{issue.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.waiting ? <p class="hint">{props.waiting}</p> : null}
      <section class="portal-card" aria-labelledby="buyer-title">
        <h2 id="buyer-title">{o.buyerContact}</h2>
        <p>
          {buyer.name} · <a href={`tel:${buyer.phone.replace(/\s/g, '')}`}>{buyer.phone}</a>
          {buyer.email ? ` · ${buyer.email}` : ''}
        </p>
        {buyer.address ? <p>{buyer.address}</p> : null}
        {buyer.note ? (
          <p>
            {t.order.note}: {buyer.note}
          </p>
        ) : null}
        <p class="hint">{props.paymentLabel}</p>
      </section>
      <OrderPart
        ctx={ctx}
        part={part}
        csrfToken={props.csrfToken}
        actionPath={localHref(ctx, `/portal/orders/${part.id}/status`, { producer: props.producerParam })}
      />
      {part.actions.length === 0 ? <p class="hint">{o.noActions}</p> : null}
    </PortalShell>
  );
}
