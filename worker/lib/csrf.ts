/**
 * CSRF protection for every state-changing form. A signed-in user's forms
 * carry the session's own token; anonymous forms (login, invitation) carry a
 * token that must match a cookie (double submit). Cross-origin requests are
 * refused outright when the browser says where they come from.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { AppError } from './errors';
import { readForm } from './form-body';
import { randomToken } from '../crypto/random';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * The anonymous token's cookie. The __Host- prefix makes browsers accept it only from this origin
 * over HTTPS, with Path=/ and no Domain: a sibling subdomain or a plain-HTTP response cannot plant a
 * cookie of this name, so an attacker cannot choose the pair the double submit compares.
 */
export const CSRF_COOKIE = '__Host-ocop_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** The token a form rendered for this request must carry (sets the anonymous cookie when needed). */
export function csrfToken(c: Context<AppEnv>): string {
  if (c.var.session) return c.var.session.csrfToken;
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing) return existing;
  const token = randomToken();
  setCookie(c, CSRF_COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
  return token;
}

export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(c.req.url).origin) throw new AppError('forbidden', { detail: 'cross-origin form' });

  const expected = c.var.session?.csrfToken ?? getCookie(c, CSRF_COOKIE);
  if (!expected) throw new AppError('forbidden', { detail: 'missing or wrong CSRF token' });
  // Every state-changing request here is a form. Its body is read (and so checked) even when the
  // token comes in a header, so a route that reads no field still refuses a malformed body.
  const field = (await readForm(c))[CSRF_FIELD];
  const sent = c.req.header(CSRF_HEADER) ?? (typeof field === 'string' ? field : undefined);
  if (!sent || !sameString(sent, expected)) {
    throw new AppError('forbidden', { detail: 'missing or wrong CSRF token' });
  }
  await next();
});

/**
 * For the one form a cached public page carries (add to cart on the product page): such a page
 * cannot hold a visitor's token, so the browser's own word on where the form came from decides.
 * A same-origin Origin header, or Sec-Fetch-Site "same-origin", lets it through; a browser that
 * sends neither is held to the token check like any other form. The body is read (and so checked)
 * either way.
 */
export const sameOriginForm = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (origin && origin !== new URL(c.req.url).origin) throw new AppError('forbidden', { detail: 'cross-origin form' });
  if (site && site !== 'same-origin' && site !== 'none') throw new AppError('forbidden', { detail: 'cross-site form' });
  await readForm(c);
  if (origin || site) return next();
  return csrfProtection(c, next);
});
