import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context';
import { marketDeps } from '../../lib/market-deps';
import { StatusCodes } from '../../lib/status';
import { receiveBankNotification } from '../../services/bank-transfers';
import { handleStripeWebhook } from '../../services/card-payments';
import type { bankNotification, stripeWebhook } from './payments.routes';

export const stripeWebhookHandler: RouteHandler<typeof stripeWebhook, AppEnv> = async (c) => {
  const answer = await handleStripeWebhook(marketDeps(c), await c.req.text(), c.req.header('stripe-signature') ?? null);
  return c.json(answer, StatusCodes.OK);
};

export const bankNotificationHandler: RouteHandler<typeof bankNotification, AppEnv> = async (c) => {
  const answer = await receiveBankNotification(marketDeps(c), await c.req.text());
  return c.json(answer, StatusCodes.OK);
};
