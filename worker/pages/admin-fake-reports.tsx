/** Staff and administrators review every report of a suspected fake (see portal/fake-reports.tsx). */
import { Hono } from 'hono';
import { AdminFakeReportsPage } from '../../web/pages/admin/AdminFakeReportsPage';
import { listFakeReports } from '../data/fake-reports';
import { adminAreaAccess } from '../domain/policy';
import { requireAccess, requireUser } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { csrfToken } from '../lib/csrf';
import { pageContext } from '../lib/render';
import { parseInput } from '../lib/validation';
import { REPORTS_PAGE_SIZE, reportListQuery, reportPhoto, review } from './portal/fake-reports';
import { toFakeReportView } from './portal/trace-present';

export const adminFakeReports = new Hono<AppEnv>();

for (const path of ['/admin/fake-reports', '/admin/fake-reports/*']) {
  adminFakeReports.use(path, requireUser, requireAccess(adminAreaAccess));
}

adminFakeReports.get('/admin/fake-reports', async (c) => {
  const { status, page } = parseInput(c, reportListQuery, c.req.query());
  const rows = await listFakeReports(
    c.var.db,
    'all',
    { status },
    { limit: REPORTS_PAGE_SIZE, offset: (page - 1) * REPORTS_PAGE_SIZE },
  );
  const ctx = pageContext(c);
  return c.html(
    <AdminFakeReportsPage
      ctx={ctx}
      role={c.var.user!.role}
      csrfToken={csrfToken(c)}
      reports={rows.slice(0, REPORTS_PAGE_SIZE).map((row) => toFakeReportView(row, ctx.locale))}
      status={status}
      page={page}
      hasNext={rows.length > REPORTS_PAGE_SIZE}
      notice={c.req.query('reviewed') ? ctx.t.portal.fakeReports.reviewed : undefined}
    />,
  );
});

adminFakeReports.post('/admin/fake-reports/:id{[0-9]+}/review', (c) => review(c, '/admin/fake-reports'));

adminFakeReports.get('/admin/fake-reports/:id{[0-9]+}/photo', reportPhoto);
