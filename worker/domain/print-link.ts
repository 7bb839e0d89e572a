/**
 * Short-lived download links for stamp print files. A print file may hold scratch PINs, so a
 * link is good for one user, one batch, one file and 15 minutes, and the download still needs
 * that user's session: a link copied into a chat or a browser history is soon worth nothing.
 *
 * The signing key is derived from the stamp PIN secret with a purpose label, so no new secret
 * has to be configured, and a print-link MAC can never be mistaken for a PIN HMAC or the reverse.
 */

export const PRINT_LINK_TTL_SECONDS = 15 * 60;
const PURPOSE = 'ocop/stamp-print-link/v1';

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();
const SIGNATURE = /^[0-9a-f]{64}$/;

/** A print file's name in a link: a PDF part, the CSV, or one stamp's image. */
export const PRINT_FILE_NAME = /^(?:part-[1-9]\d{0,3}\.pdf|stamps\.csv|[0-9A-HJKMNP-TV-Z]{12}\.(?:svg|png))$/;

export interface PrintLinkClaims {
  userId: number;
  batchId: number;
  file: string;
  /** Unix seconds. */
  expires: number;
  keyVersion: number;
}

export type PrintLinkCheck = 'valid' | 'expired' | 'forged';

/** The print-link key under the PIN secret `secret`: HMAC(secret, purpose) as a new HMAC key. */
export async function printLinkKey(secret: string): Promise<CryptoKey> {
  const parent = await crypto.subtle.importKey('raw', encoder.encode(secret), HMAC, false, ['sign']);
  const derived = await crypto.subtle.sign(HMAC, parent, encoder.encode(PURPOSE));
  return crypto.subtle.importKey('raw', derived, HMAC, false, ['sign', 'verify']);
}

const message = (claims: PrintLinkClaims) =>
  encoder.encode([claims.userId, claims.batchId, claims.file, claims.expires, claims.keyVersion].join('\n'));

const toHex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => new Uint8Array(hex.match(/../g)!.map((pair) => parseInt(pair, 16)));

export const linkExpiry = (now: Date) => Math.floor(now.getTime() / 1000) + PRINT_LINK_TTL_SECONDS;

export async function signPrintLink(claims: PrintLinkClaims, key: CryptoKey): Promise<string> {
  return toHex(await crypto.subtle.sign(HMAC, key, message(claims)));
}

/**
 * A forged signature is told apart from an expired one only after the signature checks out, so
 * an attacker learns nothing from the answer; subtle.verify compares in constant time.
 */
export async function checkPrintLink(
  claims: PrintLinkClaims,
  signature: string,
  key: CryptoKey,
  now: Date,
): Promise<PrintLinkCheck> {
  if (!SIGNATURE.test(signature)) return 'forged';
  if (!(await crypto.subtle.verify(HMAC, key, fromHex(signature), message(claims)))) return 'forged';
  return claims.expires * 1000 < now.getTime() ? 'expired' : 'valid';
}
