import type { Child } from 'hono/jsx';
import type { Role } from '../../../worker/domain/policy';
import { Layout } from '../../components/Layout';
import { SectionMenu } from '../../components/SectionMenu';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';

export type AdminSection =
  | 'home'
  | 'certificationOverview'
  | 'certifications'
  | 'certificationUpload'
  | 'fakeReports'
  | 'salesPoints'
  | 'fairs'
  | 'orders'
  | 'payments'
  | 'users'
  | 'organisations'
  | 'tokens'
  | 'audit';

interface AdminShellProps {
  ctx: PageContext;
  role: Role;
  section: AdminSection;
  title: string;
  children?: Child;
}

/** Every /admin page: the site layout, the admin sections this role may open, the page itself. */
export function AdminShell({ ctx, role, section, title, children }: AdminShellProps) {
  const { t } = ctx;
  const links: [AdminSection, string, string][] = [
    ['home', '/admin', t.admin.home],
    ['certificationOverview', '/admin/certifications/overview', t.adminCertifications.nav.overview],
    ['fakeReports', '/admin/fake-reports', t.portal.fakeReports.title],
    ['salesPoints', '/admin/sales-points', t.adminSalesPoints.title],
    ['fairs', '/admin/fairs', t.adminFairs.title],
    ['orders', '/admin/orders', t.adminOrders.nav],
    ['payments', '/admin/payments', t.adminOrders.paymentsNav],
  ];
  if (role === 'admin') {
    links.push(
      ['certifications', '/admin/certifications', t.adminCertifications.nav.list],
      ['certificationUpload', '/admin/certifications/upload', t.adminCertifications.nav.upload],
      ['users', '/admin/users', t.admin.users],
      ['organisations', '/admin/organisations', t.admin.organisations],
      ['tokens', '/admin/api-tokens', t.admin.apiTokens],
      ['audit', '/admin/audit', t.admin.audit],
    );
  }
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="admin">
        <SectionMenu
          label={t.admin.nav}
          links={links.map(([key, path, label]) => ({
            href: localHref(ctx, path),
            label,
            current: key === section,
          }))}
        />
        <section class="admin-main">
          <h1>{title}</h1>
          {children}
        </section>
      </div>
    </Layout>
  );
}

/** Previous/next links for a list fetched with one extra row. */
export function AdminPager({
  ctx,
  url,
  page,
  hasNext,
}: {
  ctx: PageContext;
  url: URL;
  page: number;
  hasNext: boolean;
}) {
  const { t } = ctx;
  if (page === 1 && !hasNext) return null;
  const at = (n: number) => {
    const next = new URL(url);
    next.searchParams.set('page', String(n));
    return `${next.pathname}${next.search}`;
  };
  return (
    <nav class="admin-pager" aria-label={t.admin.pagination}>
      {page > 1 ? <a href={at(page - 1)}>{t.admin.previous}</a> : null}
      {hasNext ? <a href={at(page + 1)}>{t.admin.next}</a> : null}
    </nav>
  );
}

/** The hidden CSRF field every admin form carries. */
export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
