/**
 * The nightly cron (wrangler.toml, 00:05 Vietnam time): certificates past their valid-until date
 * are marked expired, and stamp PINs kept for printing past their time are deleted, rows first so
 * no page offers a file whose PINs are gone.
 */
import { expireLapsedCertifications } from '../data/certifications';
import type { Database } from '../data/db';
import { deleteExpiredPinFileRows } from '../data/stamp-pin-files';
import { vietnamDate } from '../domain/time';
import { deleteObjects } from '../storage/media-bucket';

export function expireCertifications(db: Database, at: Date): Promise<number> {
  return expireLapsedCertifications(db, vietnamDate(at), at);
}

/** Answers how many PIN files went. */
export async function deleteExpiredPinFiles(db: Database, bucket: R2Bucket, at: Date): Promise<number> {
  const keys = await deleteExpiredPinFileRows(db, at);
  await deleteObjects(bucket, keys);
  return keys.length;
}
