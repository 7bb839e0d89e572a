import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context';
import { marketDeps } from '../../lib/market-deps';
import { StatusCodes } from '../../lib/status';
import { presentOrder } from '../../presenters/orders';
import { orderByLink, placeOrderForApi } from '../../services/orders';
import type { DeliveryChoice } from '../../domain/shipping';
import type { getOrder, placeOrder } from './orders.routes';

type Delivery = {
  producer_id: number;
  kind: 'ship' | 'sales_point' | 'fair_booth';
  sales_point_id?: number | undefined;
  fair_booth_id?: number | undefined;
};

const toChoice = (delivery: Delivery): DeliveryChoice =>
  delivery.kind === 'sales_point'
    ? { kind: 'sales_point', salesPointId: delivery.sales_point_id ?? 0 }
    : delivery.kind === 'fair_booth'
      ? { kind: 'fair_booth', fairBoothId: delivery.fair_booth_id ?? 0 }
      : { kind: 'ship' };

export const placeOrderHandler: RouteHandler<typeof placeOrder, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const deps = marketDeps(c);
  const { order, checkoutUrl } = await placeOrderForApi(deps, {
    cartId: body.cart_token,
    userId: null,
    idempotencyKey: c.req.valid('header')['idempotency-key'],
    buyer: { name: body.buyer.name, phone: body.buyer.phone, email: body.buyer.email ?? null },
    address: body.address
      ? {
          provinceCode: body.address.province_code,
          communeCode: body.address.commune_code,
          street: body.address.street,
        }
      : null,
    deliveries: new Map(body.deliveries.map((delivery) => [delivery.producer_id, toChoice(delivery)])),
    note: body.note ?? null,
    paymentMethod: body.payment_method,
  });
  return c.json({ ...presentOrder(order, deps.page.origin), checkout_url: checkoutUrl }, StatusCodes.CREATED);
};

export const getOrderHandler: RouteHandler<typeof getOrder, AppEnv> = async (c) => {
  const deps = marketDeps(c);
  const order = await orderByLink(deps, c.req.valid('param').token);
  return c.json(presentOrder(order, deps.page.origin), StatusCodes.OK);
};
