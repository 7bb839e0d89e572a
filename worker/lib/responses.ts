/** Responses for stored objects: public photos kept a year, private ones never cached. */
import { notFound } from './errors';
import { StatusCodes } from './status';

/** The bytes of a stored photo may only ever be shown as an image, never run as a page. */
const PHOTO_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

/** A product photo, or its metadata alone when the browser's copy is still good (If-None-Match). */
export function publicPhoto(object: R2Object | R2ObjectBody | null, cacheControl: string): Response {
  if (!object) throw notFound();
  const headers = new Headers({
    'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
    'Cache-Control': cacheControl,
    'Content-Security-Policy': PHOTO_CSP,
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
      'Content-Security-Policy': PHOTO_CSP,
    },
  });
}
