/**
 * VietQR parts paid by bank transfer, as the bank-notification services report them to
 * /api/v1/payments/bank-transfers: exact, duplicated, partial, excess, unknown, to another account,
 * late after the order expired; never lost, and listed for staff when a person must act.
 */
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bankTransfers, payments, subOrders } from '../../db/schema';
import { formatOrderReference, orderReference } from '../../worker/domain/order-reference';
import { expireOverdueOrders } from '../../worker/services/order-expiry';
import {
  cartWith,
  checkoutRequest,
  createSaleProduct,
  createSeller,
  DEMO_ACCOUNT,
  place,
  stockOf,
} from '../support/commerce';
import { testDb } from '../support/factories';
import { fetchApp } from '../support/http';
import { signedIn } from '../support/portal';

/** A VietQR order of two producers: 200.000 ₫ + 30.000 ₫ shipping, and 100.000 ₫ + 30.000 ₫. */
async function transferOrder(stock = 10) {
  const [a, b] = [await createSeller(), await createSeller()];
  const honey = await createSaleProduct({ producerId: a, price: 100_000, stock });
  const tea = await createSaleProduct({ producerId: b, price: 100_000, stock: 10 });
  const cartId = await cartWith([
    { productId: honey.id, quantity: 2 },
    { productId: tea.id, quantity: 1 },
  ]);
  const { order } = await place(checkoutRequest(cartId, [a, b]));
  return { order, honey, producers: [a, b], reference: (part: number) => orderReference(order.code, part) };
}

let nextId = 9_000_000 + Math.floor(Math.random() * 1_000_000);

/** A SePay notification of one incoming transfer to the demo account. */
function sepay(content: string, amount: number, overrides: Record<string, unknown> = {}) {
  return {
    id: nextId++,
    gateway: 'ACB',
    transactionDate: '2026-12-05 09:15:00',
    accountNumber: DEMO_ACCOUNT.bankAccountNumber,
    code: null,
    content,
    transferType: 'in',
    transferAmount: amount,
    accumulated: 5_000_000,
    subAccount: null,
    referenceCode: `FT${nextId}`,
    description: `BankAPINotify ${content}`,
    ...overrides,
  };
}

