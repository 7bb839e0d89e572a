/**
 * What the stamp URL routes read from a request: the stamp path, the device cookie, and where the
 * request comes from.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken } from '../../crypto/random';
import { parseStampPath, type StampIdentity } from '../../domain/digital-link';
import { minutesUntilReset, rateLimits } from '../../domain/rate-limit';
import { DEVICE_COOKIE, scanLocation, type ScanLocation } from '../../domain/scan-request';
import { approximatePlace } from '../../lib/visitor-place';
import type { AppEnv } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { clientIp, requestGeo } from '../../lib/request';
import type { ScanVisitor } from '../../services/scan';

const DEVICE_ID_BYTES = 16;
const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** Browsers cap cookie lifetimes at 400 days. */
const DEVICE_COOKIE_SECONDS = 400 * 24 * 60 * 60;

/** The device id this browser sent, when it is one of ours; anything else is ignored rather than stored. */
export function sentDeviceId(c: Context<AppEnv>): string | null {
  const value = getCookie(c, DEVICE_COOKIE);
  return value !== undefined && DEVICE_ID_PATTERN.test(value) ? value : null;
}

/**
 * The browser's device id, given one now if it has none. HttpOnly is enough: only the server
 * reads it, from the page's request and from the same-origin beacon.
 */
export function deviceId(c: Context<AppEnv>): { id: string; isNew: boolean } {
  const sent = sentDeviceId(c);
  if (sent) return { id: sent, isNew: false };
  const id = randomToken(DEVICE_ID_BYTES);
  setCookie(c, DEVICE_COOKIE, id, {
    path: '/',
    maxAge: DEVICE_COOKIE_SECONDS,
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
  });
  return { id, isNew: true };
}

/** Where this request comes from, by Cloudflare's IP geolocation (absent in local runs). */
export function requestLocation(c: Context<AppEnv>): ScanLocation {
  return scanLocation(requestGeo(c));
}

/** The visitor as the scan service sees it; `device` is the cookie it sent, null when it had none. */
export const visitorOf = (c: Context<AppEnv>, device: string | null): ScanVisitor => ({
  ip: clientIp(c),
  location: requestLocation(c),
  deviceId: device,
  place: approximatePlace(c),
});

/** The stamp a path names, or the 400 that names what is wrong with the path. */
export function stampIdentity(c: Context<AppEnv>, path: string): StampIdentity | AppError {
  const parsed = parseStampPath(path);
  if (!('error' in parsed)) return parsed;
  return new AppError('bad_request', { issues: [{ field: 'path', message: c.var.t.scan.pathErrors[parsed.error] }] });
}

export const throttled = (c: Context<AppEnv>, now: Date) =>
  new AppError('rate_limited', {
    detail: c.var.t.scan.unknownThrottled(minutesUntilReset(rateLimits.unknownStampsPerIp, now)),
  });
