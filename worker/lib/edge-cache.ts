import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { locales, type Locale } from '../../web/messages';
import type { AppEnv } from './context';
import { StatusCodes } from './status';

/**
 * Where the edge keeps the catalogue generation: a token in every cache key,
 * replaced by each change of what the catalogue shows. Listings and searches
 * are cached under any query string, so they cannot be purged one by one;
 * a new generation makes every copy made before it unreachable at once.
 */
const GENERATION_PATH = '/__edge-cache/catalogue-generation';
/** Far longer than any copy it versions; if the edge drops it anyway, a new one is made and old copies just go unused. */
const GENERATION_SECONDS = 30 * 24 * 60 * 60;

type CacheContext = Pick<Context<AppEnv>, 'env' | 'req'>;

// One marker for the deployment, whichever host a request came in on.
const generationKey = (c: CacheContext) =>
  new Request(new URL(GENERATION_PATH, c.env.PUBLIC_ORIGIN).toString(), { method: 'GET' });

/**
 * This isolate's copy of the generation, read again from the edge at most once a second, so a
 * cached page costs one Cache API read instead of two. A change made in this isolate replaces
 * the copy at once; other isolates of the data centre see it within the second.
 */
const GENERATION_MEMO_MS = 1000;
let memo: { generation: string; origin: string; readAt: number } | null = null;

const remember = (c: CacheContext, generation: string) => {
  memo = { generation, origin: c.env.PUBLIC_ORIGIN, readAt: Date.now() };
  return generation;
};

async function newGeneration(c: CacheContext): Promise<string> {
  const generation = crypto.randomUUID();
  await caches.default.put(
    generationKey(c),
    new Response(generation, { headers: { 'Cache-Control': `public, max-age=${GENERATION_SECONDS}` } }),
  );
  return remember(c, generation);
}

async function currentGeneration(c: CacheContext): Promise<string> {
  if (memo && memo.origin === c.env.PUBLIC_ORIGIN && Date.now() - memo.readAt < GENERATION_MEMO_MS) {
    return memo.generation;
  }
  const marker = await caches.default.match(generationKey(c));
  return marker ? remember(c, await marker.text()) : newGeneration(c);
}

function cacheKey(url: string, locale: Locale, generation: string, place?: string): Request {
  const keyUrl = new URL(url);
  keyUrl.searchParams.set('__locale', locale);
  keyUrl.searchParams.set('__generation', generation);
  if (place) keyUrl.searchParams.set('__place', place);
  return new Request(keyUrl.toString(), { method: 'GET' });
}

/** Where a product page's copies made for visitors' approximate places are versioned (see purgeProductPages). */
const productPlacesKey = (c: CacheContext, slug: string) =>
  new Request(new URL(`/__edge-cache/product-places/${slug}`, c.env.PUBLIC_ORIGIN).toString(), { method: 'GET' });

/**
 * Forget every cached page and API answer at once: call it after a change to
 * certifications (an ingest, a revocation), which moves products in and out
 * of listings, search, the home page and the producer pages as well as their
 * own pages. Await it before answering, so the change shows on the very next
 * request. Like every Cache API operation it acts on the data centre that ran
 * it; others keep their copies for at most CATALOGUE_CACHE_SECONDS.
 */
export async function catalogueChanged(c: CacheContext): Promise<void> {
  await newGeneration(c);
}

/**
 * Drop the cached copies of a product's public page and API answers, in
 * every language, so a producer's edit shows at once rather than after the TTL.
 * Listings keep their copies until the TTL runs out.
 */
export async function purgeProductPages(c: Context<AppEnv>, product: { id: number; slug: string }): Promise<void> {
  const origin = new URL(c.req.url).origin;
  const generation = await currentGeneration(c);
  const paths = [`/products/${product.slug}`, `/api/v1/products/${product.slug}`, `/api/v1/products/${product.id}`];
  await Promise.all([
    ...paths.flatMap((path) =>
      locales.map((locale) => caches.default.delete(cacheKey(`${origin}${path}`, locale, generation))),
    ),
    // Copies made for visitors' approximate places cannot be listed: a new version leaves them unreachable.
    caches.default.put(
      productPlacesKey(c, product.slug),
      new Response(crypto.randomUUID(), { headers: { 'Cache-Control': `public, max-age=${GENERATION_SECONDS}` } }),
    ),
  ]);
}

/**
 * The part of a cache key that says which approximate place a page was made for: the request's
 * `request.cf` location rounded to 0.1° (about 11 km), or null when the URL names a place itself
 * (`near`) or Cloudflare gave none. `versionOf` adds a per-page version for pages a purge must reach.
 */
async function placeKey(
  c: Context<AppEnv>,
  place: (c: Context<AppEnv>) => { latitude: number; longitude: number } | null,
  versionOf?: (c: Context<AppEnv>) => string | undefined,
): Promise<string | undefined> {
  if (c.req.query('near')) return undefined;
  const at = place(c);
  if (!at) return undefined;
  const bucket = `${at.latitude.toFixed(1)},${at.longitude.toFixed(1)}`;
  const slug = versionOf?.(c);
  if (!slug) return bucket;
  const marker = await caches.default.match(productPlacesKey(c, slug));
  return `${bucket}|${marker ? await marker.text() : 'first'}`;
}

/**
 * Serve public GET responses from the Cache API for CATALOGUE_CACHE_SECONDS.
 * The key carries the language, because the cookie, not the URL, may choose
 * it, and the catalogue generation, so a certification change shows at once.
 */
export const edgeCache = createMiddleware<AppEnv>((c, next) => serveCached(c, next));

/**
 * edgeCache for pages that show what is near the visitor (`place`, from `request.cf`): each
 * approximate place gets its own copy. `productSlug` names the product page whose copies a
 * producer's edit must drop (purgeProductPages).
 */
export const edgeCacheNearVisitor = (
  place: (c: Context<AppEnv>) => { latitude: number; longitude: number } | null,
  productSlug?: (c: Context<AppEnv>) => string | undefined,
) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const ttl = Number(c.env.CATALOGUE_CACHE_SECONDS);
    if (c.req.method !== 'GET' || !(ttl > 0)) return next();
    return serveCached(c, next, await placeKey(c, place, productSlug));
  });

async function serveCached(c: Context<AppEnv>, next: () => Promise<void>, place?: string) {
  const ttl = Number(c.env.CATALOGUE_CACHE_SECONDS);
  if (c.req.method !== 'GET' || !(ttl > 0)) return next();

  const key = cacheKey(c.req.url, c.var.locale, await currentGeneration(c), place);
  const cache = caches.default;

  const hit = await cache.match(key);
  if (hit) {
    // Read whole and handed on as one piece: passed on as the stream the cache hands over, the
    // runtime pumped it through piece by piece. Copies are pages and API answers of at most a few
    // hundred KB; the 300-exhibitor fair page (196 KB) answered 0.69–0.76× the floor route's
    // requests a second locally that way and 0.79–0.81× read whole.
    const response = new Response(await hit.arrayBuffer(), hit);
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
}
