/**
 * API tokens: the closed list of scopes a token can carry and the rules that
 * decide whether a presented token is usable. Tokens look like `ocop_<secret>`
 * so they are recognisable in logs and secret scanners.
 */

export const API_SCOPES = ['certifications:write', 'catalogue:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_TOKEN_PREFIX = 'ocop_';
/** Characters of a token kept in clear so an administrator can tell tokens apart. */
export const API_TOKEN_VISIBLE_CHARS = API_TOKEN_PREFIX.length + 6;
/** last_used_at is written at most this often, so busy clients do not turn every read into a write. */
export const API_TOKEN_TOUCH_INTERVAL_MS = 60 * 1000;
export const API_TOKEN_EXPIRY_DAYS = [30, 90, 365] as const;

/** The token of an `Authorization: Bearer <token>` header, or null when it is absent or not one of ours. */
export function parseBearer(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header?.trim() ?? '');
  const token = match?.[1];
  return token && token.startsWith(API_TOKEN_PREFIX) && token.length > API_TOKEN_VISIBLE_CHARS ? token : null;
}

export interface ApiTokenState {
  revokedAt: string | null;
  expiresAt: string | null;
}

export function isApiTokenLive(token: ApiTokenState, now: Date): boolean {
  return token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now.toISOString());
}

export function shouldTouchApiToken(lastUsedAt: string | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - new Date(lastUsedAt).getTime() >= API_TOKEN_TOUCH_INTERVAL_MS;
}

export function apiTokenExpiry(now: Date, days: number | null): string | null {
  return days === null ? null : new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
}
