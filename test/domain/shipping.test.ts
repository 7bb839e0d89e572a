import { describe, expect, it } from 'vitest';
import {
  MAX_SHIPPING_FEE,
  quoteDelivery,
  shippingFee,
  shippingRuleIssue,
  type DeliveryOptions,
} from '../../worker/domain/shipping';

const rule = { flatFee: 30_000, freeFrom: 500_000 };
const options: DeliveryOptions = { shipping: rule, salesPointIds: [7, 8], fairBoothIds: [21] };

describe('shippingFee', () => {
  it('charges the flat fee below the threshold and nothing from it', () => {
    expect(shippingFee(rule, 499_999)).toBe(30_000);
    expect(shippingFee(rule, 500_000)).toBe(0);
    expect(shippingFee(rule, 2_000_000)).toBe(0);
  });

  it('always charges the flat fee without a threshold', () => {
    expect(shippingFee({ flatFee: 25_000, freeFrom: null }, 10_000_000)).toBe(25_000);
  });
});

describe('quoteDelivery', () => {
  it('quotes shipping by the producer’s rule', () => {
    expect(quoteDelivery(options, { kind: 'ship' }, 150_000)).toEqual({ ok: true, fee: 30_000 });
    expect(quoteDelivery(options, { kind: 'ship' }, 600_000)).toEqual({ ok: true, fee: 0 });
  });

  it('makes pick-up at the producer’s sales point or fair booth free', () => {
    expect(quoteDelivery(options, { kind: 'sales_point', salesPointId: 8 }, 150_000)).toEqual({ ok: true, fee: 0 });
    expect(quoteDelivery(options, { kind: 'fair_booth', fairBoothId: 21 }, 150_000)).toEqual({ ok: true, fee: 0 });
  });

  it.each([
    [
      'shipping by a producer that does not ship',
      { ...options, shipping: null },
      { kind: 'ship' },
      'shipping_not_offered',
    ],
    ['another producer’s sales point', options, { kind: 'sales_point', salesPointId: 9 }, 'unknown_sales_point'],
    ['a booth at a fair that is not running', options, { kind: 'fair_booth', fairBoothId: 22 }, 'unknown_fair_booth'],
  ] as const)('refuses %s', (_, producerOptions, choice, reason) => {
    expect(quoteDelivery(producerOptions, choice, 150_000)).toEqual({ ok: false, reason });
  });
});

describe('shippingRuleIssue', () => {
  it.each([
    [{ flatFee: 30_000, freeFrom: 500_000 }, null],
    [{ flatFee: 0, freeFrom: null }, null],
    [{ flatFee: MAX_SHIPPING_FEE, freeFrom: null }, null],
    [{ flatFee: -1, freeFrom: null }, 'invalid_flat_fee'],
    [{ flatFee: 15_000.5, freeFrom: null }, 'invalid_flat_fee'],
    [{ flatFee: MAX_SHIPPING_FEE + 1, freeFrom: null }, 'invalid_flat_fee'],
    [{ flatFee: 30_000, freeFrom: 0 }, 'invalid_free_from'],
    [{ flatFee: 30_000, freeFrom: 1e300 }, 'invalid_free_from'],
  ])('%j: %s', (shippingRule, issue) => {
    expect(shippingRuleIssue(shippingRule)).toBe(issue);
  });
});
