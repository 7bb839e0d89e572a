/**
 * Signing in and out from any page. Public pages carry the same "sign in" link for everyone, so
 * they stay cacheable; the signed-in areas carry a sign-out form with the session's CSRF token.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema';
import { signedIn } from '../support/admin';
import { BrowserSession } from '../support/browser-session';
import { createProduct, testDb } from '../support/factories';

const signOutForm = /<form method="post" action="\/logout"><input type="hidden" name="_csrf" value="([^"]+)"\/>/;

describe('the header', () => {
  it.each(['/', '/products', '/sales-points'])(
    'of %s links to sign in, the same page for a signed-in visitor',
    async (path) => {
      const anonymous = await (await new BrowserSession().request(path)).text();
      expect(anonymous).toMatch(/<div class="site-account"><a href="\/login">Đăng nhập<\/a><\/div>/);
      expect(anonymous).not.toContain('action="/logout"');
      const { browser } = await signedIn('admin');
      const signedInPage = await (await browser.request(path)).text();
      expect(signedInPage).toBe(anonymous);
    },
  );

  it('of a product page is the same whoever asks', async () => {
    const product = await createProduct();
    const anonymous = await (await new BrowserSession().request(`/products/${product.slug}`)).text();
    const { browser } = await signedIn('producer_member');
    expect(await (await browser.request(`/products/${product.slug}`)).text()).toBe(anonymous);
    expect(anonymous).toContain('href="/login"');
  });

  it.each(['admin', 'staff'] as const)('of the administration lets %s sign out, ending the session', async (role) => {
    const { browser, user } = await signedIn(role);
    const html = await (await browser.request('/admin')).text();
    const token = signOutForm.exec(html)?.[1];
    expect(token).toBeDefined();
    expect(html).toContain('<button type="submit" class="header-button">Đăng xuất</button>');
    const response = await browser.post('/logout', { _csrf: token! });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(await testDb().select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect((await browser.request('/admin')).status).toBe(302);
  });

  it('of the portal lets a producer member sign out', async () => {
    const { browser } = await signedIn('producer_member');
    const token = signOutForm.exec(await (await browser.request('/portal')).text())?.[1];
    expect((await browser.post('/logout', { _csrf: token! })).status).toBe(303);
    expect((await browser.request('/portal')).status).toBe(302);
  });

  it('in English says Sign in and Sign out', async () => {
    expect(await (await new BrowserSession().request('/?lang=en')).text()).toContain(
      '<a href="/login?lang=en">Sign in</a>',
    );
    const { browser } = await signedIn('admin');
    expect(await (await browser.request('/admin?lang=en')).text()).toContain('>Sign out</button>');
  });
});

describe('GET /login for a visitor already signed in', () => {
  it('says who is signed in and links to their work area', async () => {
    const { browser, user } = await signedIn('staff');
    const html = await (await browser.request('/login')).text();
    expect(html).toContain(`Đang đăng nhập: ${user.displayName}`);
    expect(html).toContain('<a href="/admin">Vào trang làm việc của bạn</a>');
  });
});
