/** sitemap.xml and robots.txt, with absolute URLs from PUBLIC_ORIGIN. */
import { Hono } from 'hono';
import { listSitemapEntries } from '../data/catalogue';
import type { AppEnv } from '../lib/context';
import { edgeCache } from '../lib/edge-cache';

export const seo = new Hono<AppEnv>();

/** One sitemap file holds at most 50,000 URLs; products leave room for their producers and the static pages. */
const MAX_SITEMAP_PRODUCTS = 24_000;
const STATIC_PATHS = ['/', '/products', '/api/docs'];

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

const urlEntry = (loc: string, lastmod?: string) =>
  `<url><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ''}</url>`;

seo.get('/sitemap.xml', edgeCache, async (c) => {
  const origin = c.env.PUBLIC_ORIGIN;
  const entries = await listSitemapEntries(c.var.db, c.var.today, MAX_SITEMAP_PRODUCTS);
  const producerSlugs = [...new Set(entries.map((entry) => entry.producerSlug))];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...STATIC_PATHS.map((path) => urlEntry(`${origin}${path}`)),
    ...entries.map((entry) => urlEntry(`${origin}/products/${entry.slug}`, entry.updatedAt)),
    ...producerSlugs.map((slug) => urlEntry(`${origin}/producers/${slug}`)),
    '</urlset>',
  ].join('\n');
  return c.body(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
});

seo.get('/robots.txt', edgeCache, (c) =>
  c.text(
    [
      'User-agent: *',
      'Allow: /',
      'Allow: /api/docs',
      'Disallow: /api/',
      '',
      `Sitemap: ${c.env.PUBLIC_ORIGIN}/sitemap.xml`,
      '',
    ].join('\n'),
  ),
);
