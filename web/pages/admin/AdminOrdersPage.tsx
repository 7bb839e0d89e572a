import { localHref } from '../../href';
import type { OrderListItemView } from '../../order-views';
import type { PageContext } from '../../page-context';
import type { Role } from '../../../worker/domain/policy';
import { AdminPager, AdminShell } from './AdminShell';

interface AdminOrdersPageProps {
  ctx: PageContext;
  role: Role;
  orders: OrderListItemView[];
  query: string;
  page: number;
  hasNext: boolean;
}

/** Every order, newest first, searchable by reference, phone or buyer name. */
export function AdminOrdersPage({ ctx, role, orders, query, page, hasNext }: AdminOrdersPageProps) {
  const { t } = ctx;
  const a = t.adminOrders;
  return (
    <AdminShell ctx={ctx} role={role} section="orders" title={a.title}>
      <form method="get" action={localHref(ctx, '/admin/orders')} class="admin-filters" role="search">
        <label for="q">{a.search}</label>
        <input id="q" name="q" value={query} />
        <button type="submit">{a.searchButton}</button>
      </form>
      {orders.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <table class="admin-table stacked">
          <caption class="visually-hidden">{a.title}</caption>
          <thead>
            <tr>
              <th scope="col">{a.reference}</th>
              <th scope="col">{a.placedAt}</th>
              <th scope="col">{a.buyer}</th>
              <th scope="col">{a.payment}</th>
              <th scope="col" class="num">
                {a.total}
              </th>
              <th scope="col">{a.status}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr>
                <td data-label={a.reference}>
                  <a href={order.href}>
                    <code>{order.reference}</code>
                  </a>
                </td>
                <td data-label={a.placedAt}>{order.placedAt}</td>
                <td data-label={a.buyer}>{order.buyer}</td>
                <td data-label={a.payment}>{order.paymentLabel}</td>
                <td data-label={a.total} class="num">
                  {order.total}
                </td>
                <td data-label={a.status}>{order.statusLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AdminPager ctx={ctx} url={ctx.url} page={page} hasNext={hasNext} />
    </AdminShell>
  );
}
