/**
 * API clients (the certification ingest, partner systems) authenticate with
 * `Authorization: Bearer ocop_…` tokens that an administrator created with
 * scopes. Every refusal goes through the one error model, so clients get
 * RFC 9457 problem+json: 401 for no usable token, 403 for a missing scope.
 */
import { createMiddleware } from 'hono/factory';
import { findApiTokenByHash, touchApiToken } from '../data/api-tokens';
import { isApiTokenLive, parseBearer, shouldTouchApiToken, type ApiScope } from '../domain/api-scopes';
import type { AppEnv } from './context';
import { AppError } from './errors';
import { sha256Hex } from '../crypto/digest';

export const requireApiToken = (scope: ApiScope) =>
  createMiddleware<AppEnv>(async (c, next) => {
    // RFC 6750: a 401 names the scheme the client should use.
    const refuse = (detail: string) => {
      c.header('WWW-Authenticate', 'Bearer realm="ocop"');
      return new AppError('unauthorized', { detail });
    };
    const presented = parseBearer(c.req.header('authorization'));
    if (!presented) throw refuse('missing or malformed bearer token');
    const token = await findApiTokenByHash(c.var.db, await sha256Hex(presented));
    const now = new Date();
    if (!token || !isApiTokenLive(token, now)) throw refuse('unknown, revoked or expired token');
    if (!token.scopes.includes(scope))
      throw new AppError('forbidden', { detail: `the token lacks the scope ${scope}` });
    if (shouldTouchApiToken(token.lastUsedAt, now)) await touchApiToken(c.var.db, token.id, now);
    c.set('apiToken', { id: token.id, scopes: token.scopes });
    await next();
  });