function notify(
  body: unknown,
  headers: Record<string, string> = { authorization: `Apikey ${env.BANK_WEBHOOK_SECRET}` },
) {
  return fetchApp('/api/v1/payments/bank-transfers', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const partsOf = async (orderId: number) =>
  (await testDb().select().from(subOrders).where(eq(subOrders.orderId, orderId))).map((part) => ({
    status: part.status,
    received: part.amountReceived,
  }));

const transferOf = async (id: number) =>
  (
    await testDb()
      .select()
      .from(bankTransfers)
      .where(eq(bankTransfers.transferKey, `sepay:${id}`))
  )[0];

describe('POST /api/v1/payments/bank-transfers', () => {
  it('refuses a call without the shared secret, or with another, and keeps nothing', async () => {
    const body = sepay('OCOP whatever', 10_000);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Apikey not-the-secret-at-all' },
      { 'secure-token': 'nope' },
    ];
    for (const headers of attempts) {
      const response = await notify(body, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await transferOf(body.id)).toBeUndefined();
  });

  it('pays the part whose reference the transfer carries, wherever the bank put it', async () => {
    const { order, reference } = await transferOrder();
    const body = sepay(`MBVCB.1234567.${formatOrderReference(reference(1)).toLowerCase()}.CT tu 0912345678`, 230_000);
    const response = await notify(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      transfers: [{ key: `sepay:${body.id}`, duplicate: false, outcome: 'exact' }],
    });
    expect(await partsOf(order.id)).toEqual([
      { status: 'paid', received: 230_000 },
      { status: 'pending_payment', received: 0 },
    ]);
    const stored = await transferOf(body.id);
    expect(stored).toMatchObject({ outcome: 'exact', amount: 230_000, reference: reference(1), resolution: null });
    expect(JSON.parse(stored!.rawBody)).toEqual(body);
    expect(await testDb().select().from(payments).where(eq(payments.orderId, order.id))).toMatchObject([
      { method: 'vietqr', status: 'succeeded', amount: 230_000, providerReference: `sepay:${body.id}` },
    ]);
  });

  it('applies a notification sent twice once', async () => {
    const { order, reference } = await transferOrder();
    const body = sepay(reference(2), 50_000);
    await notify(body);
    const again = await notify(body);
    expect(await again.json()).toEqual({ transfers: [{ key: `sepay:${body.id}`, duplicate: true, outcome: null }] });
    expect((await partsOf(order.id))[1]).toEqual({ status: 'pending_payment', received: 50_000 });
    expect(await testDb().select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(1);
  });

  it('adds partial transfers up until the part is paid, and lists the short one for staff', async () => {
    const { order, reference } = await transferOrder();
    const first = sepay(reference(2), 100_000);
    expect(await (await notify(first)).json()).toMatchObject({ transfers: [{ outcome: 'partial' }] });
    expect((await partsOf(order.id))[1]).toEqual({ status: 'pending_payment', received: 100_000 });
    const { browser } = await signedIn('staff');
    expect(await (await browser.request('/admin/payments')).text()).toContain(reference(2));
    // The order page asks for what is still owed.
    const page = await (await fetchApp(`/orders/${order.linkToken}`)).text();
    expect(page).toContain('<code class="copy">30000</code>');

    await notify(sepay(`${reference(2)} con lai`, 30_000));
    expect((await partsOf(order.id))[1]).toEqual({ status: 'paid', received: 130_000 });
  });

  it('pays a part sent too much, and keeps the surplus for staff to hand back', async () => {
    const { order, reference } = await transferOrder();
    const body = sepay(reference(1), 250_000);
    expect(await (await notify(body)).json()).toMatchObject({ transfers: [{ outcome: 'excess' }] });
    expect((await partsOf(order.id))[0]!.status).toBe('paid');
    expect(await transferOf(body.id)).toMatchObject({ outcome: 'excess', surplus: 20_000, resolution: null });
  });

  it('keeps a transfer that names no order, or names one but reached another account, for staff', async () => {
    const { order, reference } = await transferOrder();
    const unknown = sepay('Chuyen tien mua mat ong', 230_000);
    const elsewhere = sepay(reference(1), 230_000, { accountNumber: '999888777' });
    const mistyped = sepay(
      reference(1).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      230_000,
    );
    for (const body of [unknown, elsewhere, mistyped]) {
      expect(await (await notify(body)).json()).toMatchObject({ transfers: [{ outcome: 'unmatched' }] });
    }
    expect((await partsOf(order.id))[0]!.status).toBe('pending_payment');

    const { browser } = await signedIn('staff');
    const page = await (await browser.request('/admin/payments')).text();
    expect(page).toContain('Chuyen tien mua mat ong');
    const [row] = await testDb()
      .select()
      .from(bankTransfers)
      .where(eq(bankTransfers.transferKey, `sepay:${unknown.id}`));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const resolved = await browser.post(`/admin/payments/transfers/${row!.id}/resolve`, {
      _csrf: csrf,
      resolution: 'returned',
      note: 'Đã chuyển trả lại người gửi ngày 5/12',
    });
    expect(resolved.status).toBe(303);
    expect(await transferOf(unknown.id)).toMatchObject({
      resolution: 'returned',
      resolutionNote: 'Đã chuyển trả lại người gửi ngày 5/12',
    });
    expect(await (await browser.request('/admin/payments')).text()).not.toContain('Chuyen tien mua mat ong');
  });

  it('pays an expired part whose money came late while its stock is there; otherwise keeps it for staff', async () => {
    const { order, honey, reference } = await transferOrder(2);
    await expire(order.id);
    expect(await stockOf(honey.id)).toBe(2);
    const late = sepay(reference(1), 230_000);
    expect(await (await notify(late)).json()).toMatchObject({ transfers: [{ outcome: 'late' }] });
    expect((await partsOf(order.id))[0]).toEqual({ status: 'paid', received: 230_000 });
    expect(await stockOf(honey.id)).toBe(0);
    expect(await transferOf(late.id)).toMatchObject({ outcome: 'late', resolution: 'applied' });

    const second = await transferOrder(2);
    await expire(second.order.id);
    const other = await cartWith([{ productId: second.honey.id, quantity: 2 }]);
    await place(checkoutRequest(other, [second.producers[0]!], { paymentMethod: 'cod' }));
    const tooLate = sepay(second.reference(1), 230_000);
    expect(await (await notify(tooLate)).json()).toMatchObject({ transfers: [{ outcome: 'late' }] });
    expect((await partsOf(second.order.id))[0]).toEqual({ status: 'expired', received: 0 });
    expect(await transferOf(tooLate.id)).toMatchObject({ outcome: 'late', surplus: 230_000, resolution: null });
  });

  it("reads Casso's shape, and leaves money going out alone", async () => {
    const { order, reference } = await transferOrder();
    const casso = {
      error: 0,
      data: {
        id: nextId++,
        reference: 'FT24364030863634',
        description: `${reference(2)} thanh toan`,
        amount: 130_000,
        runningBalance: 2_000_000,
        transactionDateTime: '2026-12-05 10:00:00',
        accountNumber: DEMO_ACCOUNT.bankAccountNumber,
        bankName: 'ACB',
      },
    };
    expect(await (await notify(casso, { 'secure-token': env.BANK_WEBHOOK_SECRET })).json()).toMatchObject({
      transfers: [{ outcome: 'exact' }],
    });
    expect((await partsOf(order.id))[1]!.status).toBe('paid');
    const out = sepay(reference(1), 230_000, { transferType: 'out' });
    expect(await (await notify(out)).json()).toMatchObject({ transfers: [{ outcome: 'outgoing' }] });
    expect((await partsOf(order.id))[0]!.status).toBe('pending_payment');
  });

  it('answers 400 to a body it cannot read, keeping nothing', async () => {
    const response = await notify({ hello: 'world' });
    expect(response.status).toBe(400);
  });
});

async function expire(orderId: number) {
  await testDb()
    .update(subOrders)
    .set({ paymentDeadline: new Date(Date.now() - 1000).toISOString() })
    .where(eq(subOrders.orderId, orderId));
  await expireOverdueOrders({ db: testDb(), env, now: new Date() });
}
