import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { DEFAULT_LOCALE, isLocale, messages } from '../../web/messages';
import type { AppEnv } from './context';

export const LOCALE_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** `?lang=en` picks the language and remembers it in a cookie; otherwise the cookie, else Vietnamese. */
export const localeMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const requested = c.req.query('lang');
  let locale = DEFAULT_LOCALE;
  if (isLocale(requested)) {
    locale = requested;
    if (getCookie(c, LOCALE_COOKIE) !== requested) {
      setCookie(c, LOCALE_COOKIE, requested, { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'Lax' });
    }
  } else {
    const remembered = getCookie(c, LOCALE_COOKIE);
    if (isLocale(remembered)) locale = remembered;
  }
  c.set('locale', locale);
  c.set('t', messages[locale]);
  await next();
});
