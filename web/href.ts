import { DEFAULT_LOCALE } from './messages';
import type { PageContext } from './page-context';

type Params = Record<string, string | number | undefined>;

/**
 * A same-site link that keeps a non-default language in its URL: crawlers
 * and cookie-less visitors follow links without the language cookie.
 */
export function localHref(ctx: Pick<PageContext, 'locale'>, path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  if (ctx.locale !== DEFAULT_LOCALE) search.set('lang', ctx.locale);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The current page's URL with some query parameters replaced, for pager links. */
export function withParams(url: URL, params: Params): string {
  const next = new URL(url);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) next.searchParams.delete(key);
    else next.searchParams.set(key, String(value));
  }
  return `${next.pathname}${next.search}`;
}
