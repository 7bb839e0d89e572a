/**
 * API tokens for machines (the councils' ingest clients): the secret is made here, shown once to
 * the administrator who asked for it, and stored only as its SHA-256.
 */
import { sha256Hex } from '../crypto/digest';
import { randomToken } from '../crypto/random';
import { createApiToken, listApiTokens } from '../data/api-tokens';
import type { Database } from '../data/db';
import { API_TOKEN_PREFIX, API_TOKEN_VISIBLE_CHARS, apiTokenExpiry, type ApiScope } from '../domain/api-scopes';

export async function issueApiToken(
  db: Database,
  request: { name: string; scopes: ApiScope[]; expiresInDays: number | null },
  createdBy: number,
  now = new Date(),
): Promise<{ secret: string; tokens: Awaited<ReturnType<typeof listApiTokens>> }> {
  const secret = `${API_TOKEN_PREFIX}${randomToken()}`;
  await createApiToken(db, {
    name: request.name,
    prefix: secret.slice(0, API_TOKEN_VISIBLE_CHARS),
    tokenHash: await sha256Hex(secret),
    scopes: [...new Set(request.scopes)],
    expiresAt: apiTokenExpiry(now, request.expiresInDays),
    createdBy,
  });
  return { secret, tokens: await listApiTokens(db) };
}
