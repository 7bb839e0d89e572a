import type { Child } from 'hono/jsx';
import { Layout } from '../../components/Layout';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';

export type PortalSection =
  'dashboard' | 'orders' | 'products' | 'shipping' | 'lots' | 'stamps' | 'fakeReports' | 'scans' | 'profile';

interface PortalShellProps {
  ctx: PageContext;
  title: string;
  section: PortalSection;
  producerName: string;
  /** Keeps an administrator's chosen producer on every portal link. */
  producerParam?: number | undefined;
  csrfToken: string;
  notice?: string | undefined;
  children?: Child;
}

export function PortalShell({
  ctx,
  title,
  section,
  producerName,
  producerParam,
  csrfToken,
  notice,
  children,
}: PortalShellProps) {
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
    { key: 'profile', path: '/portal/profile', label: t.portal.nav.profile },
  ];
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="portal">
        <div class="portal-bar">
          <p class="portal-org">{producerName}</p>
          <nav aria-label={t.portal.nav.label} class="portal-nav">
            {items.map((item) => (
              <a href={link(item.path)} aria-current={item.key === section ? 'page' : undefined}>
                {item.label}
              </a>
            ))}
          </nav>
          <form method="post" action="/logout" class="portal-logout">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button type="submit" class="link-button">
              {t.auth.logout}
            </button>
          </form>
        </div>
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
