import { OrderBuyerFacts } from '../../components/OrderBuyerFacts';
import { OrderPart } from '../../components/OrderPart';
import { localHref } from '../../href';
import type { OrderView } from '../../order-views';
import type { PageContext } from '../../page-context';
import type { FieldIssue } from '../../../worker/domain/errors';
import type { Role } from '../../../worker/domain/policy';
import { AdminShell } from './AdminShell';

interface AdminOrderPageProps {
  ctx: PageContext;
  role: Role;
  csrfToken: string;
  orderId: number;
  order: OrderView;
  payments: string[];
  notice?: string | undefined;
  issues?: FieldIssue[];
}

/** An order as staff see it: the buyer, every part with its history, the money, and staff's own moves. */
export function AdminOrderPage({
  ctx,
  role,
  csrfToken,
  orderId,
  order,
  payments,
  notice,
  issues = [],
}: AdminOrderPageProps) {
  const { t } = ctx;
  const a = t.adminOrders;
  const o = t.order;
  return (
    <AdminShell ctx={ctx} role={role} section="orders" title={o.title(order.reference)}>
      <p>
        <a href={localHref(ctx, '/admin/orders')}>{a.backToList}</a>
      </p>
      {notice ? (
        <p class="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      {issues.length > 0 ? (
        <div class="alert alert-error" role="alert">
          <ul>
            {issues.map((issue) => (
              <li>{issue.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <dl class="facts">
        <dt>{o.status}</dt>
        <dd>{order.statusLabel}</dd>
        <dt>{a.placedAt}</dt>
        <dd>{order.placedAt}</dd>
        <OrderBuyerFacts ctx={ctx} order={order} />
        <dt>{o.payment}</dt>
        <dd>{order.paymentLabel}</dd>
        <dt>{o.total}</dt>
        <dd>{order.total}</dd>
      </dl>
      <section aria-labelledby="payments-title">
        <h2 id="payments-title">{a.payments}</h2>
        {payments.length === 0 ? (
          <p>{a.noPayments}</p>
        ) : (
          <ul>
            {payments.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        )}
      </section>
      {order.parts.map((part) => (
        <OrderPart
          ctx={ctx}
          part={part}
          csrfToken={csrfToken}
          actionPath={localHref(ctx, `/admin/orders/${orderId}/parts/${part.id}/status`)}
        />
      ))}
    </AdminShell>
  );
}
