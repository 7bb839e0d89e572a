/** Stored digests of secrets: tokens are kept only as SHA-256, never in clear. */
import { toHex } from './encoding';

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
