import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiTokens } from '../../db/schema';
import { sha256Hex } from '../../worker/crypto/digest';
import { auditFor, signedIn } from '../support/admin';
import { testDb, uniqueSuffix } from '../support/factories';

const shownSecret = (html: string) => /id="new-token" type="text" readonly="" value="(ocop_[^"]+)"/.exec(html)?.[1];

describe('POST /admin/api-tokens', () => {
  it('shows the secret once, stores only its SHA-256, and audits the creation', async () => {
    const { user: admin, browser, csrf } = await signedIn('admin');
    const name = `Nạp chứng nhận ${uniqueSuffix()}`;
    const response = await browser.request('/admin/api-tokens', {
      method: 'POST',
      body: new URLSearchParams([
        ['_csrf', csrf],
        ['name', name],
        ['scopes', 'certifications:write'],
        ['scopes', 'catalogue:read'],
        ['expiresInDays', '30'],
      ]),
    });
    expect(response.status).toBe(201);
    const secret = shownSecret(await response.text());
    expect(secret).toBeDefined();

    const [row] = await testDb().select().from(apiTokens).where(eq(apiTokens.name, name));
    expect(row?.tokenHash).toBe(await sha256Hex(secret!));
    expect(row?.scopes).toEqual(['certifications:write', 'catalogue:read']);
    expect(secret!.startsWith(row!.prefix)).toBe(true);
    expect(row!.prefix.length).toBeLessThan(secret!.length / 2);
    expect(row?.expiresAt).not.toBeNull();

    const later = await (await browser.request('/admin/api-tokens')).text();
    expect(later).toContain(name);
    expect(later).not.toContain(secret!);

    const [entry] = await auditFor('api_token', row!.id);
    expect(entry).toMatchObject({ action: 'api_token.create', actorUserId: admin.id });
    expect(JSON.stringify(entry?.after)).not.toContain(row!.tokenHash);
  });

  it('refuses a token without scopes or with a scope outside the list', async () => {
    const { browser, csrf } = await signedIn('admin');
    const name = `Sai ${uniqueSuffix()}`;
    expect((await browser.post('/admin/api-tokens', { _csrf: csrf, name })).status).toBe(400);
    expect((await browser.post('/admin/api-tokens', { _csrf: csrf, name, scopes: 'everything:write' })).status).toBe(
      400,
    );
    expect(await testDb().$count(apiTokens, eq(apiTokens.name, name))).toBe(0);
  });
});

describe('POST /admin/api-tokens/:id/revoke', () => {
  it('revokes the token and records it', async () => {
    const { browser, csrf } = await signedIn('admin');
    const name = `Thu hồi ${uniqueSuffix()}`;
    await browser.post('/admin/api-tokens', { _csrf: csrf, name, scopes: 'catalogue:read' });
    const [row] = await testDb().select().from(apiTokens).where(eq(apiTokens.name, name));
    const response = await browser.post(`/admin/api-tokens/${row!.id}/revoke`, { _csrf: csrf });
    expect(response.status).toBe(303);
    const [revoked] = await testDb().select().from(apiTokens).where(eq(apiTokens.id, row!.id));
    expect(revoked?.revokedAt).not.toBeNull();
    expect((await auditFor('api_token', row!.id)).map((e) => e.action)).toEqual([
      'api_token.create',
      'api_token.revoke',
    ]);
  });

  it('is refused to staff', async () => {
    const { browser, csrf } = await signedIn('staff');
    expect((await browser.post('/admin/api-tokens', { _csrf: csrf, name: 'x', scopes: 'catalogue:read' })).status).toBe(
      403,
    );
  });
});
