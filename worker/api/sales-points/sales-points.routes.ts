import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonContent, notFoundResponse } from '../../lib/openapi';
import { StatusCodes } from '../../lib/status';
import { salesPointDetailSchema, salesPointListSchema } from '../../schemas/sales-point-api';
import { salesPointQuerySchema, slugParamSchema } from '../../schemas/sales-points';

export const listSalesPoints = createRoute({
  method: 'get',
  path: '/sales-points',
  tags: ['Sales points'],
  summary: 'OCOP showcase and sales points, by place, kind and product, or nearest first',
  description:
    'Active points only. With `near`, points within `radius_km` (default 50) sorted by great-circle distance, each with `distance_km`. `open_now` is decided in Vietnam time (UTC+7). Bad coordinates or radius answer 400 naming the field.',
  request: { query: salesPointQuerySchema },
  responses: {
    [StatusCodes.OK]: jsonContent(salesPointListSchema, 'One page of sales points.'),
    ...errorResponses,
  },
});

export const getSalesPoint = createRoute({
  method: 'get',
  path: '/sales-points/{id}',
  tags: ['Sales points'],
  summary: 'One sales point with its opening hours and the OCOP products it stocks',
  request: { params: slugParamSchema },
  responses: {
    [StatusCodes.OK]: jsonContent(salesPointDetailSchema, 'The sales point.'),
    ...notFoundResponse,
    ...errorResponses,
  },
});
