/**
 * The scan page's verdict, signed, for its beacon. The page already read the stamp and decided
 * the verdict (scanVerdict) for this device a moment before; the beacon hands that decision back
 * so the scan is counted in one D1 batch instead of reading the stamp again. The client cannot
 * choose the verdict: the token is an HMAC under the stamp secret over the stamp, the serial,
 * the device and the time, and a beacon without a valid one is decided afresh from the database.
 */
import { scanStates, type ScanState } from '../domain/scan-verdict';

/** A page left open longer than this counts its scan by reading the stamp again. */
export const BEACON_TOKEN_TTL_MS = 60 * 60 * 1000;

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;
const MAC_BYTES = 16;
const keys = new Map<string, Promise<CryptoKey>>();

/** One imported key per secret: importing costs more than signing a short message. */
export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), HMAC, false, ['sign', 'verify']);
    keys.set(secret, key);
  }
  return key;
}

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export interface BeaconClaim {
  stampId: number;
  verdict: ScanState;
}

interface Bound {
  serial: string;
  deviceId: string;
}

async function mac(secret: string, payload: string, bound: Bound): Promise<string> {
  const message = new TextEncoder().encode(`scan-beacon:${payload}:${bound.serial}:${bound.deviceId}`);
  const signature = new Uint8Array(await crypto.subtle.sign(HMAC, await hmacKey(secret), message));
  return toBase64Url(signature.slice(0, MAC_BYTES));
}

export async function signBeaconToken(secret: string, claim: BeaconClaim & Bound, now: Date): Promise<string> {
  const payload = `${claim.stampId}.${claim.verdict}.${Math.floor(now.getTime() / 1000).toString(36)}`;
  return `${payload}.${await mac(secret, payload, claim)}`;
}

const TOKEN_PATTERN = /^(\d{1,15})\.([a-z_]{1,20})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/;

/** The claim of a token signed for this serial and device within the last hour; null for anything else. */
export async function readBeaconToken(
  secret: string,
  token: string,
  bound: Bound,
  now: Date,
): Promise<BeaconClaim | null> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const [, stampId, verdict, issued, signature] = match as unknown as [string, string, string, string, string];
  const age = now.getTime() - parseInt(issued, 36) * 1000;
  if (!(age >= -60_000 && age <= BEACON_TOKEN_TTL_MS)) return null;
  if (!(scanStates as readonly string[]).includes(verdict)) return null;
  // A string comparison would leak, through its timing, how much of a forged MAC is right.
  const expected = new TextEncoder().encode(await mac(secret, `${stampId}.${verdict}.${issued}`, bound));
  const given = new TextEncoder().encode(signature);
  let difference = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i++) difference |= expected[i]! ^ (given[i] ?? 0);
  return difference === 0 ? { stampId: Number(stampId), verdict: verdict as ScanState } : null;
}
