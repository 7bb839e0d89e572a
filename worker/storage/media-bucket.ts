/**
 * Every object the platform keeps in R2 (the MEDIA bucket), with its key built here and nowhere
 * else. Three kinds share the bucket, told apart by key:
 * - product and sales point photos, `<uuid>.<ext>` at the top level: public, served at /media/<key>
 *   for a year;
 * - buyers' fake-report photos under `reports/`: private, shown only to those who review the report;
 * - scratch PINs waiting to be printed under `stamp-pins/`: private, deleted once printed stamps are
 *   activated or after a week (an R2 lifecycle rule on the prefix backs the nightly job up).
 */
import { photoTypes, type PhotoType } from '../domain/media';
import { randomUuid } from '../crypto/random';

/** Photos never change under their key, so browsers and the edge may keep them for a year. */
export const PHOTO_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const PUBLIC_PHOTO_KEY = /^[0-9a-f-]{36}\.(?:jpg|png|webp)$/;
const REPORT_PHOTO_PREFIX = 'reports/';
export const PIN_FILE_PREFIX = 'stamp-pins/';

/** Whether a key names a public product photo: what the /media route may serve. */
export const isPublicPhotoKey = (key: string): boolean => PUBLIC_PHOTO_KEY.test(key);

export const publicPhotoUrl = (key: string): string => `/media/${key}`;

/** The key behind a photo URL of ours, or null for any other URL (seeded art, older links). */
export function publicPhotoKeyOf(url: string): string | null {
  const key = url.startsWith('/media/') ? url.slice('/media/'.length) : '';
  return isPublicPhotoKey(key) ? key : null;
}

/** A key nobody can guess or enumerate for the next PIN file, before its row is written. */
export const newPinFileKey = (): string => `${PIN_FILE_PREFIX}${randomUuid()}.json`;

const photoKey = (type: PhotoType) => `${randomUuid()}.${photoTypes[type]}`;

/** Stores a product photo and answers its key. */
export async function putProductPhoto(bucket: R2Bucket, bytes: Uint8Array, type: PhotoType): Promise<string> {
  const key = photoKey(type);
  await bucket.put(key, bytes, { httpMetadata: { contentType: type, cacheControl: PHOTO_CACHE_CONTROL } });
  return key;
}

/** Stores a sales point's photo, public like a product's, and answers its key. */
export const putSalesPointPhoto = (bucket: R2Bucket, bytes: Uint8Array, type: PhotoType): Promise<string> =>
  putProductPhoto(bucket, bytes, type);

/** Stores a buyer's photo under the private prefix and answers its key. */
export async function putReportPhoto(bucket: R2Bucket, bytes: Uint8Array, type: PhotoType): Promise<string> {
  const key = `${REPORT_PHOTO_PREFIX}${photoKey(type)}`;
  await bucket.put(key, bytes, { httpMetadata: { contentType: type } });
  return key;
}

/** A public photo, or its metadata alone when the browser's copy (If-None-Match) is still good. */
export function getPublicPhoto(bucket: R2Bucket, key: string, conditional: Headers) {
  if (!isPublicPhotoKey(key)) return Promise.resolve(null);
  return bucket.get(key, { onlyIf: conditional });
}

export function getReportPhoto(bucket: R2Bucket, key: string): Promise<R2ObjectBody | null> {
  return key.startsWith(REPORT_PHOTO_PREFIX) ? bucket.get(key) : Promise.resolve(null);
}

/** The serial → PIN list of a run of sheets, kept until it is printed. */
export async function putPinFile(
  bucket: R2Bucket,
  key: string,
  pins: { serial: string; pin?: string | undefined }[],
): Promise<void> {
  const pairs = pins.flatMap((stamp) => (stamp.pin ? [[stamp.serial, stamp.pin]] : []));
  await bucket.put(key, JSON.stringify(pairs), {
    httpMetadata: { contentType: 'application/json', cacheControl: 'no-store' },
  });
}

/** Serial → PIN of every PIN file still there; a missing one simply contributes nothing. */
export async function readPinFiles(bucket: R2Bucket, keys: string[]): Promise<Map<string, string>> {
  const pins = new Map<string, string>();
  for (const key of keys) {
    const object = await bucket.get(key);
    if (!object) continue;
    for (const [serial, pin] of await object.json<[string, string][]>()) pins.set(serial, pin);
  }
  return pins;
}

export async function deleteObjects(bucket: R2Bucket, keys: string[]): Promise<void> {
  if (keys.length > 0) await bucket.delete(keys);
}
