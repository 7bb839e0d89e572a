import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { StatusCodes } from './status';

/**
 * Serve public GET responses from the Cache API for CATALOGUE_CACHE_SECONDS.
 * The TTL is short so a revoked certificate disappears within a minute; the
 * key carries the language because the cookie, not the URL, may choose it.
 */
export const edgeCache = createMiddleware<AppEnv>(async (c, next) => {
  const ttl = Number(c.env.CATALOGUE_CACHE_SECONDS);
  if (c.req.method !== 'GET' || !(ttl > 0)) return next();

  const keyUrl = new URL(c.req.url);
  keyUrl.searchParams.set('__locale', c.var.locale);
  const key = new Request(keyUrl.toString(), { method: 'GET' });
  const cache = caches.default;

  const hit = await cache.match(key);
  if (hit) {
    const response = new Response(hit.body, hit);
    response.headers.set('X-Cache', 'HIT');
    return response;
  }

  await next();
  if (c.res.status !== StatusCodes.OK || c.res.headers.has('Set-Cookie')) return;
  c.res.headers.set('Cache-Control', `public, max-age=${ttl}`);
  c.res.headers.set('X-Cache', 'MISS');
  c.executionCtx.waitUntil(cache.put(key, c.res.clone()));
});
