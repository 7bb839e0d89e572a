/**
 * Reports of suspected fakes: a buyer sends one from a stamp's scan page, optionally with a photo
 * kept privately in R2 (stored before its row, removed again if the row cannot be written); the
 * producer of the product, staff and administrators review them.
 */
import type { Database } from '../data/db';
import {
  createFakeReport,
  findFakeReport,
  reviewFakeReport,
  type FakeReportRow,
  type NewFakeReport,
} from '../data/fake-reports';
import { type ReviewedStatus } from '../domain/fake-report';
import { notFound } from '../domain/errors';
import { enforce, fakeReportAccess, type Actor } from '../domain/policy';
import { deleteObjects, getReportPhoto, putReportPhoto } from '../storage/media-bucket';
import type { PhotoUpload } from './photo-upload';

export async function sendFakeReport(
  deps: { db: Database; bucket: R2Bucket },
  report: Omit<NewFakeReport, 'photoKey'>,
  photo: PhotoUpload | null,
): Promise<number> {
  const photoKey = photo ? await putReportPhoto(deps.bucket, photo.bytes, photo.type) : null;
  try {
    return (await createFakeReport(deps.db, { ...report, photoKey })).reportId;
  } catch (error) {
    if (photoKey) await deleteObjects(deps.bucket, [photoKey]);
    throw error;
  }
}

/** A report `actor` may review: its product's producer (or staff) only; others are told it does not exist. */
export async function reviewableReport(db: Database, actor: Actor, reportId: number): Promise<FakeReportRow> {
  const report = await findFakeReport(db, reportId);
  if (!report) throw notFound();
  enforce(fakeReportAccess(actor, report.producerId));
  return report;
}

export async function reviewReport(db: Database, actor: Actor, reportId: number, status: ReviewedStatus) {
  const report = await reviewableReport(db, actor, reportId);
  await reviewFakeReport(db, actor.id, report, status);
  return report;
}

/** The buyer's photo of a report `actor` may review; null when the report has none. */
export async function reviewablePhoto(deps: { db: Database; bucket: R2Bucket }, actor: Actor, reportId: number) {
  const report = await reviewableReport(deps.db, actor, reportId);
  return report.photoKey ? getReportPhoto(deps.bucket, report.photoKey) : null;
}
