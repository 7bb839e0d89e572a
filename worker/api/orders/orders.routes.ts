import { createRoute } from '@hono/zod-openapi';
import { jsonBody } from '../../lib/json-body';
import { errorResponses, jsonContent, notFoundResponse, problem } from '../../lib/openapi';
import { StatusCodes } from '../../lib/status';
import {
  idempotencyHeader,
  orderSchema,
  orderTokenParam,
  placedOrderSchema,
  placeOrderBody,
} from '../../schemas/market-api';

export const placeOrder = createRoute({
  method: 'post',
  path: '/orders',
  tags: ['Marketplace'],
  summary: 'Place an order from a cart',
  description: [
    'Splits the cart into one part per producer, each delivered as its `deliveries` entry says (shipped to',
    '`address`, or picked up at one of the producer’s sales points or its booth at a fair running today), and',
    'takes the stock of every line, all lines or none: a line whose stock ran out answers 409 `sold_out`',
    'naming the product. Prices, fees and totals are computed from the products and the producers’ shipping',
    'rules, never taken from the request. The same cart and `Idempotency-Key` place one order: sending the',
    'request again answers that order. `card` answers a Stripe `checkout_url` (31 minutes to pay); `vietqr`',
    'a VietQR payload per part, for that producer’s account, with the exact amount and the part’s reference',
    'as the transfer content (24 hours); `cod` waits for each producer to confirm. The answer’s `url` is the',
    'buyer’s order page; `token` reads the order back.',
  ].join(' '),
  middleware: [jsonBody()] as const,
  request: {
    headers: idempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: placeOrderBody } } },
  },
  responses: {
    [StatusCodes.CREATED]: jsonContent(placedOrderSchema, 'The order, placed (or placed before with this key).'),
    [StatusCodes.CONFLICT]: problem('Sold out, or not enough left: `errors` names the product.'),
    [StatusCodes.PAYLOAD_TOO_LARGE]: problem('The body is over 256 KB.'),
    [StatusCodes.UNSUPPORTED_MEDIA_TYPE]: problem('The body is not application/json.'),
    ...errorResponses,
  },
});

export const getOrder = createRoute({
  method: 'get',
  path: '/orders/{token}',
  tags: ['Marketplace'],
  summary: 'An order, by the token of its link',
  description:
    'Each part with its status, delivery, tracking and, while a VietQR part waits for its transfer, the payload to pay it. A part whose payment window closed is shown expired.',
  request: { params: orderTokenParam },
  responses: {
    [StatusCodes.OK]: jsonContent(orderSchema, 'The order.'),
    ...notFoundResponse,
    ...errorResponses,
  },
});
