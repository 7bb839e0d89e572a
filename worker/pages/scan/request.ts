/**
 * What the stamp URL routes read from a request: the stamp path, the device cookie, where the
 * request comes from, a hashed IP address, and the per-address limits it counts against.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { countAttempt } from '../../data/rate-limits';
import { parseStampPath, type StampIdentity } from '../../domain/digital-link';
import { minutesUntilReset, rateLimits, type RateLimitRule } from '../../domain/rate-limit';
import { DEVICE_COOKIE, scanLocation, type ScanLocation } from '../../domain/scan-request';
import { vietnamDate } from '../../domain/time';
import { dailyIpHash } from '../../crypto/ip-hash';
import type { AppEnv } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { currentPinKey } from '../../config';
import { randomToken } from '../../crypto/random';
import { sha256Hex } from '../../crypto/digest';

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

export const clientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'unknown';

/** Where this request comes from, by Cloudflare's IP geolocation (absent in local runs). */
export function requestLocation(c: Context<AppEnv>): ScanLocation {
  const cf = c.req.raw.cf as { country?: string; region?: string; regionCode?: string } | undefined;
  return scanLocation(cf);
}

/** This request's address as the day's IP hash (worker/crypto/ip-hash.ts). */
export const dailyIpHashOf = (c: Context<AppEnv>, now: Date): Promise<string> =>
  dailyIpHash(currentPinKey(c.env).key, vietnamDate(now), clientIp(c));

/** The stamp a path names, or the 400 that names what is wrong with the path. */
export function stampIdentity(c: Context<AppEnv>, path: string): StampIdentity | AppError {
  const parsed = parseStampPath(path);
  if (!('error' in parsed)) return parsed;
  return new AppError('bad_request', { issues: [{ field: 'path', message: c.var.t.scan.pathErrors[parsed.error] }] });
}

/** A rate-limit key for this address; hashed, as the login limits are. */
export const ipKey = async (c: Context<AppEnv>, purpose: string) => `scan:${purpose}:${await sha256Hex(clientIp(c))}`;

/** Counts one attempt against `rule` and says how many minutes are left when the limit is passed. */
export async function overLimit(
  c: Context<AppEnv>,
  key: string,
  rule: RateLimitRule,
  now: Date,
): Promise<number | null> {
  const count = await countAttempt(c.var.db, key, rule, now);
  return count > rule.limit ? minutesUntilReset(rule, now) : null;
}

export const throttled = (c: Context<AppEnv>, now: Date) =>
  new AppError('rate_limited', {
    detail: c.var.t.scan.unknownThrottled(minutesUntilReset(rateLimits.unknownStampsPerIp, now)),
  });
