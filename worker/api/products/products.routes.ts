import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent, notFoundResponse } from '../../lib/openapi';
import { catalogueQuerySchema } from '../../schemas/catalogue';
import { productDetailSchema, productListSchema } from '../../schemas/product';
import { StatusCodes } from '../../lib/status';

export const listProducts = createRoute({
  method: 'get',
  path: '/products',
  tags: ['Catalogue'],
  summary: 'Search and list certified OCOP products',
  description:
    'Lists products holding an active OCOP certification of 3 stars or more. Search is accent-insensitive, including đ/Đ.',
  request: { query: catalogueQuerySchema },
  responses: {
    [StatusCodes.OK]: jsonContent(productListSchema, 'One page of products.'),
    ...errorResponses,
  },
});

export const getProduct = createRoute({
  method: 'get',
  path: '/products/{idOrSlug}',
  tags: ['Catalogue'],
  summary: 'One product with its certification, history, variants and sales points',
  description: 'Also answers for products no longer listed (expired or revoked), so printed QR stamps keep working.',
  request: {
    params: z.object({
      idOrSlug: z
        .string()
        .max(200)
        .regex(/^[a-z0-9-]+$/)
        .openapi({ param: { name: 'idOrSlug', in: 'path' }, example: 'ruou-nhung-huou-son-an' }),
    }),
  },
  responses: {
    [StatusCodes.OK]: jsonContent(productDetailSchema, 'The product.'),
    ...notFoundResponse,
    ...errorResponses,
  },
});
