/**
 * Parts of orders whose payment window closed: they expire and their stock goes back on sale. The
 * scheduled sweep runs every few minutes; every read of an order does the same for that order
 * first, so a buyer or producer never sees a part waiting past its deadline. A card order's Stripe
 * session is settled first: completed if it was paid after all, closed otherwise.
 */
import { randomToken } from '../crypto/random';
import { findOverdueSubOrders, runMove } from '../data/orders';
import type { OrderDetail } from '../data/orders';
import { isOverdue } from '../domain/checkout';
import { closeCheckoutSession, type CardDeps } from './card-payments';

/** Orders looked at per sweep: a sweep stays well within a scheduled run's limits. */
export const SWEEP_LIMIT = 200;

async function expireOrder(deps: CardDeps, orderId: number, method: string): Promise<number> {
  if (method === 'card' && (await closeCheckoutSession(deps, orderId)) === 'paid') return 0;
  const moved = await runMove(
    deps.db,
    {
      target: { orderId },
      from: 'pending_payment',
      to: 'expired',
      overdueAt: deps.now.toISOString(),
      actor: 'system',
      userId: null,
      note: null,
      stock: 'release',
    },
    randomToken(),
  );
  return moved.length;
}

/** The scheduled sweep: every overdue part expires, its stock released. How many expired. */
export async function expireOverdueOrders(deps: CardDeps): Promise<number> {
  const overdue = await findOverdueSubOrders(deps.db, deps.now.toISOString(), SWEEP_LIMIT);
  const orders = new Map(overdue.map((row) => [row.orderId, row.method]));
  let expired = 0;
  for (const [orderId, method] of orders) expired += await expireOrder(deps, orderId, method);
  return expired;
}

/** Before an order is shown or acted on: its overdue parts expire now. True when any did (read it again). */
export async function expireIfOverdue(deps: CardDeps, order: OrderDetail): Promise<boolean> {
  const overdue = order.subOrders.some(
    (part) => part.status === 'pending_payment' && isOverdue(part.paymentDeadline, deps.now),
  );
  if (!overdue) return false;
  await expireOrder(deps, order.order.id, order.order.paymentMethod);
  return true;
}
