import { createRoute } from '@hono/zod-openapi';
import { jsonBody } from '../../lib/json-body';
import { errorResponses, jsonContent, notFoundResponse, problem } from '../../lib/openapi';
import { StatusCodes } from '../../lib/status';
import {
  cartLineInput,
  cartLineParams,
  cartSchema,
  cartTokenParam,
  createCartBody,
  lineQuantityBody,
} from '../../schemas/market-api';

const bodyResponses = {
  [StatusCodes.CONFLICT]: problem('Not enough stock: `errors` names the product and what is left.'),
  [StatusCodes.PAYLOAD_TOO_LARGE]: problem('The body is over 256 KB.'),
  [StatusCodes.UNSUPPORTED_MEDIA_TYPE]: problem('The body is not application/json.'),
} as const;

const refusals =
  'A product that cannot be bought online is refused with the reason as the error message: a tourism service (book it with the producer), goods sold at sales points only, no price, not listed, or more than the stock.';

export const createCart = createRoute({
  method: 'post',
  path: '/carts',
  tags: ['Marketplace'],
  summary: 'Create a cart with its first lines',
  description: `Answers the cart with its token: keep it, it is the cart's only key. Prices always come from the products, never from the request. ${refusals}`,
  middleware: [jsonBody()] as const,
  request: { body: { required: true, content: { 'application/json': { schema: createCartBody } } } },
  responses: {
    [StatusCodes.CREATED]: jsonContent(cartSchema, 'The new cart.'),
    ...bodyResponses,
    ...errorResponses,
  },
});

export const getCart = createRoute({
  method: 'get',
  path: '/carts/{token}',
  tags: ['Marketplace'],
  summary: 'A cart, priced as the products are now',
  description: 'Each line with its price and, when it can no longer be ordered as it is (stock, not on sale), why.',
  request: { params: cartTokenParam },
  responses: {
    [StatusCodes.OK]: jsonContent(cartSchema, 'The cart.'),
    ...notFoundResponse,
    ...errorResponses,
  },
});

export const addCartLine = createRoute({
  method: 'post',
  path: '/carts/{token}/lines',
  tags: ['Marketplace'],
  summary: 'Add units of a product to a cart',
  description: `Adds to the line of the same product and pack size when there is one. ${refusals}`,
  middleware: [jsonBody()] as const,
  request: {
    params: cartTokenParam,
    body: { required: true, content: { 'application/json': { schema: cartLineInput } } },
  },
  responses: {
    [StatusCodes.OK]: jsonContent(cartSchema, 'The cart.'),
    ...notFoundResponse,
    ...bodyResponses,
    ...errorResponses,
  },
});

export const changeCartLine = createRoute({
  method: 'patch',
  path: '/carts/{token}/lines/{lineId}',
  tags: ['Marketplace'],
  summary: "Change a line's quantity (0 removes it)",
  middleware: [jsonBody()] as const,
  request: {
    params: cartLineParams,
    body: { required: true, content: { 'application/json': { schema: lineQuantityBody } } },
  },
  responses: {
    [StatusCodes.OK]: jsonContent(cartSchema, 'The cart.'),
    ...notFoundResponse,
    ...bodyResponses,
    ...errorResponses,
  },
});
