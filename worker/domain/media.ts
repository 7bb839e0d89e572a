/**
 * Photos producers and buyers upload. The type is decided by the bytes, never by the file name or
 * the browser's claim, and the whole file must be that type: a renamed text file, a 3-byte
 * "JPEG" or an image with a web page in or after it must never be stored and served from our origin.
 */
import {
  containsMarkup,
  isWellFormedJpeg,
  isWellFormedPng,
  isWellFormedWebp,
  JPEG_SOI,
  PNG_SIGNATURE,
  RIFF,
  startsWith,
  WEBP,
} from './image-files';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export const photoTypes = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;

export type PhotoType = keyof typeof photoTypes;

/** The image type the leading bytes announce, or null when they are not JPEG, PNG or WebP. */
function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, [...JPEG_SOI, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  return null;
}

const wellFormed: Record<PhotoType, (bytes: Uint8Array) => boolean> = {
  'image/jpeg': isWellFormedJpeg,
  'image/png': isWellFormedPng,
  'image/webp': isWellFormedWebp,
};

/**
 * The type of a photo we take: a whole, well-formed JPEG, PNG or WebP file (worker/domain/image-files.ts)
 * with no HTML or SVG markup in it. Null for anything else.
 */
export function photoTypeOf(bytes: Uint8Array): PhotoType | null {
  const type = sniffPhotoType(bytes);
  if (type === null || !wellFormed[type](bytes) || containsMarkup(bytes)) return null;
  return type;
}
