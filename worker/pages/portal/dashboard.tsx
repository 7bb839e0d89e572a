import { Hono } from 'hono';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import { PortalDashboardPage } from '../../../web/pages/portal/PortalDashboardPage';
import { PortalProductsPage } from '../../../web/pages/portal/PortalProductsPage';
import { listPortalProducts } from '../../data/products';
import { loadDashboard } from '../../data/dashboard';
import { formatVnd } from '../../domain/money';
import type { AppEnv } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { pageContext } from '../../lib/render';
import { toDashboardView } from '../../presenters/products';
import { producerInScope } from './scope';

export const dashboard = new Hono<AppEnv>();

dashboard.get('/', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal" />);
  const data = await loadDashboard(c.var.db, scope.producerId, c.var.today);
  if (!data) throw notFound();
  return c.html(
    <PortalDashboardPage ctx={pageContext(c)} view={toDashboardView(data, c.var.today, scope.producerParam)} />,
  );
});

dashboard.get('/products', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/products" />);
  const data = await listPortalProducts(c.var.db, scope.producerId);
  if (!data) throw notFound();
  return c.html(
    <PortalProductsPage
      ctx={pageContext(c)}
      producerName={data.producer.name}
      producerParam={scope.producerParam}
      products={data.items.map((item) => ({
        id: item.id,
        name: item.nameVi,
        price: item.price === null ? null : formatVnd(item.price),
        stock: item.stock,
        stars:
          item.ocopStars !== null && item.certifiedUntil !== null && item.certifiedUntil >= c.var.today
            ? item.ocopStars
            : null,
        isPublished: item.isPublished,
      }))}
    />,
  );
});
