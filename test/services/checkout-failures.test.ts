/**
 * D1 failing at each step of placing an order, before a round trip reaches the database and after
 * it ran (the answer lost): the buyer sees an error, nothing is half-written, no stock is lost or
 * taken twice, and sending the same form again places the order once, whole.
 */
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orderItems, orders, payments, stockAdjustments, subOrders } from '../../db/schema';
import { createDb } from '../../worker/data/db';
import type { PaymentMethod } from '../../worker/domain/order-status';
import {
  cartWith,
  checkoutDeps,
  checkoutRequest,
  createSaleProduct,
  createSeller,
  recordingNotifier,
  stockOf,
} from '../support/commerce';
import { testDb } from '../support/factories';
import { failingD1, InjectedD1Failure, type FailureMode } from '../support/failing-d1';
import { placeOrder } from '../../worker/services/checkout';

async function scenario(method: PaymentMethod) {
  const [a, b] = [await createSeller(), await createSeller()];
  const honey = await createSaleProduct({ producerId: a, stock: 10 });
  const tea = await createSaleProduct({ producerId: b, stock: 6 });
  const cartId = await cartWith([
    { productId: honey.id, quantity: 3 },
    { productId: tea.id, quantity: 2 },
  ]);
  return { honey, tea, request: checkoutRequest(cartId, [a, b], { paymentMethod: method }) };
}

/** The order of a cart: none, or one that is whole (two parts, their lines, the stock taken once). */
async function stateOf(cartId: string, productIds: number[]) {
  const db = testDb();
  const placed = await db.select().from(orders).where(eq(orders.cartId, cartId));
  const parts = placed[0] ? await db.select().from(subOrders).where(eq(subOrders.orderId, placed[0].id)) : [];
  const lines = parts.length
    ? (await db.select().from(orderItems)).filter((line) => parts.some((part) => part.id === line.subOrderId))
    : [];
  const taken = (await db.select().from(stockAdjustments)).filter(
    (row) => productIds.includes(row.productId) && row.reason.startsWith('order_reserved'),
  );
  const cardPayments = placed[0] ? await db.select().from(payments).where(eq(payments.orderId, placed[0].id)) : [];
  return {
    orders: placed.length,
    parts: parts.length,
    lines: lines.length,
    taken: taken.length,
    cardPayments: cardPayments.length,
  };
}

/** drizzle wraps a failed query's error ("Failed query: …"), keeping D1's as its cause. */
function isInjected(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e instanceof InjectedD1Failure) return true;
  return false;
}

async function roundTripsOf(method: PaymentMethod): Promise<number> {
  const { request } = await scenario(method);
  const counting = failingD1(env.DB, Number.POSITIVE_INFINITY, 'before');
  await placeOrder(checkoutDeps({ db: createDb(counting.d1) }), request);
  return counting.calls();
}

describe('a D1 failure at each step of placing an order', () => {
  for (const method of ['vietqr', 'card', 'cod'] as const) {
    it(`leaves a ${method} order whole or absent, and a retry places it once`, { timeout: 60_000 }, async () => {
      const steps = await roundTripsOf(method);
      expect(steps).toBeGreaterThanOrEqual(method === 'card' ? 4 : 2);
      for (let step = 1; step <= steps; step++) {
        for (const mode of ['before', 'after'] as FailureMode[]) {
          const { honey, tea, request } = await scenario(method);
          const failing = failingD1(env.DB, step, mode);
          const notifier = recordingNotifier();
          const failure = await placeOrder(checkoutDeps({ db: createDb(failing.d1), notifier }), request).then(
            () => null,
            (error: unknown) => error,
          );
          expect(isInjected(failure), `step ${step} ${mode}: ${String(failure)}`).toBe(true);

          const after = await stateOf(request.cartId, [honey.id, tea.id]);
          const where = `step ${step} ${mode}: ${JSON.stringify(after)}`;
          if (after.orders === 0) {
            expect(after, where).toMatchObject({ parts: 0, lines: 0, taken: 0 });
            expect(await stockOf(honey.id), where).toBe(10);
          } else {
            expect(after, where).toMatchObject({ orders: 1, parts: 2, lines: 2, taken: 2 });
            expect(await stockOf(honey.id), where).toBe(7);
          }

          const retried = await placeOrder(checkoutDeps({ notifier }), request);
          const done = await stateOf(request.cartId, [honey.id, tea.id]);
          expect(done, where).toMatchObject({
            orders: 1,
            parts: 2,
            lines: 2,
            taken: 2,
            cardPayments: method === 'card' ? 1 : 0,
          });
          expect(await stockOf(honey.id), where).toBe(7);
          expect(await stockOf(tea.id), where).toBe(4);
          if (method === 'card') expect(retried.checkoutUrl, where).toMatch(/\/c\/pay\/cs_test_/);
          expect(notifier.notices.length, where).toBeGreaterThanOrEqual(1);
        }
      }
    });
  }
});
