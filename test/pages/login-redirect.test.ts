import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema';
import { BrowserSession } from '../support/browser-session';
import { createUser, TEST_PASSWORD, testDb } from '../support/factories';
import { OFFSITE_SPELLINGS } from '../support/offsite-spellings';

const ORIGIN = 'http://localhost';

/** Where a browser goes with this Location header, resolved as browsers resolve it. */
const destination = (location: string) => new URL(location, `${ORIGIN}/login`);

/** Query-string spellings, raw: the encodings attackers send in links. */
const RAW_QUERY_SPELLINGS = [
  '/%09/evil.com',
  '/%09%5Cevil.com',
  '%2F%2Fevil.com',
  '/%2F%2Fevil.com',
  '%5C%5Cevil.com',
  '/%5Cevil.com',
  '/%0D%0ALocation:%20https://evil.com',
  '/%00',
  '%0A//evil.com',
  '/%E2%88%95evil.com',
  '%E2%88%95%E2%88%95evil.com',
  '%EF%BC%8F%EF%BC%8Fevil.com',
  'http%3A%2F%2Fevil.com',
  'javascript%3Aalert(1)',
  '%',
  '%ZZ',
  '%E0%A4%A',
];

const sessionCount = async (userId: number) =>
  (await testDb().select().from(sessions).where(eq(sessions.userId, userId))).length;

describe('GET /login?next=…', () => {
  it.each(RAW_QUERY_SPELLINGS)('keeps only a same-origin path from %s', async (raw) => {
    const response = await new BrowserSession().request(`/login?next=${raw}`);
    expect(response.status).toBe(200);
    const kept = /name="next" value="([^"]*)"/.exec(await response.text())?.[1];
    if (kept !== undefined) {
      expect(kept).toMatch(/^\/(?![/\\])/);
      expect(destination(kept).origin).toBe(ORIGIN);
    }
  });

  it.each(OFFSITE_SPELLINGS)('drops %j', async (next) => {
    const response = await new BrowserSession().request(`/login?next=${encodeURIComponent(next)}`);
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain('name="next"');
  });
});

describe('POST /login with next', () => {
  async function signInWith(next: string) {
    const user = await createUser('staff');
    const browser = new BrowserSession();
    const _csrf = await browser.csrfFrom('/login');
    const response = await browser.post('/login', { _csrf, login: user.email!, password: TEST_PASSWORD, next });
    return { user, response };
  }

  it.each([...OFFSITE_SPELLINGS, '/\t/evil.com', '/\t\\evil.com', '/\r\n/evil.com', '\r\n'])(
    'never leaves the site for %j',
    async (next) => {
      const { response } = await signInWith(next);
      expect(response.status).toBe(303);
      expect(destination(response.headers.get('location')!).origin).toBe(ORIGIN);
      expect(response.headers.get('location')).toBe('/admin');
    },
  );

  it.each([
    ['/\r\nSet-Cookie: x=1', '/Set-Cookie:%20x=1'],
    // The runtime's form parser may drop a NUL before the route sees it; either way it stays on the path.
    ['/admin/users\0', /^\/admin\/users(?:%00)?$/],
    ['/\0', /^\/(?:%00)?$/],
    ['/admin/users?q=\n1', '/admin/users?q=1'],
    ['/%2F%2Fevil.com', '/%2F%2Fevil.com'],
  ])('answers %j with the same-origin path %s and no injected header', async (next, path) => {
    const { response } = await signInWith(next);
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    if (typeof path === 'string') expect(location).toBe(path);
    else expect(location).toMatch(path);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('x='))).toBe(false);
  });

  it('refuses an over-long next with 400 before any session is written', async () => {
    const { user, response } = await signInWith(`/${'a'.repeat(600)}`);
    expect(response.status).toBe(400);
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('writes one session for a good sign-in with a bad next', async () => {
    const { user, response } = await signInWith('/\t/evil.com');
    expect(response.status).toBe(303);
    expect(await sessionCount(user.id)).toBe(1);
  });
});
