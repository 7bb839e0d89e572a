import type { Child } from 'hono/jsx';
import { Layout } from '../../components/Layout';
import { SectionMenu } from '../../components/SectionMenu';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';

export type PortalSection =
  | 'dashboard'
  | 'orders'
  | 'products'
  | 'shipping'
  | 'lots'
  | 'stamps'
  | 'fakeReports'
  | 'scans'
  | 'salesPoints'
  | 'fairs'
  | 'profile';

interface PortalShellProps {
  ctx: PageContext;
  title: string;
  section: PortalSection;
  producerName: string;
  /** Keeps an administrator's chosen producer on every portal link. */
  producerParam?: number | undefined;
  notice?: string | undefined;
  children?: Child;
}

export function PortalShell({ ctx, title, section, producerName, producerParam, notice, children }: PortalShellProps) {
  const { t } = ctx;
  const link = (path: string) => localHref(ctx, path, { producer: producerParam });
  const items: { key: PortalSection; path: string; label: string }[] = [
    { key: 'dashboard', path: '/portal', label: t.portal.nav.dashboard },
    { key: 'orders', path: '/portal/orders', label: t.portal.nav.orders },
    { key: 'products', path: '/portal/products', label: t.portal.nav.products },
    { key: 'shipping', path: '/portal/shipping', label: t.portal.nav.shipping },
    { key: 'lots', path: '/portal/lots', label: t.portal.nav.lots },
    { key: 'stamps', path: '/portal/stamp-batches', label: t.portal.nav.stamps },
    { key: 'fakeReports', path: '/portal/fake-reports', label: t.portal.nav.fakeReports },
    { key: 'scans', path: '/portal/scans', label: t.portal.nav.scans },
    { key: 'salesPoints', path: '/portal/sales-points', label: t.portalSalesPoints.title },
    { key: 'fairs', path: '/portal/fairs', label: t.portal.nav.fairs },
    { key: 'profile', path: '/portal/profile', label: t.portal.nav.profile },
  ];
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="portal">
        <SectionMenu
          label={t.portal.nav.label}
          owner={producerName}
          links={items.map((item) => ({ href: link(item.path), label: item.label, current: item.key === section }))}
        />
        {notice ? (
          <p class="alert alert-success" role="status">
            {notice}
          </p>
        ) : null}
        {children}
      </div>
    </Layout>
  );
}
