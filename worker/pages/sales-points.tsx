/** Public sales point pages: the list (filters, near me, map) and one point's page. */
import { Hono } from 'hono';
import { SalesPointPage, SalesPointsPage } from '../../web/pages/SalesPointPages';
import { mapSettings } from '../config';
import { findSalesPoint, searchSalesPointsPage } from '../data/sales-points';
import type { AppEnv } from '../lib/context';
import { edgeCache, edgeCacheNearVisitor } from '../lib/edge-cache';
import { notFound } from '../lib/errors';
import { pageContext } from '../lib/render';
import { parseInput } from '../lib/validation';
import { approximatePlace, visitorPlace } from '../lib/visitor-place';
import { provinceOptions } from '../presenters/catalogue';
import {
  kindOptions,
  salesPointJsonLd,
  salesPointListView,
  salesPointSearch,
  toSalesPointDetail,
} from '../presenters/sales-points';
import { salesPointOpenGraph } from '../presenters/sharing';
import { salesPointQuery } from '../schemas/sales-points';

export const salesPointPages = new Hono<AppEnv>();

salesPointPages.get('/sales-points', edgeCacheNearVisitor(approximatePlace), async (c) => {
  const ctx = pageContext(c);
  const query = parseInput(c, salesPointQuery(ctx.t), c.req.query());
  const place = visitorPlace(c, query.near);
  const now = new Date();
  const search = salesPointSearch(query, place?.at ?? null);
  const { items, total, product } = await searchSalesPointsPage(c.var.db, search);
  const view = salesPointListView({
    query,
    raw: c.req.query(),
    items,
    total,
    product,
    search,
    place,
    now,
    t: ctx.t,
    locale: ctx.locale,
    provinces: provinceOptions(ctx.locale),
    kinds: kindOptions(ctx.locale),
    map: mapSettings(c.env),
  });
  return c.html(<SalesPointsPage ctx={ctx} view={view} />);
});

salesPointPages.get('/sales-points/:slug{[a-z0-9-]+}', edgeCache, async (c) => {
  const ctx = pageContext(c);
  const page = await findSalesPoint(c.var.db, c.req.param('slug'), c.var.today);
  if (!page || page.point.status === 'proposed' || page.point.status === 'rejected') throw notFound();
  const point = toSalesPointDetail(page, { t: ctx.t, locale: ctx.locale, now: new Date(), near: null }, c.var.today);
  return c.html(
    <SalesPointPage
      ctx={ctx}
      point={point}
      jsonLd={salesPointJsonLd(page, point, ctx.origin)}
      openGraph={salesPointOpenGraph(page, point, ctx)}
      map={mapSettings(c.env)}
    />,
  );
});
