/**
 * Scratch PINs are stored only as HMAC-SHA-256 under a server secret: 40 bits would fall to a
 * brute-force search of a plain hash, so a copy of the database alone must not reveal them.
 * The key version is part of the signed message: the row keeps the version it was made with,
 * and a MAC never verifies under another version.
 */
import { normalisePin } from '../domain/stamp-codes';
import { fromHex, toHex } from './encoding';
import { hmacKey, sign, verify } from './hmac';

const HMAC_HEX = /^[0-9a-f]{64}$/i;

function signedMessage(pin: string, keyVersion: number): string {
  if (!Number.isSafeInteger(keyVersion) || keyVersion < 1) throw new RangeError(`not a key version: ${keyVersion}`);
  return `${keyVersion}:${pin}`;
}

/** The lower-case hex HMAC of a PIN (normalised first). Throws on something that is not a PIN. */
export async function pinHmac(pin: string, key: string, keyVersion: number): Promise<string> {
  const canonical = normalisePin(pin);
  if (canonical === null) throw new RangeError('not a stamp PIN');
  return toHex(await sign(await hmacKey(key), signedMessage(canonical, keyVersion)));
}

/** Whether a PIN as typed matches the stored HMAC. */
export async function verifyPin(pin: string, storedHex: string, key: string, keyVersion: number): Promise<boolean> {
  const canonical = normalisePin(pin);
  if (canonical === null || !HMAC_HEX.test(storedHex)) return false;
  return verify(await hmacKey(key), fromHex(storedHex), signedMessage(canonical, keyVersion));
}
