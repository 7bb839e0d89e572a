import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { productArtSvg } from '../../web/product-art';
import { findProductArt } from '../data/catalogue';
import { isListed } from '../domain/certification';
import type { AppEnv } from '../lib/context';
import { edgeCache } from '../lib/edge-cache';
import { notFound } from '../lib/errors';
import { StatusCodes } from '../lib/status';

export const images = new Hono<AppEnv>();

/**
 * Browsers keep a picture for a week; the edge copy still follows
 * CATALOGUE_CACHE_SECONDS (edgeCache sets that before this runs on the way
 * out), so drawn stars catch up with a revocation at the edge quickly.
 */
const BROWSER_CACHE = 'public, max-age=604800, stale-while-revalidate=86400';

const longLived = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.status === StatusCodes.OK) c.res.headers.set('Cache-Control', BROWSER_CACHE);
});

images.get('/images/products/:file{[a-z0-9-]+\\.svg}', longLived, edgeCache, async (c) => {
  const slug = c.req.param('file').replace(/\.svg$/, '');
  const art = await findProductArt(c.var.db, slug);
  if (!art) throw notFound();
  const svg = productArtSvg({
    slug,
    name: art.nameVi,
    groupCode: art.groupCode,
    stars: isListed(art, c.var.today) ? art.ocopStars : null,
  });
  return c.body(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
});
