/**
 * The scheduled sweep as the runtime fires it: wrangler.toml's five-minute cron reaches
 * expireOverdueOrders through worker/index.ts, so parts past their payment window expire and their
 * stock goes back on sale even when nobody reads the order.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { subOrderEvents, subOrders } from '../../db/schema';
import worker from '../../worker/index';
import { cartWith, checkoutRequest, createSaleProduct, createSeller, place, stockOf } from '../support/commerce';
import { testDb } from '../support/factories';

async function runCron(cron: string) {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const statusesOf = async (orderId: number) =>
  (await testDb().select().from(subOrders).where(eq(subOrders.orderId, orderId))).map((part) => part.status);

describe('the order sweep cron', () => {
  it('expires parts past their payment window and gives their stock back; parts still in time wait', async () => {
    const seller = await createSeller();
    const honey = await createSaleProduct({ producerId: seller, stock: 5 });
    const tea = await createSaleProduct({ producerId: seller, stock: 5 });
    const { order: overdue } = await place(
      checkoutRequest(await cartWith([{ productId: honey.id, quantity: 2 }]), [seller]),
    );
    const { order: inTime } = await place(
      checkoutRequest(await cartWith([{ productId: tea.id, quantity: 1 }]), [seller], { paymentMethod: 'cod' }),
    );
    await testDb()
      .update(subOrders)
      .set({ paymentDeadline: new Date(Date.now() - 60_000).toISOString() })
      .where(eq(subOrders.orderId, overdue.id));
    expect(await stockOf(honey.id)).toBe(3);

    await runCron('*/5 * * * *');
    expect(await statusesOf(overdue.id)).toEqual(['expired']);
    expect(await stockOf(honey.id)).toBe(5);
    expect(await statusesOf(inTime.id)).toEqual(['pending_payment']);
    expect(await stockOf(tea.id)).toBe(4);
    const parts = await testDb().select().from(subOrders).where(eq(subOrders.orderId, overdue.id));
    const history = await testDb()
      .select()
      .from(subOrderEvents)
      .where(
        inArray(
          subOrderEvents.subOrderId,
          parts.map((part) => part.id),
        ),
      );
    expect(history.at(-1)).toMatchObject({
      fromStatus: 'pending_payment',
      toStatus: 'expired',
      actor: 'system',
      userId: null,
    });

    // Run again: nothing left to expire, and the stock is not given back twice.
    await runCron('*/5 * * * *');
    expect(await stockOf(honey.id)).toBe(5);
  });
});
