/**
 * The anonymous double-submit token (login and invitation forms) lives in a __Host- cookie, which
 * browsers let no other origin, subdomain or plain-HTTP response set; a pair the attacker chose in a
 * cookie without that prefix is refused.
 */
import { describe, expect, it } from 'vitest';
import { CSRF_COOKIE } from '../../worker/lib/csrf';
import { fetchApp } from '../support/http';
import { createUser, TEST_PASSWORD } from '../support/factories';

const postLogin = (cookie: string, token: string, login: string, password = TEST_PASSWORD) =>
  fetchApp('/login', {
    method: 'POST',
    headers: {
      cookie,
      'cf-connecting-ip': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
    body: new URLSearchParams({ _csrf: token, login, password }),
    redirect: 'manual',
  });

describe('the anonymous CSRF cookie', () => {
  it('is set with the __Host- prefix: Secure, Path=/, no Domain, HttpOnly', async () => {
    const response = await fetchApp('/login');
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith(`${CSRF_COOKIE}=`));
    expect(CSRF_COOKIE).toBe('__Host-ocop_csrf');
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('refuses a pair the attacker chose in a cookie without the prefix', async () => {
    const user = await createUser('staff');
    for (const name of ['ocop_csrf', '__host-ocop_csrf', '__Secure-ocop_csrf', '__Host-ocop_csrf_']) {
      const response = await postLogin(`${name}=chosen-by-attacker`, 'chosen-by-attacker', user.email!);
      expect(response.status, name).toBe(403);
      expect(response.headers.get('location'), name).toBeNull();
    }
  });

  it('refuses a token that does not match the cookie', async () => {
    const user = await createUser('staff');
    for (const token of ['another-token', '', 'chosen-by-attacker ', 'CHOSEN-BY-ATTACKER']) {
      const response = await postLogin(`${CSRF_COOKIE}=chosen-by-attacker`, token, user.email!);
      expect(response.status, JSON.stringify(token)).toBe(403);
    }
  });

  it('accepts the token the login page gave, in the cookie it set', async () => {
    const user = await createUser('staff');
    const page = await fetchApp('/login');
    const cookie = page.headers
      .getSetCookie()
      .find((header) => header.startsWith(`${CSRF_COOKIE}=`))!
      .split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const response = await postLogin(cookie, token, user.email!);
    expect(response.status).toBe(303);
  });
});
