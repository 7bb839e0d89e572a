/** Responses for stored objects: public photos kept a year, private ones never cached. */
import { notFound } from './errors';
import { StatusCodes } from './status';

/**
 * The bytes of a stored photo may only ever be shown as an image, never run as a page: nothing
 * may load or run in it, and the browser must take the stored type as it is.
 */
const PHOTO_HEADERS = { 'Content-Security-Policy': "default-src 'none'", 'X-Content-Type-Options': 'nosniff' };

/** A product photo, or its metadata alone when the browser's copy is still good (If-None-Match). */
export function publicPhoto(object: R2Object | R2ObjectBody | null, cacheControl: string): Response {
  if (!object) throw notFound();
  const headers = new Headers({
    'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
    'Cache-Control': cacheControl,
    ...PHOTO_HEADERS,
    ETag: object.httpEtag,
  });
  if (!('body' in object)) return new Response(null, { status: StatusCodes.NOT_MODIFIED, headers });
  return new Response(object.body, { headers });
}

/** A buyer's photo, shown only to those who review its report. */
export function privatePhoto(object: R2ObjectBody | null): Response {
  if (!object) throw notFound();
  return new Response(object.body, {
    headers: {
      'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
      'Cache-Control': 'private, no-store',
      ...PHOTO_HEADERS,
    },
  });
}
