import type { RouteHandler } from '@hono/zod-openapi';
import { findProductPage, searchCatalogue } from '../../data/catalogue';
import { toCatalogueFilter } from '../../domain/catalogue';
import type { AppEnv } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { checkedPageInfo } from '../../lib/pagination';
import { StatusCodes } from '../../lib/status';
import type { getProduct, listProducts } from './products.routes';
import { presentDetail, presentSummary } from '../../presenters/catalogue';

export const listProductsHandler: RouteHandler<typeof listProducts, AppEnv> = async (c) => {
  const filter = toCatalogueFilter(c.req.valid('query'));
  const { items, total } = await searchCatalogue(c.var.db, filter, c.var.today);
  const info = checkedPageInfo(c.var.t, filter.page, filter.limit, total);
  return c.json(
    {
      data: items.map((item) => presentSummary(item, c.env.PUBLIC_ORIGIN)),
      page: info.page,
      limit: info.limit,
      total: info.total,
      total_capped: info.totalCapped,
      page_count: info.pageCount,
    },
    StatusCodes.OK,
  );
};

export const getProductHandler: RouteHandler<typeof getProduct, AppEnv> = async (c) => {
  const page = await findProductPage(c.var.db, c.req.valid('param').idOrSlug, { today: c.var.today });
  if (!page) throw notFound();
  return c.json(presentDetail(page, c.env.PUBLIC_ORIGIN, c.var.today), StatusCodes.OK);
};
