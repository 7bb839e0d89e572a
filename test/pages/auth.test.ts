import { beforeEach, describe, expect, it } from 'vitest';
import { clearOfWindowEdges } from '../support/rate-window';
import { BrowserSession, randomPrivateIp } from '../support/browser-session';
import { eq } from 'drizzle-orm';
import { sessions } from '../../db/schema';
import { createUser, TEST_PASSWORD, testDb } from '../support/factories';

describe('POST /login', () => {
  // Counting up to a limit must not straddle the end of a rate-limit window.
  beforeEach(() => clearOfWindowEdges(), 30_000);
  it('signs a producer member in with e-mail and password and sends them to the portal', async () => {
    const user = await createUser('producer_member');
    const browser = new BrowserSession();
    const response = await browser.signIn(user.email!, TEST_PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/portal');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ocop_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('signs in with a phone number too, however it is typed', async () => {
    const digits = Math.floor(Math.random() * 1e8)
      .toString()
      .padStart(8, '0');
    const user = await createUser('staff', { phone: `09${digits}` });
    for (const typed of [
      user.phone!,
      `09${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5)}`,
      `+849${digits}`,
    ]) {
      const response = await new BrowserSession().signIn(typed, TEST_PASSWORD);
      expect(response.headers.get('location'), typed).toBe('/admin');
    }
  });

  it('refuses a wrong password with a message and no session', async () => {
    const user = await createUser('staff');
    const browser = new BrowserSession();
    const response = await browser.signIn(user.email!, 'not the password');
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('mật khẩu không đúng');
    expect(browser.cookie('ocop_session')).toBeUndefined();
  });

  it('refuses a form without the CSRF token', async () => {
    const user = await createUser('staff');
    const browser = new BrowserSession();
    await browser.request('/login');
    const response = await browser.post('/login', { login: user.email!, password: TEST_PASSWORD });
    expect(response.status).toBe(403);
    expect(browser.cookie('ocop_session')).toBeUndefined();
  });

  it('refuses a cross-origin form even with a token', async () => {
    const user = await createUser('staff');
    const browser = new BrowserSession();
    const _csrf = await browser.csrfFrom('/login');
    const response = await browser.request('/login', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new URLSearchParams({ _csrf, login: user.email!, password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(403);
  });

  it('locks an account after 5 wrong passwords, even for the right one, and says for how long', async () => {
    const user = await createUser('producer_member');
    for (let i = 0; i < 5; i++) {
      expect((await new BrowserSession().signIn(user.email!, `wrong ${i}`)).status).toBe(401);
    }
    const locked = await new BrowserSession().signIn(user.email!, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/thử lại sau \d+ phút/);
  });

  it('limits attempts from one IP address across accounts', async () => {
    const browser = new BrowserSession(randomPrivateIp());
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await browser.signIn(`nobody-${i}@example.vn`, 'x')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  }, 60_000);

  it('rotates the session at login: the earlier session token stops working', async () => {
    const user = await createUser('staff');
    const browser = new BrowserSession();
    await browser.signIn(user.email!, TEST_PASSWORD);
    const first = browser.cookie('ocop_session');
    await browser.signIn(user.email!, TEST_PASSWORD);
    const second = browser.cookie('ocop_session');
    expect(second).not.toBe(first);

    const stale = new BrowserSession();
    const _csrf = await stale.csrfFrom('/login');
    const response = await stale.request('/logout-everywhere', {
      method: 'POST',
      headers: { cookie: `ocop_session=${first}; __Host-ocop_csrf=${stale.cookie('__Host-ocop_csrf')}` },
      body: new URLSearchParams({ _csrf }),
    });
    expect(response.status).toBe(401);
  });

  it('sends a user back to the page they asked for, but never off the site', async () => {
    const user = await createUser('admin');
    const browser = new BrowserSession();
    const _csrf = await browser.csrfFrom('/login');
    const local = await browser.post('/login', {
      _csrf,
      login: user.email!,
      password: TEST_PASSWORD,
      next: '/admin/users',
    });
    expect(local.headers.get('location')).toBe('/admin/users');
    const other = new BrowserSession();
    const token = await other.csrfFrom('/login');
    const offsite = await other.post('/login', {
      _csrf: token,
      login: user.email!,
      password: TEST_PASSWORD,
      next: '//evil.example/',
    });
    expect(offsite.headers.get('location')).toBe('/admin');
  });
});

describe('POST /logout-everywhere', () => {
  it('ends every session of the user', async () => {
    const user = await createUser('producer_member');
    const phone = new BrowserSession();
    const laptop = new BrowserSession();
    await phone.signIn(user.email!, TEST_PASSWORD);
    await laptop.signIn(user.email!, TEST_PASSWORD);

    const phoneToken = await phone.csrfFrom('/login');
    const response = await phone.post('/logout-everywhere', { _csrf: phoneToken });
    expect(response.status).toBe(303);

    const laptopToken = await laptop.csrfFrom('/login');
    expect((await laptop.post('/logout-everywhere', { _csrf: laptopToken })).status).toBe(401);
  });
});

describe('session expiry', () => {
  it('ends a session past its idle deadline: the request is refused and the row removed', async () => {
    const user = await createUser('staff');
    const browser = new BrowserSession();
    await browser.signIn(user.email!, TEST_PASSWORD);
    const db = testDb();
    await db
      .update(sessions)
      .set({ idleExpiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(sessions.userId, user.id));

    const _csrf = await browser.csrfFrom('/login');
    expect((await browser.post('/logout-everywhere', { _csrf })).status).toBe(401);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
  });

  it('ends a session past its absolute deadline even if it was used a moment ago', async () => {
    const user = await createUser('staff');
    const browser = new BrowserSession();
    await browser.signIn(user.email!, TEST_PASSWORD);
    await testDb()
      .update(sessions)
      .set({ absoluteExpiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(sessions.userId, user.id));
    const _csrf = await browser.csrfFrom('/login');
    expect((await browser.post('/logout-everywhere', { _csrf })).status).toBe(401);
  });
});
