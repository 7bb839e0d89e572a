/** Request facts a scan records: the device cookie, where the scan comes from, a hashed IP address. */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { DEVICE_COOKIE, scanLocation, type ScanLocation } from '../../domain/scan-request';
import { vietnamDate } from '../../domain/time';
import { hmacKey } from '../../lib/beacon-token';
import type { AppEnv } from '../../lib/context';
import { currentPinKey } from '../../lib/stamp-config';
import { randomToken } from '../../lib/tokens';

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

/**
 * The client's IP address as an HMAC under the stamp secret and the day's date in Vietnam: scans
 * from one address on one day can be grouped, while the address itself is never stored and the
 * same address gives unrelated values on other days.
 */
export async function dailyIpHash(c: Context<AppEnv>, now: Date): Promise<string> {
  const key = await hmacKey(currentPinKey(c.env).key);
  const message = new TextEncoder().encode(`scan-ip:${vietnamDate(now)}:${clientIp(c)}`);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  return [...mac.slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
