import { localHref, withParams } from '../../href';
import type { ProducerOrderListItemView } from '../../order-views';
import type { PageContext } from '../../page-context';
import { PortalShell } from './PortalShell';

interface PortalOrdersPageProps {
  ctx: PageContext;
  csrfToken: string;
  producerName: string;
  producerParam?: number | undefined;
  orders: ProducerOrderListItemView[];
  /** The filter chosen: 'open' (to fulfil) or 'all'. */
  filter: 'open' | 'all';
  page: number;
  hasNext: boolean;
}

/** A producer's parts of orders, those to fulfil first by default. */
export function PortalOrdersPage(props: PortalOrdersPageProps) {
  const { ctx, orders, filter, page, hasNext } = props;
  const { t } = ctx;
  const o = t.portal.orders;
  const filterHref = (value: 'open' | 'all') =>
    localHref(ctx, '/portal/orders', { producer: props.producerParam, show: value === 'all' ? 'all' : undefined });
  return (
    <PortalShell
      ctx={ctx}
      title={o.title}
      section="orders"
      producerName={props.producerName}
      producerParam={props.producerParam}
    >
      <h1>{o.title}</h1>
      <p class="hint">{o.intro}</p>
      <nav aria-label={o.filter} class="filter-links">
        <a href={filterHref('open')} aria-current={filter === 'open' ? 'page' : undefined}>
          {o.toFulfil}
        </a>{' '}
        <a href={filterHref('all')} aria-current={filter === 'all' ? 'page' : undefined}>
          {o.all}
        </a>
      </nav>
      {orders.length === 0 ? (
        <p>{o.empty}</p>
      ) : (
        <ul class="portal-list order-list" role="list">
          {orders.map((order) => (
            <li class="portal-card">
              <h2>
                <a href={order.href}>
                  <code>{order.reference}</code>
                </a>
              </h2>
              <p>
                <span class={`status status-${order.status}`}>{order.statusLabel}</span>
              </p>
              <p>
                {order.placedAt} · {order.buyerName} · <strong>{order.total}</strong>
              </p>
              <p class="hint">
                {order.delivery} · {order.paymentLabel}
              </p>
            </li>
          ))}
        </ul>
      )}
      {page > 1 || hasNext ? (
        <nav class="pagination" aria-label={t.catalogue.pagination}>
          <ul>
            {page > 1 ? (
              <li>
                <a href={withParams(ctx.url, { page: page - 1 })}>{o.previous}</a>
              </li>
            ) : null}
            {hasNext ? (
              <li>
                <a href={withParams(ctx.url, { page: page + 1 })}>{o.next}</a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </PortalShell>
  );
}
