/**
 * Reviewing reports of suspected fakes: producers see and review the reports about their own
 * products here; staff and administrators review every report at /admin/fake-reports.
 */
import { Hono, type Context } from 'hono';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import { FakeReportsPage } from '../../../web/pages/portal/FakeReportsPage';
import { listFakeReports, REPORTS_PAGE_SIZE } from '../../data/fake-reports';
import { findProducerName } from '../../data/producers';
import type { AppEnv } from '../../lib/context';
import { readForm } from '../../lib/form-body';
import { csrfToken } from '../../lib/csrf';
import { notFound } from '../../lib/errors';
import { pageContext } from '../../lib/render';
import { privatePhoto } from '../../lib/responses';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { toFakeReportView } from '../../presenters/traceability';
import { reportListQuery, reviewForm } from '../../schemas/traceability';
import { reviewablePhoto, reviewReport } from '../../services/fake-reports';
import { producerInScope, signedInUser } from './scope';

export const fakeReportPages = new Hono<AppEnv>();

fakeReportPages.get('/fake-reports', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/fake-reports" />);
  const { status, page } = parseInput(c, reportListQuery, c.req.query());
  const [producerName, rows] = await Promise.all([
    findProducerName(c.var.db, scope.producerId),
    listFakeReports(
      c.var.db,
      { producerId: scope.producerId },
      { status },
      { limit: REPORTS_PAGE_SIZE, offset: (page - 1) * REPORTS_PAGE_SIZE },
    ),
  ]);
  if (producerName === null) throw notFound();
  const ctx = pageContext(c);
  return c.html(
    <FakeReportsPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerName={producerName}
      producerParam={scope.producerParam}
      reports={rows.slice(0, REPORTS_PAGE_SIZE).map((row) => toFakeReportView(row, ctx.locale))}
      status={status}
      page={page}
      hasNext={rows.length > REPORTS_PAGE_SIZE}
      notice={c.req.query('reviewed') ? ctx.t.portal.fakeReports.reviewed : undefined}
    />,
  );
});

const reportId = (c: Context<AppEnv>) => Number(c.req.param('id'));

fakeReportPages.post('/fake-reports/:id{[0-9]+}/review', async (c) => {
  const { status } = parseInput(c, reviewForm, await readForm(c));
  const report = await reviewReport(c.var.db, signedInUser(c), reportId(c), status);
  const producer = producerInScope(c)?.producerParam;
  const list = producer ? `/portal/fake-reports?producer=${producer}&` : '/portal/fake-reports?';
  return c.redirect(`${list}reviewed=1#report-${report.id}`, StatusCodes.SEE_OTHER);
});

fakeReportPages.get('/fake-reports/:id{[0-9]+}/photo', async (c) =>
  privatePhoto(await reviewablePhoto({ db: c.var.db, bucket: c.env.MEDIA }, signedInUser(c), reportId(c))),
);
