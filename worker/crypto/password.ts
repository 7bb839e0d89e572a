/**
 * Password hashing with PBKDF2-SHA-256 through WebCrypto. The algorithm and
 * its parameters are stored with the hash ("pbkdf2-sha256$100000$salt$hash")
 * so a later change of parameters can rehash at the next login, and a stored
 * value outside the allowed range is refused rather than trusted.
 */
import { fromBase64, toBase64 } from './encoding';
import { timingSafeEqual } from './hmac';
import { randomBytes } from './random';

export const PASSWORD_ALGORITHM = 'pbkdf2-sha256';
/** Deployed Workers refuse PBKDF2 above 100,000 iterations (local workerd accepts more). */
export const PASSWORD_ITERATIONS = 100_000;
export const MIN_ACCEPTED_ITERATIONS = 50_000;
export const MAX_ACCEPTED_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PASSWORD_ITERATIONS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, iterations);
  return `${PASSWORD_ALGORITHM}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

interface StoredHash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array;
}

/** Parses a stored hash, or null when it is malformed or its parameters are outside the accepted range. */
export function parseStoredHash(stored: string): StoredHash | null {
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== PASSWORD_ALGORITHM) return null;
  const iterations = Number(parts[1]);
  if (!Number.isInteger(iterations) || iterations < MIN_ACCEPTED_ITERATIONS || iterations > MAX_ACCEPTED_ITERATIONS) {
    return null;
  }
  try {
    const salt = fromBase64(parts[2]!);
    const hash = fromBase64(parts[3]!);
    if (salt.length < SALT_BYTES || hash.length !== HASH_BITS / 8) return null;
    return { iterations, salt, hash };
  } catch {
    return null;
  }
}

export interface VerifyResult {
  ok: boolean;
  /** The stored hash uses other parameters than today's: store a fresh hash. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string | null): Promise<VerifyResult> {
  const parsed = stored ? parseStoredHash(stored) : null;
  if (!parsed) {
    // Spend the same work as a real check, so response time does not tell which accounts exist.
    await derive(password, new Uint8Array(SALT_BYTES), PASSWORD_ITERATIONS);
    return { ok: false, needsRehash: false };
  }
  const candidate = await derive(password, parsed.salt, parsed.iterations);
  const ok = timingSafeEqual(candidate, parsed.hash);
  return { ok, needsRehash: ok && parsed.iterations !== PASSWORD_ITERATIONS };
}
