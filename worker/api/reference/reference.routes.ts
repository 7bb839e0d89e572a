import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../../lib/openapi';
import { groupSchema, provinceSchema } from '../../schemas/product';
import { StatusCodes } from '../../lib/status';

export const listProvincesRoute = createRoute({
  method: 'get',
  path: '/provinces',
  tags: ['Reference'],
  summary: 'The 34 provinces and centrally-run cities (since 1 July 2025) with their official codes',
  responses: {
    [StatusCodes.OK]: jsonContent(z.object({ data: z.array(provinceSchema) }), 'All provinces.'),
    ...errorResponses,
  },
});

export const listGroupsRoute = createRoute({
  method: 'get',
  path: '/groups',
  tags: ['Reference'],
  summary: 'OCOP product groups and subgroups of each criteria version (Decision 1048 and Decision 148)',
  responses: {
    [StatusCodes.OK]: jsonContent(z.object({ data: z.array(groupSchema) }), 'All groups with their subgroups.'),
    ...errorResponses,
  },
});
