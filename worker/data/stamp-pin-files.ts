/**
 * The rows that name the R2 objects where scratch PINs wait to be printed (the objects themselves:
 * worker/storage/media-bucket.ts). A row goes when the whole batch is activated, or when its
 * expiry passes (the nightly job), and its object with it.
 */
import { eq, lte } from 'drizzle-orm';
import { stampPinFiles } from '../../db/schema';
import type { Database } from './db';

/** Rows past their expiry are deleted; answers the keys of their objects, for the caller to delete. */
export async function deleteExpiredPinFileRows(db: Database, now: Date): Promise<string[]> {
  const expired = await db
    .delete(stampPinFiles)
    .where(lte(stampPinFiles.expiresAt, now.toISOString()))
    .returning({ objectKey: stampPinFiles.objectKey });
  return expired.map((row) => row.objectKey);
}

/** The row of an object that could not be written: without it the batch page tells the truth. */
export async function forgetPinFile(db: Database, objectKey: string): Promise<void> {
  await db.delete(stampPinFiles).where(eq(stampPinFiles.objectKey, objectKey));
}
