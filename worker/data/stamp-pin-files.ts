/**
 * Scratch PINs waiting to be printed. The database keeps only their HMACs, yet a print file must
 * show them, so at issuance (and at each reprint) the serial → PIN list goes into one object of
 * the MEDIA bucket under a random key, named by a stamp_pin_files row. The object is deleted
 * when the whole batch is activated (the stamps are on the packages) or PIN_FILE_DAYS after it
 * was written, by the nightly job; either way the batch page then says PINs can no longer be printed.
 *
 * In production an R2 lifecycle rule on the prefix (delete after PIN_FILE_DAYS + 1 days) catches
 * an object whose deletion failed after its row was gone.
 */
import { eq, lte } from 'drizzle-orm';
import { stampPinFiles } from '../../db/schema';
import type { Database } from './db';
import type { PinFileRecord } from './stamp-batches';

export const PIN_FILE_DAYS = 7;
export const PIN_FILE_PREFIX = 'stamp-pins/';

type Bucket = Pick<R2Bucket, 'put' | 'get' | 'delete'>;

/** A key nobody can guess, and the expiry to record with it. */
export function newPinFile(now: Date): PinFileRecord {
  return {
    objectKey: `${PIN_FILE_PREFIX}${crypto.randomUUID()}.json`,
    expiresAt: new Date(now.getTime() + PIN_FILE_DAYS * 86_400_000).toISOString(),
  };
}

export async function storePins(
  bucket: Bucket,
  objectKey: string,
  pins: { serial: string; pin?: string | undefined }[],
): Promise<void> {
  const pairs = pins.flatMap((stamp) => (stamp.pin ? [[stamp.serial, stamp.pin]] : []));
  await bucket.put(objectKey, JSON.stringify(pairs), {
    httpMetadata: { contentType: 'application/json', cacheControl: 'no-store' },
  });
}

/** Serial → PIN of every object still there; a missing object simply contributes nothing. */
export async function readPins(bucket: Bucket, objectKeys: string[]): Promise<Map<string, string>> {
  const pins = new Map<string, string>();
  for (const key of objectKeys) {
    const object = await bucket.get(key);
    if (!object) continue;
    for (const [serial, pin] of await object.json<[string, string][]>()) pins.set(serial, pin);
  }
  return pins;
}

export async function deletePinObjects(bucket: Bucket, objectKeys: string[]): Promise<void> {
  if (objectKeys.length > 0) await bucket.delete(objectKeys);
}

/** The nightly sweep: rows past their expiry go, then their objects. */
export async function deleteExpiredPinFiles(db: Database, bucket: Bucket, now: Date): Promise<number> {
  const expired = await db
    .delete(stampPinFiles)
    .where(lte(stampPinFiles.expiresAt, now.toISOString()))
    .returning({ objectKey: stampPinFiles.objectKey });
  await deletePinObjects(
    bucket,
    expired.map((row) => row.objectKey),
  );
  return expired.length;
}

/** The row of an object that could not be written: without it the batch page tells the truth. */
export async function forgetPinFile(db: Database, objectKey: string): Promise<void> {
  await db.delete(stampPinFiles).where(eq(stampPinFiles.objectKey, objectKey));
}
