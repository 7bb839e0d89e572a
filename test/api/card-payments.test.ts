/**
 * Card payments end to end: an order placed by card gets a Stripe Checkout Session from the local
 * stand-in, the buyer pays (or not) on "Stripe's page", and Stripe's signed webhook events reach
 * /api/v1/payments/stripe/webhook: paid, declined, expired, refunded; a bad signature, a replay, events
 * out of order, a payment after the order expired or was cancelled, the return page before the webhook;
 * the ledger staff export.
 */
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { payments, producerLedger, refunds, subOrderEvents, subOrders } from '../../db/schema';
import { findOrderById } from '../../worker/data/orders';
import { parseCsv } from '../../worker/domain/csv';
import { orderReference } from '../../worker/domain/order-reference';
import { createStripeClient, stripeSettings } from '../../worker/gateways/stripe';
import { expireOverdueOrders } from '../../worker/services/order-expiry';
import { moveSubOrder } from '../../worker/services/order-fulfilment';
import { buyerCancels } from '../../worker/services/orders';
import {
  cartWith,
  checkoutDeps,
  checkoutRequest,
  createSaleProduct,
  createSeller,
  place,
  stockOf,
} from '../support/commerce';
import { testDb } from '../support/factories';
import { fetchApp } from '../support/http';
import { signedIn } from '../support/portal';
import {
  asyncPaymentFails,
  asyncPaymentSucceeds,
  eventsOf,
  payOnStripe,
  postStripeEvent,
  sessionIdOf,
} from '../support/stripe';

const stripe = createStripeClient(stripeSettings(env)!);

/** A card order of two producers: 2 × 150.000 ₫ honey (stock 5) and 1 × 90.000 ₫ tea (stock 3), shipped. */
async function cardOrder(stock = { honey: 5, tea: 3 }) {
  const [a, b] = [await createSeller({ shippingFlatFee: 30_000 }), await createSeller({ shippingFlatFee: 20_000 })];
  const honey = await createSaleProduct({ producerId: a, price: 150_000, stock: stock.honey });
  const tea = await createSaleProduct({ producerId: b, price: 90_000, stock: stock.tea });
  const cartId = await cartWith([
    { productId: honey.id, quantity: 2 },
    { productId: tea.id, quantity: 1 },
  ]);
  const placed = await place(checkoutRequest(cartId, [a, b], { paymentMethod: 'card' }));
  return { ...placed, honey, tea, producers: [a, b], sessionId: sessionIdOf(placed.checkoutUrl) };
}

const statusesOf = async (orderId: number) =>
  (await testDb().select().from(subOrders).where(eq(subOrders.orderId, orderId))).map((part) => part.status);

const ledgerOf = async (orderId: number) => {
  const parts = await testDb().select().from(subOrders).where(eq(subOrders.orderId, orderId));
  const rows = await testDb().select().from(producerLedger);
  return rows
    .filter((row) => parts.some((part) => part.id === row.subOrderId))
    .map((row) => ({ kind: row.kind, amount: row.amount }));
};

const cardPaymentOf = async (orderId: number) =>
  (
    await testDb()
      .select()
      .from(payments)
      .where(and(eq(payments.orderId, orderId), eq(payments.method, 'card')))
  )[0]!;

