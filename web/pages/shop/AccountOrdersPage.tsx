import { Layout } from '../../components/Layout';
import type { OrderListItemView } from '../../order-views';
import type { PageContext } from '../../page-context';

interface AccountOrdersPageProps {
  ctx: PageContext;
  orders: OrderListItemView[];
}

/** A signed-in buyer's orders, each linking to its order page. */
export function AccountOrdersPage({ ctx, orders }: AccountOrdersPageProps) {
  const { t } = ctx;
  const a = t.account;
  return (
    <Layout ctx={ctx} title={a.ordersTitle} noindex>
      <div class="shop narrow">
        <h1>{a.ordersTitle}</h1>
        {orders.length === 0 ? (
          <p>{a.noOrders}</p>
        ) : (
          <ul class="order-list" role="list">
            {orders.map((order) => (
              <li class="panel">
                <a href={order.href}>
                  <code>{order.reference}</code>
                </a>
                <br />
                {order.placedAt} · {order.total} · {order.paymentLabel}
                <br />
                <strong>{order.statusLabel}</strong>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}
