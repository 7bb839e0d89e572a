import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { apiTokens } from '../../db/schema';
import { createDb } from '../../worker/data/db';
import type { AppEnv } from '../../worker/lib/context';
import { requireApiToken } from '../../worker/lib/api-auth';
import { AppError } from '../../worker/lib/errors';
import { localeMiddleware } from '../../worker/lib/locale';
import { problemJson } from '../../worker/lib/problem';
import { randomToken, sha256Hex } from '../../worker/lib/tokens';
import { testDb, uniqueSuffix } from '../support/factories';

/** A tiny app around the real middleware and the real problem+json answer; no such route exists in the product. */
function ingestApp() {
  const app = new Hono<AppEnv>();
  app.use(localeMiddleware);
  app.use(async (c, next) => {
    c.set('db', createDb(c.env.DB));
    await next();
  });
  app.post('/api/v1/admin/certifications', requireApiToken('certifications:write'), (c) =>
    c.json({ tokenId: c.var.apiToken.id }),
  );
  app.onError((error, c) => problemJson(c, error instanceof AppError ? error : new AppError('internal_error')));
  return app;
}

const call = (authorization?: string) =>
  ingestApp().request(
    '/api/v1/admin/certifications',
    { method: 'POST', headers: authorization ? { authorization } : {} },
    env,
  );

async function token(overrides: Partial<typeof apiTokens.$inferInsert> = {}) {
  const secret = `ocop_${randomToken()}`;
  const [row] = await testDb()
    .insert(apiTokens)
    .values({
      name: `test ${uniqueSuffix()}`,
      prefix: secret.slice(0, 11),
      tokenHash: await sha256Hex(secret),
      scopes: ['certifications:write'],
      ...overrides,
    })
    .returning();
  return { secret, id: row!.id };
}

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ status, code, instance: '/api/v1/admin/certifications' });
}

describe('requireApiToken', () => {
  it('lets a live token with the scope through and records when it was used', async () => {
    const { secret, id } = await token();
    const response = await call(`Bearer ${secret}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tokenId: id });
    const [row] = await testDb().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row?.lastUsedAt).not.toBeNull();
  });

  it('writes last_used_at at most once a minute', async () => {
    const recent = new Date(Date.now() - 10_000).toISOString();
    const { secret, id } = await token({ lastUsedAt: recent });
    expect((await call(`Bearer ${secret}`)).status).toBe(200);
    const [row] = await testDb().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row?.lastUsedAt).toBe(recent);
  });

  it('answers 401 problem+json without a token, or with a malformed header', async () => {
    const missing = await call();
    await expectProblem(missing, 401, 'unauthorized');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectProblem(await call('Basic dXNlcjpwYXNz'), 401, 'unauthorized');
    await expectProblem(await call('Bearer not-one-of-ours'), 401, 'unauthorized');
  });

  it('answers 401 for an unknown, a revoked and an expired token', async () => {
    await expectProblem(await call(`Bearer ocop_${randomToken()}`), 401, 'unauthorized');
    const revoked = await token({ revokedAt: new Date().toISOString() });
    await expectProblem(await call(`Bearer ${revoked.secret}`), 401, 'unauthorized');
    const expired = await token({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    await expectProblem(await call(`Bearer ${expired.secret}`), 401, 'unauthorized');
  });

  it('answers 403 for a live token without the scope', async () => {
    const { secret } = await token({ scopes: ['catalogue:read'] });
    await expectProblem(await call(`Bearer ${secret}`), 403, 'forbidden');
  });
});
