import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitations, sessions, users } from '../../db/schema';
import { auditFor, shownLink, signedIn } from '../support/admin';
import { BrowserSession } from '../support/browser-session';
import { createProducer, createUser, testDb, TEST_PASSWORD, uniqueSuffix } from '../support/factories';

describe('GET /admin', () => {
  it('shows staff the trade-promotion placeholder and no administration links', async () => {
    const { browser } = await signedIn('staff');
    const response = await browser.request('/admin');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Điểm giới thiệu và bán sản phẩm OCOP');
    expect(html).not.toContain('href="/admin/users"');
  });

  it('sends an anonymous visitor to the sign-in page and refuses producer members and buyers', async () => {
    const anonymous = await new BrowserSession().request('/admin');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fadmin');
    expect((await (await signedIn('producer_member')).browser.request('/admin')).status).toBe(403);
    expect((await (await signedIn('buyer')).browser.request('/admin')).status).toBe(403);
  });
});

describe('administrator-only pages', () => {
  it('answer 403 to staff', async () => {
    const { browser } = await signedIn('staff');
    for (const path of [
      '/admin/users',
      '/admin/invitations/new',
      '/admin/organisations',
      '/admin/api-tokens',
      '/admin/audit',
    ]) {
      expect((await browser.request(path)).status, path).toBe(403);
    }
  });

  it('answer 200 to an administrator', async () => {
    const { browser } = await signedIn('admin');
    for (const path of ['/admin/users', '/admin/organisations', '/admin/api-tokens', '/admin/audit']) {
      expect((await browser.request(path)).status, path).toBe(200);
    }
  });
});

describe('GET /admin/users', () => {
  it('filters by role and status', async () => {
    const disabled = await createUser('staff', { status: 'disabled' });
    const active = await createUser('staff');
    const { browser } = await signedIn('admin');
    const html = await (await browser.request('/admin/users?role=staff&status=disabled')).text();
    expect(html).toContain(disabled.email!);
    expect(html).not.toContain(active.email!);
    expect((await browser.request('/admin/users?role=king')).status).toBe(400);
  });
});

describe('POST /admin/users/:id/status', () => {
  it('disabling ends every session, blocks sign-in and is audited; enabling lets the person back in', async () => {
    const target = await createUser('producer_member');
    const device = new BrowserSession();
    await device.signIn(target.email!, TEST_PASSWORD);
    expect(await testDb().$count(sessions, eq(sessions.userId, target.id))).toBe(1);

    const { user: admin, browser, csrf } = await signedIn('admin');
    const response = await browser.post(`/admin/users/${target.id}/status`, { _csrf: csrf, status: 'disabled' });
    expect(response.status).toBe(303);
    expect(await testDb().$count(sessions, eq(sessions.userId, target.id))).toBe(0);
    expect((await device.request('/portal')).status).not.toBe(200);
    expect((await new BrowserSession().signIn(target.email!, TEST_PASSWORD)).status).toBe(401);

    const [entry] = await auditFor('user', target.id);
    expect(entry).toMatchObject({
      action: 'user.disable',
      actorUserId: admin.id,
      before: { status: 'active' },
      after: { status: 'disabled' },
    });

    await browser.post(`/admin/users/${target.id}/status`, { _csrf: csrf, status: 'active' });
    expect((await new BrowserSession().signIn(target.email!, TEST_PASSWORD)).status).toBe(303);
  });

  it('refuses an administrator disabling their own account', async () => {
    const { user, browser, csrf } = await signedIn('admin');
    const response = await browser.post(`/admin/users/${user.id}/status`, { _csrf: csrf, status: 'disabled' });
    expect(response.status).toBe(403);
    const [row] = await testDb().select().from(users).where(eq(users.id, user.id));
    expect(row?.status).toBe('active');
  });

  it('answers 404 for an account that does not exist', async () => {
    const { browser, csrf } = await signedIn('admin');
    expect((await browser.post('/admin/users/99999999/status', { _csrf: csrf, status: 'disabled' })).status).toBe(404);
  });
});

