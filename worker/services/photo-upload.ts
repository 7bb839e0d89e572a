/**
 * The photo field of a form (a producer's product photo, a buyer's fake-report photo): a file
 * within the size limit that is, as a whole, a well-formed JPEG, PNG or WebP image, recognised from
 * its bytes, never from its name or the browser's claim, so nothing but an image is ever served as
 * one from our origin.
 */
import { problem, refused } from '../domain/errors';
import { imageSize } from '../domain/image-files';
import { MAX_PHOTO_BYTES, photoTypeOf, type PhotoType } from '../domain/media';

export interface PhotoUpload {
  bytes: Uint8Array;
  type: PhotoType;
  /** As a viewer shows it, so an Open Graph tag can announce it (null when the headers do not say). */
  width: number | null;
  height: number | null;
}

/** The photo sent in `file`, or null when none was chosen; refused when it is not one we take. */
export async function optionalPhoto(file: unknown): Promise<PhotoUpload | null> {
  if (!(file instanceof File) || file.size === 0) return null;
  if (file.size > MAX_PHOTO_BYTES) {
    throw refused(problem('photo', 'photo_too_large', { megabytes: MAX_PHOTO_BYTES / 1024 / 1024 }));
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = photoTypeOf(bytes);
  if (!type) throw refused(problem('photo', 'photo_type'));
  const size = imageSize(bytes);
  return { bytes, type, width: size?.width ?? null, height: size?.height ?? null };
}

export async function requiredPhoto(file: unknown): Promise<PhotoUpload> {
  const photo = await optionalPhoto(file);
  if (!photo) throw refused(problem('photo', 'photo_missing'));
  return photo;
}
