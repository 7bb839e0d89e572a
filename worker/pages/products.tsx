import { Hono } from 'hono';
import type { FilterOptions } from '../../web/components/CatalogueFilters';
import type { Locale, Messages } from '../../web/messages';
import { CataloguePage } from '../../web/pages/CataloguePage';
import { ProductPage } from '../../web/pages/ProductPage';
import { producerKinds } from '../../db/schema';
import { findProductPage, searchCatalogue } from '../data/catalogue';
import { provincesByCode } from '../data/reference';
import { catalogueGroupCodes, catalogueSorts, pagerWindow, toCatalogueFilter } from '../domain/catalogue';
import { MIN_CERTIFIED_STARS } from '../domain/certification';
import type { AppEnv } from '../lib/context';
import { edgeCache, edgeCacheNearVisitor } from '../lib/edge-cache';
import { approximatePlace, visitorPlace } from '../lib/visitor-place';
import { productOpenGraph } from '../presenters/sharing';
import { nearQuery } from '../schemas/sales-points';
import { notFound } from '../lib/errors';
import { searchForm } from '../lib/forms';
import { checkedPageInfo } from '../lib/pagination';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import { catalogueQuery } from '../schemas/catalogue';
import { catalogueFilterProblems, pick, productJsonLd, toProductCard, toProductDetail } from '../presenters/catalogue';

export const products = new Hono<AppEnv>();

const MAX_STARS = 5;

function filterOptions(t: Messages, locale: Locale): FilterOptions {
  return {
    provinces: [...provincesByCode.values()]
      .map((p) => ({ value: p.code, label: pick(locale, p.nameVi, p.nameEn) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
    groups: catalogueGroupCodes.map((code) => ({ value: code, label: t.catalogue.groups[code] })),
    stars: Array.from({ length: MAX_STARS - MIN_CERTIFIED_STARS + 1 }, (_, i) => MIN_CERTIFIED_STARS + i).map((n) => ({
      value: String(n),
      label: t.catalogue.starsAtLeast(n),
    })),
    producerKinds: producerKinds.map((kind) => ({ value: kind, label: t.producer.kinds[kind] })),
    sorts: catalogueSorts.map((sort) => ({ value: sort, label: t.catalogue.sorts[sort] })),
  };
}

products.get('/products', edgeCache, (c) =>
  searchForm(c, async (query, refused) => {
    const ctx = pageContext(c);
    const parsed = parseInput(c, catalogueQuery(ctx.t), query);
    const filter = toCatalogueFilter(parsed);
    const { items, total } = await searchCatalogue(c.var.db, filter, c.var.today);
    const info = checkedPageInfo(ctx.t, filter.page, filter.limit, total);
    return c.html(
      <CataloguePage
        ctx={ctx}
        values={{ ...parsed, q: filter.q }}
        problems={catalogueFilterProblems(refused?.issues ?? [], ctx.t, c.req.query())}
        options={filterOptions(ctx.t, ctx.locale)}
        products={items.map((item) => toProductCard(item, ctx.locale))}
        total={info.total}
        totalCapped={info.totalCapped}
        page={info.page}
        pageCount={info.pageCount}
        pager={pagerWindow(info.page, info.pageCount)}
      />,
      refused?.status ?? StatusCodes.OK,
    );
  }),
);

const productPageCache = edgeCacheNearVisitor(approximatePlace, (c) => c.req.param('slug'));

products.get('/products/:slug', productPageCache, async (c) => {
  const ctx = pageContext(c);
  const { near } = parseInput(c, nearQuery(ctx.t), c.req.query());
  const place = visitorPlace(c, near)?.at ?? null;
  const page = await findProductPage(c.var.db, c.req.param('slug'), { today: c.var.today, near: place });
  if (!page) throw notFound();
  const product = toProductDetail(page, ctx.locale, c.var.today, { t: ctx.t, now: new Date(), near: place });
  return c.html(
    <ProductPage
      ctx={ctx}
      product={product}
      jsonLd={productJsonLd(product, ctx.origin)}
      openGraph={productOpenGraph(page, product, ctx)}
    />,
  );
});
