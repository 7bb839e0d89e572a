/**
 * Scratch PINs are stored only as HMAC-SHA-256 under a server secret: 40 bits would fall to a
 * brute-force search of a plain hash, so a copy of the database alone must not reveal them.
 * The key version is part of the signed message: the row keeps the version it was made with,
 * and a MAC never verifies under another version.
 */

import { normalisePin } from '../domain/stamp-codes';

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;
const HMAC_HEX = /^[0-9a-f]{64}$/i;

const importKey = (secret: string) =>
  crypto.subtle.importKey('raw', new TextEncoder().encode(secret), HMAC, false, ['sign', 'verify']);

function signedMessage(pin: string, keyVersion: number) {
  if (!Number.isSafeInteger(keyVersion) || keyVersion < 1) throw new RangeError(`not a key version: ${keyVersion}`);
  return new TextEncoder().encode(`${keyVersion}:${pin}`);
}

const toHex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => new Uint8Array(hex.match(/../g)!.map((pair) => parseInt(pair, 16)));

/** The lower-case hex HMAC of a PIN (normalised first). Throws on something that is not a PIN. */
export async function pinHmac(pin: string, key: string, keyVersion: number): Promise<string> {
  const canonical = normalisePin(pin);
  if (canonical === null) throw new RangeError('not a stamp PIN');
  const mac = await crypto.subtle.sign(HMAC, await importKey(key), signedMessage(canonical, keyVersion));
  return toHex(new Uint8Array(mac));
}

/** Whether a PIN as typed matches the stored HMAC; subtle.verify compares in constant time. */
export async function verifyPin(pin: string, storedHex: string, key: string, keyVersion: number): Promise<boolean> {
  const canonical = normalisePin(pin);
  if (canonical === null || !HMAC_HEX.test(storedHex)) return false;
  return crypto.subtle.verify(HMAC, await importKey(key), fromHex(storedHex), signedMessage(canonical, keyVersion));
}
