/**
 * Reviewing reports of suspected fakes. Producers see and review the reports about their own
 * products here; staff and administrators review every report at /admin/fake-reports. Both
 * areas share the routes' work below and decide access with fakeReportAccess.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import { FakeReportsPage } from '../../../web/pages/portal/FakeReportsPage';
import {
  fakeReportStatuses,
  findFakeReport,
  listFakeReports,
  reviewFakeReport,
  type FakeReportRow,
} from '../../data/fake-reports';
import { fakeReportAccess } from '../../domain/policy';
import { enforce } from '../../lib/auth';
import type { AppEnv } from '../../lib/context';
import { csrfToken } from '../../lib/csrf';
import { notFound } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { reviewForm } from '../../schemas/traceability';
import { signedInUser, producerInScope } from './scope';
import { toFakeReportView } from './trace-present';

export const REPORTS_PAGE_SIZE = 30;

export const reportListQuery = z.object({
  status: z.preprocess((value) => (value === '' ? undefined : value), z.enum(fakeReportStatuses).optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** A report the signed-in user may review: its product's producer (or staff) only. */
export async function reviewableReport(c: Context<AppEnv>): Promise<FakeReportRow> {
  const report = await findFakeReport(c.var.db, Number(c.req.param('id')));
  if (!report) throw notFound();
  enforce(fakeReportAccess(signedInUser(c), report.producerId));
  return report;
}

/** Records the review and goes back to the list the form was on. */
export async function review(c: Context<AppEnv>, listPath: string) {
  const report = await reviewableReport(c);
  const { status } = parseInput(c, reviewForm, await readForm(c));
  await reviewFakeReport(c.var.db, signedInUser(c).id, report, status);
  return c.redirect(
    `${listPath}${listPath.includes('?') ? '&' : '?'}reviewed=1#report-${report.id}`,
    StatusCodes.SEE_OTHER,
  );
}

/** The consumer's photo, served only to those who may review the report, never cached. */
export async function reportPhoto(c: Context<AppEnv>) {
  const report = await reviewableReport(c);
  const object = report.photoKey ? await c.env.MEDIA.get(report.photoKey) : null;
  if (!object) throw notFound();
  return new Response(object.body, {
    headers: {
      'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    },
  });
}

export const fakeReportPages = new Hono<AppEnv>();

fakeReportPages.get('/fake-reports', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/fake-reports" />);
  const { status, page } = parseInput(c, reportListQuery, c.req.query());
  const producer = await c.var.db.query.producers.findFirst({
    columns: { name: true },
    where: (producers, { eq }) => eq(producers.id, scope.producerId),
  });
  if (!producer) throw notFound();
  const rows = await listFakeReports(
    c.var.db,
    { producerId: scope.producerId },
    { status },
    { limit: REPORTS_PAGE_SIZE, offset: (page - 1) * REPORTS_PAGE_SIZE },
  );
  const ctx = pageContext(c);
  return c.html(
    <FakeReportsPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerName={producer.name}
      producerParam={scope.producerParam}
      reports={rows.slice(0, REPORTS_PAGE_SIZE).map((row) => toFakeReportView(row, ctx.locale))}
      status={status}
      page={page}
      hasNext={rows.length > REPORTS_PAGE_SIZE}
      notice={c.req.query('reviewed') ? ctx.t.portal.fakeReports.reviewed : undefined}
    />,
  );
});

fakeReportPages.post('/fake-reports/:id{[0-9]+}/review', async (c) => {
  const scope = producerInScope(c);
  const path = scope?.producerParam ? `/portal/fake-reports?producer=${scope.producerParam}` : '/portal/fake-reports';
  return review(c, path);
});

fakeReportPages.get('/fake-reports/:id{[0-9]+}/photo', reportPhoto);
