/**
 * The cookie that names a browser's cart: the cart's random token, kept 30 days. A signed-in
 * buyer's cart also belongs to their account (services/carts.ts), so it follows them to another
 * browser after they sign in there.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { CART_TOKEN_PATTERN } from '../services/carts';
import type { AppEnv } from './context';

export const CART_COOKIE = 'ocop_cart';
const CART_DAYS = 30;

/** The cart the cookie names, when it looks like one. */
export function cartFromCookie(c: Context<AppEnv>): string | null {
  const value = getCookie(c, CART_COOKIE);
  return value && CART_TOKEN_PATTERN.test(value) ? value : null;
}

export function setCartCookie(c: Context<AppEnv>, cartId: string): void {
  setCookie(c, CART_COOKIE, cartId, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: CART_DAYS * 24 * 60 * 60,
  });
}
