/**
 * The signature of a stamp print-file link (worker/domain/print-link.ts says what a link claims).
 * The key is derived from the stamp PIN secret with a purpose label, so no new secret has to be
 * configured, and a print-link MAC can never be mistaken for a PIN HMAC or the reverse.
 */
import type { PrintLinkCheck, PrintLinkClaims } from '../domain/print-link';
import { fromHex, toHex } from './encoding';
import { derivedKey, sign, verify } from './hmac';

const PURPOSE = 'ocop/stamp-print-link/v1';
const SIGNATURE = /^[0-9a-f]{64}$/;

const message = (claims: PrintLinkClaims) =>
  [claims.userId, claims.batchId, claims.file, claims.expires, claims.keyVersion].join('\n');

export async function signPrintLink(claims: PrintLinkClaims, secret: string): Promise<string> {
  return toHex(await sign(await derivedKey(secret, PURPOSE), message(claims)));
}

/**
 * A forged signature is told apart from an expired one only after the signature checks out, so
 * an attacker learns nothing from the answer.
 */
export async function checkPrintLink(
  claims: PrintLinkClaims,
  signature: string,
  secret: string,
  now: Date,
): Promise<PrintLinkCheck> {
  if (!SIGNATURE.test(signature)) return 'forged';
  if (!(await verify(await derivedKey(secret, PURPOSE), fromHex(signature), message(claims)))) return 'forged';
  return claims.expires * 1000 < now.getTime() ? 'expired' : 'valid';
}
