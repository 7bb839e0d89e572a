import { describe, expect, it } from 'vitest';
import {
  CARD_PAYMENT_SECONDS,
  deliveryChoiceValue,
  isOverdue,
  lineProblem,
  orderProblem,
  parseDeliveryChoice,
  paymentDeadline,
  subOrderReference,
  transferUnavailable,
} from '../../worker/domain/checkout';
import { decodeVietQr, encodeVietQr } from '../../worker/domain/vietqr';
import { findOrderReferences } from '../../worker/domain/order-reference';
import { orderStockReasons, readReason, stockReasons } from '../../worker/domain/inventory';

const names = { product: (id: number) => `Sản phẩm ${id}`, producer: (id: number) => `Chủ thể ${id}` };
const limits = { maxQuantity: 999, maxLines: 50 };
const placed = new Date('2026-12-05T10:00:00.000Z');

describe('paymentDeadline', () => {
  it('holds the stock 31 minutes for a card, a day for a transfer, three days for cash on delivery', () => {
    expect(paymentDeadline('card', placed)).toBe(
      new Date(placed.getTime() + CARD_PAYMENT_SECONDS * 1000).toISOString(),
    );
    expect(CARD_PAYMENT_SECONDS).toBeGreaterThanOrEqual(30 * 60);
    expect(paymentDeadline('vietqr', placed)).toBe('2026-12-06T10:00:00.000Z');
    expect(paymentDeadline('cod', placed)).toBe('2026-12-08T10:00:00.000Z');
  });

  it('is overdue from the deadline itself, never without one', () => {
    expect(isOverdue('2026-12-05T10:00:00.000Z', placed)).toBe(true);
    expect(isOverdue('2026-12-05T10:00:00.001Z', placed)).toBe(false);
    expect(isOverdue(null, placed)).toBe(false);
  });
});

describe('delivery choices as the checkout form sends them', () => {
  it('reads back what it writes, and nothing else', () => {
    for (const choice of [
      { kind: 'ship' } as const,
      { kind: 'sales_point', salesPointId: 12 } as const,
      { kind: 'fair_booth', fairBoothId: 7 } as const,
    ]) {
      expect(parseDeliveryChoice(deliveryChoiceValue(choice))).toEqual(choice);
    }
    for (const value of ['', 'pickup', 'sales_point:', 'sales_point:0', 'fair_booth:-1', 'sales_point:1;2', 'ship ']) {
      expect(parseDeliveryChoice(value), value).toBeNull();
    }
  });
});

describe('refusals as field problems', () => {
  it('names the product, and what is left when some is', () => {
    expect(
      lineProblem({ productId: 3, variantId: null, reason: 'insufficient_stock', available: 2 }, names, limits),
    ).toEqual({
      field: 'cart',
      problem: 'insufficient_stock',
      params: { product: 'Sản phẩm 3', available: 2 },
    });
    expect(
      lineProblem({ productId: 3, variantId: null, reason: 'insufficient_stock', available: 0 }, names, limits),
    ).toEqual({
      field: 'cart',
      problem: 'sold_out',
      params: { product: 'Sản phẩm 3' },
    });
    expect(lineProblem({ productId: 4, variantId: null, reason: 'tourism_service' }, names, limits)).toMatchObject({
      problem: 'tourism_service',
      params: { product: 'Sản phẩm 4' },
    });
    expect(lineProblem({ productId: 4, variantId: null, reason: 'quantity_above_limit' }, names, limits)).toMatchObject(
      {
        problem: 'quantity_invalid',
        params: { max: 999 },
      },
    );
  });

  it("puts a producer's delivery problem on that producer's field", () => {
    expect(orderProblem({ reason: 'shipping_not_offered', producerId: 9 }, names)).toEqual({
      field: 'delivery.9',
      problem: 'shipping_not_offered',
      params: { producer: 'Chủ thể 9' },
    });
    expect(orderProblem({ reason: 'empty_order' }, names)).toEqual({ field: 'cart', problem: 'cart_empty' });
  });
});

describe("a part's transfer", () => {
  it('needs a usable account, and carries a reference that fits the QR purpose and is found again in the content', () => {
    const producer = { id: 1, name: 'HTX', bankBin: '970416', bankAccountNumber: '257678859', bankAccountName: 'HTX' };
    expect(transferUnavailable(producer)).toBe(false);
    expect(transferUnavailable({ ...producer, bankBin: '123' })).toBe(true);
    expect(transferUnavailable({ ...producer, bankAccountName: null })).toBe(true);

    const reference = subOrderReference('7K2M9XQA', 2);
    const payload = encodeVietQr({
      bankBin: '970416',
      accountNumber: '257678859',
      amount: 230_000,
      purpose: reference,
    });
    const decoded = decodeVietQr(payload);
    expect(decoded).toMatchObject({
      ok: true,
      payload: { amount: 230_000, purpose: reference, initiation: 'dynamic' },
    });
    expect(findOrderReferences(`MBVCB.123.${reference}.CT tu 0912`)).toEqual([
      { reference, orderKey: '7K2M9XQA', subOrder: 2 },
    ]);
  });
});

describe('stock reasons', () => {
  it("reads the marketplace's own reasons without offering them on the portal form", () => {
    expect(readReason('order_reserved: OCOP7K2M9XQA1F')).toEqual({ code: 'order_reserved', note: 'OCOP7K2M9XQA1F' });
    expect(readReason('order_released: OCOP7K2M9XQA1F')).toEqual({ code: 'order_released', note: 'OCOP7K2M9XQA1F' });
    expect(stockReasons.some((reason) => (orderStockReasons as readonly string[]).includes(reason))).toBe(false);
  });
});
