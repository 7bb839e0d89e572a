import type { RouteHandler } from '@hono/zod-openapi';
import { findSalesPoint, searchSalesPoints } from '../../data/sales-points';
import type { AppEnv } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { StatusCodes } from '../../lib/status';
import {
  pageOfMatches,
  presentSalesPointDetail,
  presentSalesPointSummary,
  salesPointSearch,
} from '../../presenters/sales-points';
import type { getSalesPoint, listSalesPoints } from './sales-points.routes';

export const listSalesPointsHandler: RouteHandler<typeof listSalesPoints, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const now = new Date();
  const search = salesPointSearch(query, query.near ?? null);
  const found = await searchSalesPoints(c.var.db, search);
  const { items, total } = pageOfMatches(found.items, found.total, search, query.open_now !== undefined, now);
  return c.json(
    {
      data: items.map((item) => presentSalesPointSummary(item, c.env.PUBLIC_ORIGIN, now, query.near ?? null)),
      page: search.page,
      limit: search.limit,
      total,
    },
    StatusCodes.OK,
  );
};

export const getSalesPointHandler: RouteHandler<typeof getSalesPoint, AppEnv> = async (c) => {
  const page = await findSalesPoint(c.var.db, c.req.valid('param').id, c.var.today);
  if (!page || page.point.status !== 'active') throw notFound();
  return c.json(presentSalesPointDetail(page, c.env.PUBLIC_ORIGIN, new Date()), StatusCodes.OK);
};
