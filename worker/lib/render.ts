import type { Context } from 'hono';
import type { PageContext } from '../../web/page-context';
import type { AppEnv } from './context';

/** The request facts a page component needs, taken from the context in one place. */
export function pageContext(c: Context<AppEnv>): PageContext {
  return {
    t: c.var.t,
    locale: c.var.locale,
    url: new URL(c.req.url),
    origin: c.env.PUBLIC_ORIGIN,
    account: c.var.session ? { csrfToken: c.var.session.csrfToken } : null,
  };
}
