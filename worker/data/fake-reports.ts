/**
 * Reports of suspected counterfeits, sent from a stamp's scan page (or from a path that is no
 * stamp at all) and reviewed by the producer and by trade-promotion staff.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { fakeReports, producers, products, stamps } from '../../db/schema';
import type { FakeReportStatus, ReviewedStatus } from '../domain/fake-report';
import { auditStatement } from './audit';
import type { Database } from './db';

export interface NewFakeReport {
  /** Null when the scanned code is not one the platform issued. */
  stampId: number | null;
  /** The path as the consumer scanned it, kept even when it names no stamp. */
  scannedPath: string;
  productId: number | null;
  message: string | null;
  /** Key of the photo in the MEDIA bucket, if one was attached. */
  photoKey: string | null;
  contact: string | null;
  /** Province the report came from (request.cf), if known. */
  province: string | null;
}

export async function createFakeReport(db: Database, report: NewFakeReport): Promise<{ reportId: number }> {
  const [row] = await db.insert(fakeReports).values(report).returning({ id: fakeReports.id });
  return { reportId: row!.id };
}

/** Reports a list page shows. */
export const REPORTS_PAGE_SIZE = 30;

/** Whose reports a list shows: one producer's (about its products) or, for staff, everyone's. */
export type FakeReportScope = { producerId: number } | 'all';

const reportColumns = {
  id: fakeReports.id,
  scannedPath: fakeReports.scannedPath,
  message: fakeReports.message,
  photoKey: fakeReports.photoKey,
  contact: fakeReports.contact,
  province: fakeReports.province,
  status: fakeReports.status,
  reviewedAt: fakeReports.reviewedAt,
  createdAt: fakeReports.createdAt,
  productId: products.id,
  productName: products.nameVi,
  producerId: products.producerId,
  producerName: producers.name,
  serial: stamps.serial,
};

/**
 * A page of reports, open ones first, newest first within each status; one row more than
 * `limit` tells the caller there is a next page. A producer sees only reports tied to its products.
 */
export async function listFakeReports(
  db: Database,
  scope: FakeReportScope,
  filter: { status?: FakeReportStatus | undefined },
  page: { limit: number; offset: number },
) {
  return db
    .select(reportColumns)
    .from(fakeReports)
    .leftJoin(products, eq(products.id, fakeReports.productId))
    .leftJoin(producers, eq(producers.id, products.producerId))
    .leftJoin(stamps, eq(stamps.id, fakeReports.stampId))
    .where(
      and(
        scope === 'all' ? undefined : eq(products.producerId, scope.producerId),
        filter.status ? eq(fakeReports.status, filter.status) : undefined,
      ),
    )
    .orderBy(sql`${fakeReports.status} = 'open' DESC`, desc(fakeReports.createdAt), desc(fakeReports.id))
    .limit(page.limit + 1)
    .offset(page.offset);
}

export type FakeReportRow = Awaited<ReturnType<typeof listFakeReports>>[number];

export async function findFakeReport(db: Database, reportId: number): Promise<FakeReportRow | null> {
  const [row] = await db
    .select(reportColumns)
    .from(fakeReports)
    .leftJoin(products, eq(products.id, fakeReports.productId))
    .leftJoin(producers, eq(producers.id, products.producerId))
    .leftJoin(stamps, eq(stamps.id, fakeReports.stampId))
    .where(eq(fakeReports.id, reportId));
  return row ?? null;
}

/** Marks a report confirmed or dismissed (a later review may change its mind), with its audit entry. */
export async function reviewFakeReport(
  db: Database,
  actorUserId: number,
  report: Pick<FakeReportRow, 'id' | 'status'>,
  status: ReviewedStatus,
): Promise<void> {
  await db.batch([
    db
      .update(fakeReports)
      .set({ status, reviewedBy: actorUserId, reviewedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` })
      .where(eq(fakeReports.id, report.id)),
    auditStatement(db, {
      actorUserId,
      action: 'fake_report.review',
      entity: 'fake_report',
      entityId: report.id,
      before: { status: report.status },
      after: { status },
    }),
  ]);
}
