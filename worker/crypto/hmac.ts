/**
 * HMAC-SHA-256 under the platform's secrets. Every signed value (PIN HMACs, beacon tokens,
 * print links, daily IP hashes) uses a key derived from its secret with its own purpose label,
 * so a MAC made for one purpose can never be replayed as another.
 */
const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

const importRaw = (raw: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.importKey('raw', raw, HMAC, false, ['sign', 'verify']);

/** The HMAC key of a secret, imported once per isolate: importing costs more than signing a short message. */
export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = importRaw(new Uint8Array(encoder.encode(secret)));
    keys.set(secret, key);
  }
  return key;
}

/** HMAC(secret, purpose) as a key of its own, imported once per isolate. */
export function derivedKey(secret: string, purpose: string): Promise<CryptoKey> {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = hmacKey(secret)
      .then((parent) => crypto.subtle.sign(HMAC, parent, encoder.encode(purpose)))
      .then((derived) => importRaw(new Uint8Array(derived)));
    keys.set(cacheKey, key);
  }
  return key;
}

export async function sign(key: CryptoKey, message: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(HMAC, key, encoder.encode(message)));
}

/** subtle.verify compares in constant time, so a forged MAC's timing tells nothing. */
export function verify(key: CryptoKey, mac: Uint8Array<ArrayBuffer>, message: string): Promise<boolean> {
  return crypto.subtle.verify(HMAC, key, mac, encoder.encode(message));
}

/** Constant-time equality of two byte strings (the length itself is not secret). */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
