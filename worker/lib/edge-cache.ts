import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { locales, type Locale } from '../../web/messages';
import type { AppEnv } from './context';
import { StatusCodes } from './status';

function cacheKey(url: string, locale: Locale): Request {
  const keyUrl = new URL(url);
  keyUrl.searchParams.set('__locale', locale);
  return new Request(keyUrl.toString(), { method: 'GET' });
}

/**
 * Drop the cached copies of a product's public page and API answers, in
 * every language, so a producer's edit shows at once rather than after the TTL.
 * Listings keep their copies until the TTL runs out.
 */
export async function purgeProductPages(c: Context<AppEnv>, product: { id: number; slug: string }): Promise<void> {
  const origin = new URL(c.req.url).origin;
  const paths = [`/products/${product.slug}`, `/api/v1/products/${product.slug}`, `/api/v1/products/${product.id}`];
  await Promise.all(
    paths.flatMap((path) => locales.map((locale) => caches.default.delete(cacheKey(`${origin}${path}`, locale)))),
  );
}

/**
 * Serve public GET responses from the Cache API for CATALOGUE_CACHE_SECONDS.
 * The TTL is short so a revoked certificate disappears within a minute; the
 * key carries the language because the cookie, not the URL, may choose it.
 */
export const edgeCache = createMiddleware<AppEnv>(async (c, next) => {
  const ttl = Number(c.env.CATALOGUE_CACHE_SECONDS);
  if (c.req.method !== 'GET' || !(ttl > 0)) return next();

  const key = cacheKey(c.req.url, c.var.locale);
  const cache = caches.default;

  const hit = await cache.match(key);
  if (hit) {
    const response = new Response(hit.body, hit);
    response.headers.set('X-Cache', 'HIT');
    return response;
  }

  await next();
  if (c.res.status !== StatusCodes.OK || c.res.headers.has('Set-Cookie')) return;
  // The edge keeps the copy (s-maxage), browsers revalidate: a purge after a producer's edit
  // then reaches them too, instead of a browser showing its own stale copy for the whole TTL.
  c.res.headers.set('Cache-Control', `public, max-age=0, s-maxage=${ttl}`);
  c.res.headers.set('X-Cache', 'MISS');
  c.executionCtx.waitUntil(cache.put(key, c.res.clone()));
});
