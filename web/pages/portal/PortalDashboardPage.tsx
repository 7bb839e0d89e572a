import type { SubOrderStatus } from '../../../worker/domain/order-status';
import { BarChart, type Bar } from '../../components/BarChart';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { PortalShell } from './PortalShell';

export interface DashboardView {
  producerName: string;
  producerParam?: number | undefined;
  orders: { href: string; reference: string; status: SubOrderStatus; total: string; placedAt: string }[];
  lowStock: { productId: number; name: string; stock: number }[];
  expiring: {
    productId: number;
    name: string;
    stars: number;
    decisionNumber: string;
    validUntil: string;
    days: number;
  }[];
  scans: Bar[];
  scanTotal: number;
}

interface PortalDashboardPageProps {
  ctx: PageContext;
  view: DashboardView;
}

export function PortalDashboardPage({ ctx, view }: PortalDashboardPageProps) {
  const { t } = ctx;
  const d = t.portal.dashboard;
  const editHref = (id: number) => localHref(ctx, `/portal/products/${id}`);
  return (
    <PortalShell
      ctx={ctx}
      title={d.title}
      section="dashboard"
      producerName={view.producerName}
      producerParam={view.producerParam}
    >
      <h1>{d.title}</h1>
      <div class="portal-cards">
        <section class="portal-card" aria-labelledby="orders-title">
          <h2 id="orders-title">{d.toFulfil}</h2>
          {view.orders.length === 0 ? (
            <p>{d.noOrders}</p>
          ) : (
            <ul class="portal-list">
              {view.orders.map((order) => (
                <li>
                  <a href={order.href}>{d.orderLine(order.reference, order.total, order.placedAt)}</a>{' '}
                  <span class="tag">{t.order.statuses[order.status]}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="portal-card" aria-labelledby="expiring-title">
          <h2 id="expiring-title">{d.expiring}</h2>
          {view.expiring.length === 0 ? (
            <p>{d.noExpiring}</p>
          ) : (
            <>
              <ul class="portal-list">
                {view.expiring.map((item) => (
                  <li class="warning">
                    <a href={editHref(item.productId)}>{item.name}</a> ({t.certification.stars(item.stars)},{' '}
                    {item.decisionNumber}): {d.expiresOn(item.validUntil, item.days)}
                  </li>
                ))}
              </ul>
              <p class="hint">{d.renewHint}</p>
            </>
          )}
        </section>

        <section class="portal-card" aria-labelledby="low-stock-title">
          <h2 id="low-stock-title">{d.lowStock}</h2>
          {view.lowStock.length === 0 ? (
            <p>{d.noLowStock}</p>
          ) : (
            <ul class="portal-list">
              {view.lowStock.map((item) => (
                <li>
                  <a href={editHref(item.productId)}>{item.name}</a>: {d.stockLeft(item.stock)}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="portal-card" aria-labelledby="scans-title">
          <h2 id="scans-title">{d.scans}</h2>
          <BarChart bars={view.scans} title={d.chartLabel(view.scanTotal, view.scans.length)} />
          <p class="hint">{d.scansTotal(view.scanTotal)}</p>
        </section>
      </div>
    </PortalShell>
  );
}
