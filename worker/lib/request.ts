/** Facts about the request itself, read the same way by every route. */
import type { Context } from 'hono';

/** The client's address as Cloudflare saw it; "unknown" in local runs without the header. */
export const clientIp = (c: Context) => c.req.header('cf-connecting-ip') ?? 'unknown';

/** What Cloudflare's IP geolocation says of the request (absent in local runs without it). */
export interface RequestGeo {
  country?: string;
  region?: string;
  regionCode?: string;
  latitude?: string;
  longitude?: string;
}

const geoOfRequest = new WeakMap<Request, RequestGeo | undefined>();

/**
 * `request.cf`, read once per request: the runtime builds the object again on every access, which
 * cost a product page more CPU than its own presenter when the cache and the page both read it.
 */
export function requestGeo(c: Context): RequestGeo | undefined {
  const request = c.req.raw;
  if (!geoOfRequest.has(request)) geoOfRequest.set(request, request.cf as RequestGeo | undefined);
  return geoOfRequest.get(request);
}
