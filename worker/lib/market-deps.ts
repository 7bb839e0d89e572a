/** What the marketplace services need from a request: its database, bindings, clock and language. */
import type { Context } from 'hono';
import { orderNotifier } from '../gateways/order-notifier';
import type { CheckoutDeps } from '../services/checkout';
import type { AppEnv } from './context';

export function marketDeps(c: Context<AppEnv>): CheckoutDeps {
  return {
    db: c.var.db,
    env: c.env,
    now: new Date(),
    today: c.var.today,
    notifier: orderNotifier(),
    page: { origin: c.env.PUBLIC_ORIGIN, locale: c.var.locale },
  };
}
