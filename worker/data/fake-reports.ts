/**
 * Reports of suspected counterfeits, sent from a stamp's scan page (or from a path that is no
 * stamp at all) and reviewed by the producer and by trade-promotion staff.
 */
import { fakeReports } from '../../db/schema';
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
