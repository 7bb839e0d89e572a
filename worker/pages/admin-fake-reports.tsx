/** Staff and administrators review every report of a suspected fake (producers: portal/fake-reports.tsx). */
import { Hono, type Context } from 'hono';
import { AdminFakeReportsPage } from '../../web/pages/admin/AdminFakeReportsPage';
import { listFakeReports, REPORTS_PAGE_SIZE } from '../data/fake-reports';
import { adminAreaAccess } from '../domain/policy';
import { requireAccess, requireUser } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { readForm } from '../lib/form-body';
import { csrfToken } from '../lib/csrf';
import { pageContext } from '../lib/render';
import { privatePhoto } from '../lib/responses';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import { toFakeReportView } from '../presenters/traceability';
import { reportListQuery, reviewForm } from '../schemas/traceability';
import { reviewablePhoto, reviewReport } from '../services/fake-reports';

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

const reportId = (c: Context<AppEnv>) => Number(c.req.param('id'));

adminFakeReports.post('/admin/fake-reports/:id{[0-9]+}/review', async (c) => {
  const { status } = parseInput(c, reviewForm, await readForm(c));
  const report = await reviewReport(c.var.db, c.var.user!, reportId(c), status);
  return c.redirect(`/admin/fake-reports?reviewed=1#report-${report.id}`, StatusCodes.SEE_OTHER);
});

adminFakeReports.get('/admin/fake-reports/:id{[0-9]+}/photo', async (c) =>
  privatePhoto(await reviewablePhoto({ db: c.var.db, bucket: c.env.MEDIA }, c.var.user!, reportId(c))),
);
