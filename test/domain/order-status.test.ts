import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSubOrderTransition,
  isClosedSubOrderStatus,
  nextSubOrderStatuses,
  orderStatusOf,
  stockEffectOf,
  SUB_ORDER_TRANSITIONS,
  subOrderStatuses,
  transitionActors,
  type PaymentMethod,
  type SubOrderStatus,
  type TransitionActor,
} from '../../worker/domain/order-status';

const methods: PaymentMethod[] = ['card', 'vietqr', 'cod'];
const shipment = { carrier: 'Viettel Post', trackingNumber: 'VTP123456789' };

type Step = [SubOrderStatus, TransitionActor];

/** Walks a sub-order through the steps, failing on the first the table refuses. */
function walk(method: PaymentMethod, steps: Step[]): SubOrderStatus {
  let status: SubOrderStatus = 'pending_payment';
  for (const [to, actor] of steps) {
    expect(checkSubOrderTransition({ from: status, to, actor, method, shipment }), `${status} → ${to}`).toEqual({
      ok: true,
    });
    status = to;
  }
  return status;
}

describe('SUB_ORDER_TRANSITIONS', () => {
  it('has at most one rule for each move and payment method', () => {
    const keys = SUB_ORDER_TRANSITIONS.flatMap((rule) =>
      (rule.methods ?? methods).map((method) => `${rule.from}→${rule.to}:${method}`),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reaches every status from pending_payment', () => {
    const reached = new Set<SubOrderStatus>(['pending_payment']);
    for (let grew = true; grew;) {
      grew = false;
      for (const rule of SUB_ORDER_TRANSITIONS) {
        if (reached.has(rule.from) && !reached.has(rule.to)) {
          reached.add(rule.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...subOrderStatuses].sort());
  });

  it('leaves cancelled and refunded never, expired only for a late payment, delivered only for a refund', () => {
    const leaving = (from: SubOrderStatus) => SUB_ORDER_TRANSITIONS.filter((rule) => rule.from === from);
    expect(leaving('cancelled')).toEqual([]);
    expect(leaving('refunded')).toEqual([]);
    expect(leaving('expired').map((rule) => rule.to)).toEqual(['paid']);
    expect(leaving('delivered').map((rule) => rule.to)).toEqual(['refunded']);
  });

  it('lets only the platform expire a sub-order', () => {
    const expiring = SUB_ORDER_TRANSITIONS.filter((rule) => rule.to === 'expired');
    expect(expiring.every((rule) => rule.by.length === 1 && rule.by[0] === 'system')).toBe(true);
  });
});

describe('checkSubOrderTransition', () => {
  it('takes a card sub-order from payment to delivery', () => {
    const steps: Step[] = [
      ['paid', 'system'],
      ['packed', 'producer'],
      ['shipped', 'producer'],
      ['delivered', 'buyer'],
    ];
    expect(walk('card', steps)).toBe('delivered');
  });

  it('takes a VietQR sub-order that the producer marks paid to delivery, without a packing step', () => {
    expect(
      walk('vietqr', [
        ['paid', 'producer'],
        ['shipped', 'producer'],
        ['delivered', 'producer'],
      ]),
    ).toBe('delivered');
  });

  it('takes a cash-on-delivery sub-order from the producer’s confirmation to delivery', () => {
    expect(
      walk('cod', [
        ['confirmed', 'producer'],
        ['packed', 'staff'],
        ['shipped', 'staff'],
        ['delivered', 'buyer'],
      ]),
    ).toBe('delivered');
  });

  it('revives an expired prepaid sub-order when its payment arrives late', () => {
    expect(
      walk('card', [
        ['expired', 'system'],
        ['paid', 'system'],
      ]),
    ).toBe('paid');
    expect(
      walk('vietqr', [
        ['expired', 'system'],
        ['paid', 'staff'],
      ]),
    ).toBe('paid');
  });

  it('refunds a prepaid sub-order that will not be delivered, and cancels a cash-on-delivery one', () => {
    expect(
      walk('card', [
        ['paid', 'system'],
        ['refunded', 'system'],
      ]),
    ).toBe('refunded');
    expect(
      walk('vietqr', [
        ['paid', 'staff'],
        ['packed', 'producer'],
        ['refunded', 'staff'],
      ]),
    ).toBe('refunded');
    expect(
      walk('cod', [
        ['confirmed', 'producer'],
        ['shipped', 'producer'],
        ['cancelled', 'producer'],
      ]),
    ).toBe('cancelled');
  });

  it.each<[string, Parameters<typeof checkSubOrderTransition>[0], string]>([
    ['staying put', { from: 'paid', to: 'paid', actor: 'staff', method: 'card' }, 'same_status'],
    ['going back', { from: 'delivered', to: 'shipped', actor: 'staff', method: 'card' }, 'not_allowed'],
    [
      'skipping payment',
      { from: 'pending_payment', to: 'shipped', actor: 'producer', method: 'card', shipment },
      'not_allowed',
    ],
    ['cancelling once paid', { from: 'paid', to: 'cancelled', actor: 'buyer', method: 'card' }, 'not_allowed'],
    [
      'reviving a cancelled sub-order',
      { from: 'cancelled', to: 'paid', actor: 'system', method: 'vietqr' },
      'not_allowed',
    ],
    [
      'a producer marking a card payment paid',
      { from: 'pending_payment', to: 'paid', actor: 'producer', method: 'card' },
      'actor_not_allowed',
    ],
    [
      'a buyer marking a transfer paid',
      { from: 'pending_payment', to: 'paid', actor: 'buyer', method: 'vietqr' },
      'actor_not_allowed',
    ],
    [
      'a producer expiring a sub-order',
      { from: 'pending_payment', to: 'expired', actor: 'producer', method: 'vietqr' },
      'actor_not_allowed',
    ],
    [
      'a buyer shipping',
      { from: 'paid', to: 'shipped', actor: 'buyer', method: 'card', shipment },
      'actor_not_allowed',
    ],
    ['a producer refunding', { from: 'paid', to: 'refunded', actor: 'producer', method: 'card' }, 'actor_not_allowed'],
    [
      'cash on delivery marked paid',
      { from: 'pending_payment', to: 'paid', actor: 'staff', method: 'cod' },
      'wrong_payment_method',
    ],
    [
      'a card payment confirmed',
      { from: 'pending_payment', to: 'confirmed', actor: 'producer', method: 'card' },
      'wrong_payment_method',
    ],
    [
      'cash on delivery refunded before delivery',
      { from: 'confirmed', to: 'refunded', actor: 'staff', method: 'cod' },
      'not_allowed',
    ],
    [
      'a late cash-on-delivery payment',
      { from: 'expired', to: 'paid', actor: 'system', method: 'cod' },
      'wrong_payment_method',
    ],
    [
      'shipping without a carrier',
      { from: 'paid', to: 'shipped', actor: 'producer', method: 'card' },
      'missing_carrier',
    ],
    [
      'shipping with a blank carrier',
      {
        from: 'paid',
        to: 'shipped',
        actor: 'producer',
        method: 'card',
        shipment: { carrier: ' ', trackingNumber: 'X1' },
      },
      'missing_carrier',
    ],
    [
      'shipping with a blank tracking number',
      {
        from: 'packed',
        to: 'shipped',
        actor: 'producer',
        method: 'cod',
        shipment: { carrier: 'GHN', trackingNumber: '' },
      },
      'missing_tracking_number',
    ],
  ])('refuses %s', (_, request, reason) => {
    expect(checkSubOrderTransition(request)).toEqual({ ok: false, reason });
  });

  it('allows exactly the moves nextSubOrderStatuses offers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...subOrderStatuses),
        fc.constantFrom(...subOrderStatuses),
        fc.constantFrom(...transitionActors),
        fc.constantFrom(...methods),
        (from, to, actor, method) => {
          const allowed = checkSubOrderTransition({ from, to, actor, method, shipment }).ok;
          expect(allowed).toBe(nextSubOrderStatuses(from, actor, method).includes(to));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('nextSubOrderStatuses', () => {
  it('offers the producer of a paid sub-order packing and shipping', () => {
    expect(nextSubOrderStatuses('paid', 'producer', 'card')).toEqual(['packed', 'shipped']);
  });

  it('offers the buyer cancelling before payment and confirming delivery, nothing else', () => {
    expect(nextSubOrderStatuses('pending_payment', 'buyer', 'vietqr')).toEqual(['cancelled']);
    expect(nextSubOrderStatuses('paid', 'buyer', 'vietqr')).toEqual([]);
    expect(nextSubOrderStatuses('shipped', 'buyer', 'cod')).toEqual(['delivered']);
  });
});

describe('orderStatusOf', () => {
  it.each<[SubOrderStatus[], SubOrderStatus]>([
    [['paid'], 'paid'],
    [['paid', 'pending_payment'], 'pending_payment'],
    [['delivered', 'shipped', 'packed'], 'packed'],
    [['delivered', 'cancelled'], 'delivered'],
    [['expired', 'paid'], 'paid'],
    [['confirmed', 'delivered', 'refunded'], 'confirmed'],
    [['cancelled', 'expired'], 'cancelled'],
    [['cancelled', 'refunded', 'expired'], 'refunded'],
    [['expired', 'expired'], 'expired'],
  ])('%j → %s', (subOrders, status) => {
    expect(orderStatusOf(subOrders)).toBe(status);
  });

  it('is closed only when every sub-order is', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...subOrderStatuses), { minLength: 1 }), (subOrders) => {
        expect(isClosedSubOrderStatus(orderStatusOf(subOrders))).toBe(subOrders.every(isClosedSubOrderStatus));
      }),
    );
  });

  it('refuses an order without sub-orders', () => {
    expect(() => orderStatusOf([])).toThrow(RangeError);
  });
});

describe('stockEffectOf', () => {
  it('gives the stock back when a part ends before its goods leave the producer', () => {
    for (const from of ['pending_payment', 'paid', 'confirmed', 'packed'] as const) {
      for (const to of ['expired', 'cancelled', 'refunded'] as const) {
        const allowed = SUB_ORDER_TRANSITIONS.some((rule) => rule.from === from && rule.to === to);
        if (allowed) expect(stockEffectOf(from, to), `${from} → ${to}`).toBe('release');
      }
    }
  });

  it('leaves the stock alone once the goods left, and takes it again for a late payment', () => {
    expect(stockEffectOf('shipped', 'cancelled')).toBeNull();
    expect(stockEffectOf('shipped', 'refunded')).toBeNull();
    expect(stockEffectOf('delivered', 'refunded')).toBeNull();
    expect(stockEffectOf('paid', 'shipped')).toBeNull();
    expect(stockEffectOf('expired', 'paid')).toBe('reserve');
  });

  it('never gives back or takes stock twice along any path of the table', () => {
    // Walk every path from pending_payment: the stock a part holds is 1 after placing, and must stay 0 or 1.
    const walkFrom = (status: SubOrderStatus, held: number, seen: Set<string>): void => {
      for (const rule of SUB_ORDER_TRANSITIONS.filter((candidate) => candidate.from === status)) {
        const effect = stockEffectOf(rule.from, rule.to);
        const next = held + (effect === 'reserve' ? 1 : effect === 'release' ? -1 : 0);
        expect(next, `${rule.from} → ${rule.to}`).toBeGreaterThanOrEqual(0);
        expect(next, `${rule.from} → ${rule.to}`).toBeLessThanOrEqual(1);
        const key = `${rule.to}:${next}`;
        if (!seen.has(key)) walkFrom(rule.to, next, new Set([...seen, key]));
      }
    };
    walkFrom('pending_payment', 1, new Set());
  });
});

describe('the platform cancelling a part', () => {
  it('may cancel a part whose card payment failed, never one already paid', () => {
    expect(
      checkSubOrderTransition({ from: 'pending_payment', to: 'cancelled', actor: 'system', method: 'card' }),
    ).toEqual({
      ok: true,
    });
    expect(checkSubOrderTransition({ from: 'paid', to: 'cancelled', actor: 'system', method: 'card' })).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });
});