describe('card payment through Stripe Checkout', () => {
  it('asks Stripe for one session in đồng, 31 minutes long, naming the order', async () => {
    const { order, sessionId } = await cardOrder();
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    expect(session).toMatchObject({
      currency: 'vnd',
      amount_total: 300_000 + 30_000 + 90_000 + 20_000,
      client_reference_id: expect.stringMatching(new RegExp(`^OCOP${order.code}0.$`)),
      status: 'open',
    });
    expect(session.expires_at - session.created).toBeGreaterThanOrEqual(30 * 60);
    expect(session.success_url).toContain(`/orders/${order.linkToken}/card-return?session_id={CHECKOUT_SESSION_ID}`);
  });

  it('marks every part paid when the webhook says so, credits each producer, and ignores the replay', async () => {
    const { order, sessionId } = await cardOrder();
    const paid = await payOnStripe(sessionId);
    const response = await postStripeEvent(paid);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    expect(await statusesOf(order.id)).toEqual(['paid', 'paid']);
    expect(await cardPaymentOf(order.id)).toMatchObject({ status: 'succeeded', amount: 440_000 });
    expect((await cardPaymentOf(order.id)).providerPaymentId).toMatch(/^pi_/);
    expect(await ledgerOf(order.id)).toEqual([
      { kind: 'card_payment', amount: 330_000 },
      { kind: 'card_payment', amount: 110_000 },
    ]);

    const replay = await postStripeEvent(paid);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(await ledgerOf(order.id)).toHaveLength(2);
    const events = await testDb().select().from(subOrderEvents);
    expect(events.filter((event) => event.toStatus === 'paid' && event.note === `stripe ${sessionId}`)).toHaveLength(2);
  });

  it('completes from the return page before the webhook, and the webhook then changes nothing', async () => {
    const { order, sessionId } = await cardOrder();
    const paid = await payOnStripe(sessionId);
    const back = await fetchApp(`/orders/${order.linkToken}/card-return?session_id=${sessionId}`, {
      redirect: 'manual',
    });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/orders/${order.linkToken}`);
    expect(await statusesOf(order.id)).toEqual(['paid', 'paid']);
    expect(await (await postStripeEvent(paid)).json()).toEqual({ received: true, duplicate: false });
    expect(await ledgerOf(order.id)).toHaveLength(2);
    // The return page reads the session from Stripe, never from its own URL: a made-up id does nothing.
    const other = await cardOrder();
    await fetchApp(`/orders/${other.order.linkToken}/card-return?session_id=${sessionId}`);
    expect(await statusesOf(other.order.id)).toEqual(['pending_payment', 'pending_payment']);
  });

  it('refuses an event with a wrong, missing or stale signature (400) and changes nothing', async () => {
    const { order, sessionId } = await cardOrder();
    const paid = await payOnStripe(sessionId);
    const forged = paid.signature.replace(/v1=([0-9a-f])/, (_, digit: string) => `v1=${digit === '0' ? '1' : '0'}`);
    for (const signature of [forged, '']) {
      const response = await postStripeEvent({ payload: paid.payload, signature });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const tampered = paid.payload.replace(/"payment_status": "paid"/, '"payment_status": "unpaid"');
    expect(tampered).not.toBe(paid.payload);
    expect((await postStripeEvent({ payload: tampered, signature: paid.signature })).status).toBe(400);
    const stale = await (
      await fetch(
        `${env.STRIPE_API_BASE}/_control/events/${paid.event.id}?timestamp=${Math.floor(Date.now() / 1000) - 3600}`,
      )
    ).json<{ payload: string; signature: string }>();
    expect((await postStripeEvent(stale)).status).toBe(400);
    expect(await statusesOf(order.id)).toEqual(['pending_payment', 'pending_payment']);
  });

  it('waits for a delayed payment, then marks it paid, even when the events come out of order', async () => {
    const { order, sessionId } = await cardOrder();
    const completed = await payOnStripe(sessionId, { async: true });
    const succeeded = await asyncPaymentSucceeds(sessionId);
    expect(await (await postStripeEvent(succeeded)).json()).toMatchObject({ duplicate: false });
    expect(await statusesOf(order.id)).toEqual(['paid', 'paid']);
    expect(await (await postStripeEvent(completed)).json()).toMatchObject({ duplicate: false });
    expect(await statusesOf(order.id)).toEqual(['paid', 'paid']);
    expect(await ledgerOf(order.id)).toHaveLength(2);
  });

  it('holds the stock while a delayed payment is on its way, and gives it back when it fails', async () => {
    const { order, sessionId, honey } = await cardOrder();
    expect(await stockOf(honey.id)).toBe(3);
    await postStripeEvent(await payOnStripe(sessionId, { async: true }));
    const [part] = await testDb().select().from(subOrders).where(eq(subOrders.orderId, order.id));
    expect(new Date(part!.paymentDeadline!).getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
    await postStripeEvent(await asyncPaymentFails(sessionId));
    expect(await statusesOf(order.id)).toEqual(['cancelled', 'cancelled']);
    expect(await cardPaymentOf(order.id)).toMatchObject({ status: 'failed' });
    expect(await stockOf(honey.id)).toBe(5);
  });

  it('gives the stock back when Stripe expires the session, once however often it says so', async () => {
    const { order, sessionId, honey, tea } = await cardOrder();
    await stripe.checkout.sessions.expire(sessionId);
    const [expired] = (await eventsOf(sessionId)).filter(
      (delivery) => delivery.event.type === 'checkout.session.expired',
    );
    expect((await postStripeEvent(expired!)).status).toBe(200);
    expect(await statusesOf(order.id)).toEqual(['expired', 'expired']);
    expect(await stockOf(honey.id)).toBe(5);
    expect(await stockOf(tea.id)).toBe(3);
    expect(await cardPaymentOf(order.id)).toMatchObject({ status: 'expired' });
    await postStripeEvent(expired!);
    expect(await stockOf(honey.id)).toBe(5);
  });

  it('takes the stock again for a payment that lands after the order expired, while it is there', async () => {
    const { order, sessionId, honey } = await cardOrder();
    await expireWithoutStripe(order.id);
    expect(await statusesOf(order.id)).toEqual(['expired', 'expired']);
    expect(await stockOf(honey.id)).toBe(5);

    await postStripeEvent(await payOnStripe(sessionId));
    expect(await statusesOf(order.id)).toEqual(['paid', 'paid']);
    expect(await stockOf(honey.id)).toBe(3);
    expect(await ledgerOf(order.id)).toHaveLength(2);
    expect(await cardPaymentOf(order.id)).toMatchObject({ status: 'succeeded', refundedAmount: 0, issue: null });
  });

  it('refunds a late payment whose stock was sold meanwhile, and lists it for staff', async () => {
    const { order, sessionId, honey, producers } = await cardOrder({ honey: 2, tea: 3 });
    await expireWithoutStripe(order.id);
    // Someone else buys the honey the expired order had held.
    const other = await cartWith([{ productId: honey.id, quantity: 2 }]);
    await place(checkoutRequest(other, [producers[0]!], { paymentMethod: 'cod' }));
    expect(await stockOf(honey.id)).toBe(0);

    await postStripeEvent(await payOnStripe(sessionId));
    expect(await statusesOf(order.id)).toEqual(['expired', 'paid']);
    const payment = await cardPaymentOf(order.id);
    expect(payment).toMatchObject({ status: 'succeeded', refundedAmount: 330_000, issue: 'late_refunded' });
    expect(await testDb().select().from(refunds).where(eq(refunds.paymentId, payment.id))).toMatchObject([
      { amount: 330_000, reason: 'late_payment', providerRefundId: expect.stringMatching(/^re_/) },
    ]);
    const [refund] = await testDb().select().from(refunds).where(eq(refunds.paymentId, payment.id));
    expect((await stripe.refunds.retrieve(refund!.providerRefundId!)).metadata).toEqual({
      order_code: order.code,
      sub_order: '1',
    });
    expect(await ledgerOf(order.id)).toEqual([{ kind: 'card_payment', amount: 110_000 }]);
    expect(await stockOf(honey.id)).toBe(0);

    const { browser } = await staffSession();
    const page = await (await browser.request('/admin/payments')).text();
    expect(page).toContain('đã hoàn tự động');
    expect(page).toContain(`/admin/orders/${order.id}`);
  });

  it('refunds a payment made just before the buyer cancelled, once, and lists it for staff', async () => {
    const { order, sessionId, honey, tea } = await cardOrder();
    // The buyer pays on Stripe's page, then cancels from the order page before any event arrives.
    const paid = await payOnStripe(sessionId);
    await buyerCancels(checkoutDeps(), order.linkToken, null);
    expect(await statusesOf(order.id)).toEqual(['cancelled', 'cancelled']);
    expect(await stockOf(honey.id)).toBe(5);
    expect(await stockOf(tea.id)).toBe(3);
    const payment = await cardPaymentOf(order.id);
    expect(payment).toMatchObject({ status: 'refunded', refundedAmount: 440_000, issue: 'late_refunded' });
    const refundRows = await testDb().select().from(refunds).where(eq(refunds.paymentId, payment.id));
    expect(refundRows.map((row) => [row.amount, row.reason])).toEqual([
      [330_000, 'cancelled'],
      [110_000, 'cancelled'],
    ]);
    expect(await ledgerOf(order.id)).toEqual([]);

    // The webhook then reports the payment: nothing is paid or refunded again.
    expect(await (await postStripeEvent(paid)).json()).toEqual({ received: true, duplicate: false });
    expect(await statusesOf(order.id)).toEqual(['cancelled', 'cancelled']);
    expect(await testDb().select().from(refunds).where(eq(refunds.paymentId, payment.id))).toHaveLength(2);
    expect(await ledgerOf(order.id)).toEqual([]);
    const page = await (await (await staffSession()).browser.request('/admin/payments')).text();
    expect(page).toContain(`/admin/orders/${order.id}`);
  });

  it('refunds a paid part through Stripe when staff ask, gives its stock back and debits the producer', async () => {
    const { order, sessionId, honey } = await cardOrder();
    await postStripeEvent(await payOnStripe(sessionId));
    const detail = (await findOrderById(testDb(), order.id))!;
    const staff = await staffSession();
    await moveSubOrder(
      checkoutDeps(),
      detail,
      detail.subOrders[0]!,
      { to: 'refunded' },
      { kind: 'staff', userId: staff.user.id },
    );
    expect(await statusesOf(order.id)).toEqual(['refunded', 'paid']);
    expect(await stockOf(honey.id)).toBe(5);
    expect(await cardPaymentOf(order.id)).toMatchObject({ status: 'succeeded', refundedAmount: 330_000 });
    expect(await ledgerOf(order.id)).toEqual([
      { kind: 'card_payment', amount: 330_000 },
      { kind: 'card_payment', amount: 110_000 },
      { kind: 'card_refund', amount: -330_000 },
    ]);
    const intent = (await cardPaymentOf(order.id)).providerPaymentId!;
    await expect(stripe.refunds.create({ payment_intent: intent, amount: 110_001 })).rejects.toMatchObject({
      code: 'amount_too_large',
    });
  });

  it('exports the ledger for staff as CSV: one row per credit and refund, once marked UTF-8', async () => {
    const { order, sessionId } = await cardOrder();
    await postStripeEvent(await payOnStripe(sessionId));
    const detail = (await findOrderById(testDb(), order.id))!;
    const staff = await staffSession();
    await moveSubOrder(
      checkoutDeps(),
      detail,
      detail.subOrders[1]!,
      { to: 'refunded' },
      { kind: 'staff', userId: staff.user.id },
    );

    const response = await staff.browser.request('/admin/payments/ledger.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // One byte-order mark, then the header: a second one would become part of the first column's name.
    expect([...bytes.slice(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 'e'.charCodeAt(0)]);
    const parsed = parseCsv(new TextDecoder().decode(bytes));
    if (!parsed.ok) throw new Error(`unreadable CSV: ${parsed.error.code}`);
    expect(parsed.header).toEqual([
      'entry_id',
      'created_at',
      'producer_id',
      'producer_name',
      'kind',
      'amount_vnd',
      'order_reference',
      'payment_reference',
    ]);
    const mine = parsed.rows.map((row) => row.fields).filter((fields) => fields[6]!.startsWith(`OCOP${order.code}`));
    expect(mine.map((fields) => [fields[2], fields[4], fields[5], fields[6], fields[7]])).toEqual([
      [String(detail.subOrders[0]!.producerId), 'card_payment', '330000', orderReference(order.code, 1), sessionId],
      [String(detail.subOrders[1]!.producerId), 'card_payment', '110000', orderReference(order.code, 2), sessionId],
      [String(detail.subOrders[1]!.producerId), 'card_refund', '-110000', orderReference(order.code, 2), sessionId],
    ]);

    const { browser: producer } = await signedIn('producer_member');
    expect((await producer.request('/admin/payments/ledger.csv')).status).toBe(403);
  });

  it('says card payment is unavailable without Stripe keys', async () => {
    const seller = await createSeller();
    const product = await createSaleProduct({ producerId: seller });
    const cartId = await cartWith([{ productId: product.id }]);
    const withoutKeys = { ...env, STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' };
    await expect(
      place(checkoutRequest(cartId, [seller], { paymentMethod: 'card' }), { env: withoutKeys }),
    ).rejects.toMatchObject({ problems: [{ field: 'paymentMethod', problem: 'payment_unavailable' }] });
  });
});

/** The payment window closes while Stripe cannot be reached: the parts expire here, the session stays open there. */
async function expireWithoutStripe(orderId: number) {
  await testDb()
    .update(subOrders)
    .set({ paymentDeadline: new Date(Date.now() - 1000).toISOString() })
    .where(eq(subOrders.orderId, orderId));
  const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await expireOverdueOrders({ db: testDb(), env: { ...env, STRIPE_API_BASE: 'http://127.0.0.1:9' }, now: new Date() });
  expect(reported).toHaveBeenCalledWith('closing a Checkout Session before expiry failed', expect.anything());
  reported.mockRestore();
}

const staffSession = () => signedIn('staff');
