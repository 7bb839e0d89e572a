/**
 * How a producer's part of an order reaches the buyer, and what that costs. Each producer sets its
 * own rule in the portal: a flat fee per sub-order, optionally free from a subtotal up, or no
 * shipping at all. Picking up at one of the producer's sales points, or at its booth at a running
 * fair, is always free. The caller reads which points and booths the producer offers today; this
 * module only decides.
 */

export interface ShippingRule {
  /** Integer đồng charged for shipping one sub-order. */
  flatFee: number;
  /** The sub-order subtotal from which shipping is free (inclusive); null when it never is. */
  freeFrom: number | null;
}

/** Limits of the portal form: a fee above this is a typing mistake, not a price. */
export const MAX_SHIPPING_FEE = 5_000_000;

export interface DeliveryOptions {
  /** Null when the producer does not ship and sells for pick-up only. */
  shipping: ShippingRule | null;
  salesPointIds: readonly number[];
  /** Booths of the producer at fairs running now. */
  fairBoothIds: readonly number[];
}

export type DeliveryChoice =
  { kind: 'ship' } | { kind: 'sales_point'; salesPointId: number } | { kind: 'fair_booth'; fairBoothId: number };

export type DeliveryRefusal = 'shipping_not_offered' | 'unknown_sales_point' | 'unknown_fair_booth';

export type DeliveryQuote = { ok: true; fee: number } | { ok: false; reason: DeliveryRefusal };

export type ShippingRuleIssue = 'invalid_flat_fee' | 'invalid_free_from';

/** Why a rule a producer typed cannot be saved, or null. */
export function shippingRuleIssue(rule: ShippingRule): ShippingRuleIssue | null {
  if (!Number.isSafeInteger(rule.flatFee) || rule.flatFee < 0 || rule.flatFee > MAX_SHIPPING_FEE) {
    return 'invalid_flat_fee';
  }
  if (rule.freeFrom !== null && (!Number.isSafeInteger(rule.freeFrom) || rule.freeFrom <= 0)) {
    return 'invalid_free_from';
  }
  return null;
}

/** The shipping rule's fee for a sub-order of this subtotal. */
export function shippingFee(rule: ShippingRule, subtotal: number): number {
  return rule.freeFrom !== null && subtotal >= rule.freeFrom ? 0 : rule.flatFee;
}

/** What the buyer's choice of delivery costs for a sub-order, or why the producer does not offer it. */
export function quoteDelivery(options: DeliveryOptions, choice: DeliveryChoice, subtotal: number): DeliveryQuote {
  switch (choice.kind) {
    case 'ship':
      return options.shipping
        ? { ok: true, fee: shippingFee(options.shipping, subtotal) }
        : { ok: false, reason: 'shipping_not_offered' };
    case 'sales_point':
      return options.salesPointIds.includes(choice.salesPointId)
        ? { ok: true, fee: 0 }
        : { ok: false, reason: 'unknown_sales_point' };
    case 'fair_booth':
      return options.fairBoothIds.includes(choice.fairBoothId)
        ? { ok: true, fee: 0 }
        : { ok: false, reason: 'unknown_fair_booth' };
  }
}