describe('POST /admin/users/:id/role', () => {
  it('changes the role, ends the sessions and records before and after', async () => {
    const target = await createUser('staff');
    const producerId = await createProducer();
    const { browser, csrf } = await signedIn('admin');
    const response = await browser.post(`/admin/users/${target.id}/role`, {
      _csrf: csrf,
      role: 'producer_member',
      producerId: String(producerId),
    });
    expect(response.status).toBe(303);
    const [row] = await testDb().select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ role: 'producer_member', producerId });
    const [entry] = await auditFor('user', target.id);
    expect(entry).toMatchObject({
      action: 'user.role_change',
      before: { role: 'staff', producerId: null },
      after: { role: 'producer_member', producerId },
    });
  });

  it('needs an organisation for a producer member, naming the field', async () => {
    const target = await createUser('staff');
    const { browser, csrf } = await signedIn('admin');
    const response = await browser.post(`/admin/users/${target.id}/role`, { _csrf: csrf, role: 'producer_member' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('href="#producerId"');
    const [row] = await testDb().select().from(users).where(eq(users.id, target.id));
    expect(row?.role).toBe('staff');
  });
});

describe('POST /admin/invitations', () => {
  it('stores only the hash of the link, valid 7 days, and audits it without the hash', async () => {
    const { user: admin, browser, csrf } = await signedIn('admin');
    const email = `nhanvien-${uniqueSuffix()}@example.vn`;
    const response = await browser.post('/admin/invitations', { _csrf: csrf, role: 'staff', login: email });
    expect(response.status).toBe(201);
    const token = shownLink(await response.text())
      .split('/')
      .pop()!;
    const [row] = await testDb().select().from(invitations).where(eq(invitations.email, email));
    expect(row?.tokenHash).not.toBe(token);
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const days = (new Date(row!.expiresAt).getTime() - new Date(row!.createdAt).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(7);
    const [entry] = await auditFor('invitation', row!.id);
    expect(entry).toMatchObject({ action: 'invitation.create.invite', actorUserId: admin.id });
    expect(JSON.stringify(entry?.after)).not.toContain(row!.tokenHash);
  });

  it('refuses an e-mail that already has an account', async () => {
    const existing = await createUser('buyer');
    const { browser, csrf } = await signedIn('admin');
    const response = await browser.post('/admin/invitations', { _csrf: csrf, role: 'staff', login: existing.email! });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('href="#login"');
  });

  it('refuses a producer member without an organisation and staff with one', async () => {
    const producerId = await createProducer();
    const { browser, csrf } = await signedIn('admin');
    const login = `x-${uniqueSuffix()}@example.vn`;
    expect((await browser.post('/admin/invitations', { _csrf: csrf, role: 'producer_member', login })).status).toBe(
      400,
    );
    expect(
      (await browser.post('/admin/invitations', { _csrf: csrf, role: 'staff', producerId: String(producerId), login }))
        .status,
    ).toBe(400);
    expect(await testDb().$count(invitations, eq(invitations.email, login))).toBe(0);
  });
});

describe('GET /admin/organisations', () => {
  it('lists an organisation with its members', async () => {
    const name = `HTX Kiểm thử ${uniqueSuffix()}`;
    const producerId = await createProducer({ name });
    const member = await createUser('producer_member', { producerId });
    const { browser } = await signedIn('admin');
    const html = await (await browser.request(`/admin/organisations?q=${encodeURIComponent(name)}`)).text();
    expect(html).toContain(name);
    expect(html).toContain(member.email!);
  });
});

describe('GET /admin/audit', () => {
  it('shows entries of one entity with their before and after values in Vietnam time', async () => {
    const target = await createUser('staff');
    const { browser, csrf } = await signedIn('admin');
    await browser.post(`/admin/users/${target.id}/status`, { _csrf: csrf, status: 'disabled' });
    const html = await (await browser.request(`/admin/audit?entity=user&entityId=${target.id}`)).text();
    expect(html).toContain('user.disable');
    expect(html).toContain('&quot;status&quot;: &quot;disabled&quot;');
    const [entry] = await auditFor('user', target.id);
    const utc = new Date(entry!.at);
    const hour = String((utc.getUTCHours() + 7) % 24).padStart(2, '0');
    expect(html).toContain(`${hour}:${String(utc.getUTCMinutes()).padStart(2, '0')}`);
  });
});
