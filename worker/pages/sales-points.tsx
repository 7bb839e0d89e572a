/** Public sales point pages: the list (filters, near me, map) and one point's page. */
import { Hono } from 'hono';
import { SalesPointPage, SalesPointsPage } from '../../web/pages/SalesPointPages';
import { mapSettings } from '../config';
import { findSalesPoint, searchSalesPointsPage } from '../data/sales-points';
import type { AppEnv } from '../lib/context';
import { edgeCache, edgeCacheNearVisitor } from '../lib/edge-cache';
import { notFound } from '../lib/errors';
import { searchForm } from '../lib/forms';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
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

// A place typed as words rather than coordinates is the likeliest mistake here: the search comes
// back as typed, with the problem beside the field, over what the other filters find.
salesPointPages.get('/sales-points', edgeCacheNearVisitor(approximatePlace), (c) =>
  searchForm(c, async (query, refused) => {
    const ctx = pageContext(c);
    const parsed = parseInput(c, salesPointQuery(ctx.t), query);
    const place = visitorPlace(c, parsed.near);
    const search = salesPointSearch(parsed, place?.at ?? null);
    const { items, total, product } = await searchSalesPointsPage(c.var.db, search);
    const view = salesPointListView({
      query: parsed,
      raw: c.req.query(),
      items,
      total,
      product,
      search,
      place,
      now: new Date(),
      t: ctx.t,
      locale: ctx.locale,
      provinces: provinceOptions(ctx.locale),
      kinds: kindOptions(ctx.locale),
      map: mapSettings(c.env),
      issues: refused?.issues ?? [],
    });
    return c.html(<SalesPointsPage ctx={ctx} view={view} />, refused?.status ?? StatusCodes.OK);
  }),
);

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
