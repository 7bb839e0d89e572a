/** Public sales point pages: the list (filters, near me, map) and one point's page. */
import { Hono, type Context } from 'hono';
import { SalesPointPage, SalesPointsPage } from '../../web/pages/SalesPointPages';
import { mapSettings } from '../config';
import { findSalesPoint, searchSalesPointsPage } from '../data/sales-points';
import type { AppEnv } from '../lib/context';
import { edgeCache, edgeCacheNearVisitor } from '../lib/edge-cache';
import { notFound } from '../lib/errors';
import { submitForm, type Refusal } from '../lib/forms';
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

/**
 * The list for the filters given. `refused` are the problems of filters already left out of `query`:
 * the page then shows what the other filters find, with each problem beside its field.
 */
async function listPage(c: Context<AppEnv>, query: Record<string, string>, refused: Refusal | null) {
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
}

// A place typed as a name rather than coordinates is the likeliest mistake here: the search form
// comes back as typed, with the problem beside the field, over what the other filters find.
salesPointPages.get('/sales-points', edgeCacheNearVisitor(approximatePlace), (c) =>
  submitForm(
    c,
    () => listPage(c, c.req.query(), null),
    (refusal) => {
      const refusedFields = new Set(refusal.issues.map((issue) => issue.field));
      const kept = Object.entries(c.req.query()).filter(([name]) => !refusedFields.has(name));
      return listPage(c, Object.fromEntries(kept), refusal);
    },
  ),
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
