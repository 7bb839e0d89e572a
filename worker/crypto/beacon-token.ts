/**
 * The scan page's verdict, signed, for its beacon: a single-use ticket for counting one page view.
 * The page already read the stamp and decided the verdict (scanVerdict) for this device a moment
 * before; the beacon hands that decision back so the scan is counted in one D1 batch. The client
 * cannot choose the verdict nor mint tickets: the token is an HMAC under the stamp secret over the
 * stamp, the verdict, the time and a random nonce, bound to the serial and the device cookie; the
 * nonce is stored with the scan under a unique index, so a token replayed counts nothing.
 */
import { scanStates, type ScanState } from '../domain/scan-verdict';
import { toBase64Url } from './encoding';
import { hmacKey, sign, timingSafeEqual } from './hmac';
import { randomToken } from './random';

/** A page left open longer than this no longer counts its scan. */
export const BEACON_TOKEN_TTL_MS = 60 * 60 * 1000;

const MAC_BYTES = 16;
const NONCE_BYTES = 12;

export interface BeaconClaim {
  /** 0 for a code the platform never issued: its scan is recorded against no stamp. */
  stampId: number;
  verdict: ScanState;
  /** Unique per page view. */
  nonce: string;
}

interface Bound {
  serial: string;
  deviceId: string;
}

async function mac(secret: string, payload: string, bound: Bound): Promise<string> {
  const signature = await sign(await hmacKey(secret), `scan-beacon:${payload}:${bound.serial}:${bound.deviceId}`);
  return toBase64Url(signature.slice(0, MAC_BYTES));
}

export async function signBeaconToken(
  secret: string,
  claim: Omit<BeaconClaim, 'nonce'> & Bound,
  now: Date,
): Promise<string> {
  const issued = Math.floor(now.getTime() / 1000).toString(36);
  const payload = `${claim.stampId}.${claim.verdict}.${issued}.${randomToken(NONCE_BYTES)}`;
  return `${payload}.${await mac(secret, payload, claim)}`;
}

const TOKEN_PATTERN = /^(\d{1,15})\.([a-z_]{1,20})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$/;

/** The claim of a token signed for this serial and device within the last hour; null for anything else. */
export async function readBeaconToken(
  secret: string,
  token: string,
  bound: Bound,
  now: Date,
): Promise<BeaconClaim | null> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const [, stampId, verdict, issued, nonce, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const age = now.getTime() - parseInt(issued, 36) * 1000;
  if (!(age >= -60_000 && age <= BEACON_TOKEN_TTL_MS)) return null;
  if (!(scanStates as readonly string[]).includes(verdict)) return null;
  const encoder = new TextEncoder();
  const expected = encoder.encode(await mac(secret, `${stampId}.${verdict}.${issued}.${nonce}`, bound));
  return timingSafeEqual(expected, encoder.encode(signature))
    ? { stampId: Number(stampId), verdict: verdict as ScanState, nonce }
    : null;
}
