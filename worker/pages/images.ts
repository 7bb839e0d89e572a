import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { FALLBACK_COLOUR, groupColours, productArtSvg } from '../../web/product-art';
import { findProductArt } from '../data/catalogue';
import type { Database } from '../data/db';
import { isPublishedFair } from '../data/fairs';
import { producerSlugExists } from '../data/producers';
import { isPublicSalesPoint } from '../data/sales-points';
import type { CatalogueGroupCode } from '../domain/catalogue';
import { isListed } from '../domain/certification';
import { renderShareCard } from '../print/share-card';
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

/**
 * "<slug>.svg" is a product's first picture and "<slug>-<n>.svg" its n-th
 * (the seed names further photos so). A slug that itself ends in "-<n>" wins.
 */
function candidates(name: string): { slug: string; picture: number }[] {
  const numbered = /^(.+)-(\d{1,2})$/.exec(name);
  return [{ slug: name, picture: 1 }, ...(numbered ? [{ slug: numbered[1]!, picture: Number(numbered[2]) }] : [])];
}

images.get('/images/products/:file{[a-z0-9-]+\\.svg}', longLived, edgeCache, async (c) => {
  const wanted = candidates(c.req.param('file').replace(/\.svg$/, ''));
  const rows = await findProductArt(
    c.var.db,
    wanted.map((w) => w.slug),
  );
  const found = new Map(rows.map((row) => [row.slug, row]));
  const match = wanted.find((w) => found.has(w.slug));
  const row = match && found.get(match.slug);
  if (!match || !row) throw notFound();
  const svg = productArtSvg({
    slug: match.slug,
    picture: match.picture,
    name: row.nameVi,
    groupCode: row.groupCode,
    stars: isListed(row, c.var.today) ? row.ocopStars : null,
  });
  return c.body(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
});

const SHARE_COLOURS = { producers: '#14532d', 'sales-points': '#0c4a6e', fairs: '#7c2d12' } as const;

/** Whether the page a card previews answers: drawing one costs real CPU, so never for a slug that names nothing. */
const SHARED_PAGE_EXISTS: Record<keyof typeof SHARE_COLOURS, (db: Database, slug: string) => Promise<boolean>> = {
  producers: producerSlugExists,
  'sales-points': isPublicSalesPoint,
  fairs: isPublishedFair,
};

/** Open Graph pictures (worker/presenters/sharing.ts): a product's art with its stars, or a card per page. */
images.get(
  '/images/share/:kind{products|producers|sales-points|fairs}/:file{[a-z0-9-]+\\.png}',
  longLived,
  edgeCache,
  async (c) => {
    const kind = c.req.param('kind') as 'products' | keyof typeof SHARE_COLOURS;
    const slug = c.req.param('file').replace(/\.png$/, '');
    let card = {
      background: kind === 'products' ? FALLBACK_COLOUR : SHARE_COLOURS[kind],
      seed: slug,
      stars: null as number | null,
    };
    if (kind === 'products') {
      const [row] = await findProductArt(c.var.db, [slug]);
      if (!row) throw notFound();
      card = {
        background: groupColours[row.groupCode as CatalogueGroupCode] ?? FALLBACK_COLOUR,
        seed: `${slug}/1`,
        stars: isListed(row, c.var.today) ? row.ocopStars : null,
      };
    } else if (!(await SHARED_PAGE_EXISTS[kind](c.var.db, slug))) {
      throw notFound();
    }
    return new Response(await renderShareCard(card), { headers: { 'Content-Type': 'image/png' } });
  },
);
