/** A signed-in portal user and the forms they send, as a browser would. */
import { BrowserSession } from './browser-session';
import { createUser, TEST_PASSWORD } from './factories';

export async function signedIn(role: 'producer_member' | 'staff' | 'admin' | 'buyer', producerId?: number) {
  const user = await createUser(role, producerId === undefined ? {} : { producerId });
  const browser = new BrowserSession();
  const response = await browser.signIn(user.email!, TEST_PASSWORD);
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  return { user, browser };
}

/** The session's CSRF token, read from the form a page the user may open carries (the sign-out button). */
export async function sessionToken(browser: BrowserSession, path = '/portal/products') {
  return browser.csrfFrom(path);
}

export async function postForm(
  browser: BrowserSession,
  path: string,
  fields: Record<string, string>,
  tokenPage?: string,
) {
  const _csrf = await sessionToken(browser, tokenPage);
  return browser.post(path, { _csrf, ...fields });
}
