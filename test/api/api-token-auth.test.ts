import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiTokens } from '../../db/schema';
import { randomToken } from '../../worker/crypto/random';
import { testDb } from '../support/factories';
import { fetchApp } from '../support/http';
import { createApiToken, INGEST_PATH } from '../support/ingest';

const call = (authorization?: string) =>
  fetchApp(INGEST_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: '[]',
  });

const token = createApiToken;

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
    expect(await response.json()).toEqual({
      summary: { created: 0, updated: 0, unchanged: 0, rejected: 0 },
      results: [],
    });
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
