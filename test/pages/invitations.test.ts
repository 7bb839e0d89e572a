import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitations, producers, sessions, users } from '../../db/schema';
import { acceptJoin } from '../../worker/data/invitations';
import { sha256Hex } from '../../worker/crypto/digest';
import { auditFor, createInvitationRow, shownLink, signedIn } from '../support/admin';
import { BrowserSession } from '../support/browser-session';
import { createProducer, createUser, testDb, TEST_PASSWORD, uniqueSuffix } from '../support/factories';

const NEW_PASSWORD = 'mot-mat-khau-moi-2026';

/** Fill in a link's form; the token comes from the sign-in page so used links can be posted to as well. */
async function accept(path: string, fields: Record<string, string>, browser = new BrowserSession()) {
  const _csrf = await browser.csrfFrom('/login');
  const response = await browser.post(path, {
    _csrf,
    password: NEW_PASSWORD,
    passwordConfirm: NEW_PASSWORD,
    ...fields,
  });
  return { response, browser };
}

async function invitationByPath(path: string) {
  const token = path.split('/').pop()!;
  const [row] = await testDb()
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, await sha256Hex(token)));
  return row;
}

describe('POST /admin/invitations then /invitations/:token', () => {
  it('invites a producer member, who joins their organisation once and is signed in', async () => {
    const producerId = await createProducer();
    const { browser: adminBrowser, csrf } = await signedIn('admin');
    const email = `moi-${uniqueSuffix()}@example.vn`;
    const created = await adminBrowser.post('/admin/invitations', {
      _csrf: csrf,
      role: 'producer_member',
      producerId: String(producerId),
      login: email,
    });
    expect(created.status).toBe(201);
    const path = shownLink(await created.text());

    const stored = await invitationByPath(path);
    expect(stored?.tokenHash).toBe(await sha256Hex(path.split('/').pop()!));
    expect(stored?.tokenHash).not.toContain(path.split('/').pop()!);

    const form = await new BrowserSession().request(path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(email);

    const { response, browser } = await accept(path, { displayName: 'Chị Lan' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/portal');
    expect(browser.cookie('ocop_session')).toBeDefined();

    const [user] = await testDb().select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ role: 'producer_member', producerId, displayName: 'Chị Lan', status: 'active' });
    expect((await invitationByPath(path))?.usedAt).not.toBeNull();
    expect((await new BrowserSession().signIn(email, NEW_PASSWORD)).status).toBe(303);

    const again = await accept(path, { displayName: 'Kẻ khác' });
    expect(again.response.status).toBe(410);
    expect(await testDb().$count(users, eq(users.email, email))).toBe(1);
    expect((await auditFor('user', user!.id)).map((e) => e.action)).toContain('invitation.accept.invite');
  });

  it('refuses an expired link and writes nothing', async () => {
    const { path } = await createInvitationRow({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await new BrowserSession().request(path)).status).toBe(410);
    const browser = new BrowserSession();
    const _csrf = await browser.csrfFrom('/login');
    const response = await browser.post(path, {
      _csrf,
      displayName: 'Muộn',
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(response.status).toBe(410);
    expect((await invitationByPath(path))?.usedAt).toBeNull();
  });

  it('answers 404 for a token that was never issued', async () => {
    expect((await new BrowserSession().request('/invitations/not-a-real-token-at-all')).status).toBe(404);
  });

  it('keeps the link usable when the password is too short or repeated wrongly', async () => {
    const { path } = await createInvitationRow();
    const short = await accept(path, { displayName: 'An', password: 'ngan', passwordConfirm: 'ngan' });
    expect(short.response.status).toBe(400);
    expect(await short.response.text()).toContain('href="#password"');
    const mismatch = await accept(path, { displayName: 'An', passwordConfirm: 'khac-hoan-toan-2026' });
    expect(mismatch.response.status).toBe(400);
    expect(await mismatch.response.text()).toContain('href="#passwordConfirm"');
    expect((await invitationByPath(path))?.usedAt).toBeNull();
  });

  it('refuses a form without its CSRF token', async () => {
    const { path } = await createInvitationRow();
    const browser = new BrowserSession();
    await browser.request(path);
    const response = await browser.post(path, {
      displayName: 'An',
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(response.status).toBe(403);
    expect((await invitationByPath(path))?.usedAt).toBeNull();
  });
});

describe('password reset links', () => {
  it('sets the new password and ends every other session of the account', async () => {
    const target = await createUser('staff');
    const laptop = new BrowserSession();
    await laptop.signIn(target.email!, TEST_PASSWORD);
    expect((await laptop.request('/admin')).status).toBe(200);

    const { browser: adminBrowser, csrf } = await signedIn('admin');
    const created = await adminBrowser.post(`/admin/users/${target.id}/password-reset`, { _csrf: csrf });
    expect(created.status).toBe(201);
    const path = shownLink(await created.text());

    const { response, browser: phone } = await accept(path, {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin');
    expect((await phone.request('/admin')).status).toBe(200);
    expect((await laptop.request('/admin')).status).toBe(302);
    expect(await testDb().$count(sessions, eq(sessions.userId, target.id))).toBe(1);

    expect((await new BrowserSession().signIn(target.email!, TEST_PASSWORD)).status).toBe(401);
    expect((await new BrowserSession().signIn(target.email!, NEW_PASSWORD)).status).toBe(303);
    expect((await accept(path, {})).response.status).toBe(410);
  });
});

describe('claim links', () => {
  async function claimable() {
    const taxCode = `36${Math.floor(Math.random() * 1e8)
      .toString()
      .padStart(8, '0')}`;
    const producerId = await createProducer({ taxCode });
    const { browser, csrf } = await signedIn('admin');
    const email = `chu-${uniqueSuffix()}@example.vn`;
    const created = await browser.post(`/admin/organisations/${producerId}/claim-link`, { _csrf: csrf, login: email });
    expect(created.status).toBe(201);
    return { taxCode, producerId, email, path: shownLink(await created.text()) };
  }

  it('writes nothing when the tax code typed is not the organisation’s, and names the field', async () => {
    const { producerId, email, path } = await claimable();
    const { response } = await accept(path, { displayName: 'Anh Minh', taxCode: '0100109106' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('href="#taxCode"');
    expect(await testDb().$count(users, eq(users.email, email))).toBe(0);
    expect((await invitationByPath(path))?.usedAt).toBeNull();
    const [producer] = await testDb().select().from(producers).where(eq(producers.id, producerId));
    expect(producer?.claimedAt).toBeNull();
  });

  it('makes the person a member of the organisation and marks it claimed', async () => {
    const { taxCode, producerId, email, path } = await claimable();
    const { response } = await accept(path, { displayName: 'Anh Minh', taxCode: ` ${taxCode} ` });
    expect(response.status).toBe(303);
    const [user] = await testDb().select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ role: 'producer_member', producerId });
    const [producer] = await testDb().select().from(producers).where(eq(producers.id, producerId));
    expect(producer?.claimedAt).not.toBeNull();
    expect((await auditFor('producer', producerId)).map((e) => e.action)).toContain('producer.claim');

    const { browser, csrf } = await signedIn('admin');
    const second = await browser.post(`/admin/organisations/${producerId}/claim-link`, {
      _csrf: csrf,
      login: `khac-${uniqueSuffix()}@example.vn`,
    });
    expect(second.status).toBe(409);
  });
});

describe('acceptJoin', () => {
  it('rolls the whole acceptance back when the link was consumed in the meantime', async () => {
    const { path } = await createInvitationRow();
    const invitation = (await invitationByPath(path))!;
    const newcomer = (email: string) => ({
      email,
      phone: null,
      displayName: 'Đồng thời',
      passwordHash: 'x',
      role: 'staff' as const,
      producerId: null,
    });
    const first = `first-${uniqueSuffix()}@example.vn`;
    const second = `second-${uniqueSuffix()}@example.vn`;
    await acceptJoin(testDb(), invitation, newcomer(first), new Date(), null);
    await expect(acceptJoin(testDb(), invitation, newcomer(second), new Date(), null)).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await testDb().$count(users, eq(users.email, first))).toBe(1);
    expect(await testDb().$count(users, eq(users.email, second))).toBe(0);
  });
});
