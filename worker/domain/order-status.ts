/**
 * The life of a sub-order (one producer's part of an order) as data: which status may follow
 * which, for which payment method, and who may move it. Services ask checkSubOrderTransition
 * before every change and record who made it and when; nothing else decides.
 *
 * Every sub-order starts in pending_payment. Card and VietQR sub-orders become paid (by the
 * payment, or by the producer or staff who saw a transfer arrive); cash-on-delivery ones become
 * confirmed when the producer accepts them, and are paid at the door. Before payment a sub-order
 * can be cancelled or expire; once money was taken it is refunded instead.
 */
import type { paymentMethods } from '../../db/schema';

export const subOrderStatuses = [
  'pending_payment',
  'paid',
  'confirmed',
  'packed',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
  'expired',
] as const;
export type SubOrderStatus = (typeof subOrderStatuses)[number];
export type PaymentMethod = (typeof paymentMethods)[number];

/**
 * Who moves a sub-order: the buyer of the order, a member of the producer that fulfils it, trade
 * promotion staff (or an administrator), or the platform itself (a payment provider's webhook, a
 * matched bank notification, the expiry sweep). Whether this buyer or producer is the one the
 * sub-order belongs to is the caller's check (policy.ts), not this table's.
 */
export const transitionActors = ['buyer', 'producer', 'staff', 'system'] as const;
export type TransitionActor = (typeof transitionActors)[number];

export interface SubOrderTransition {
  from: SubOrderStatus;
  to: SubOrderStatus;
  by: readonly TransitionActor[];
  /** The payment methods it applies to; every method when absent. */
  methods?: readonly PaymentMethod[];
}

const PREPAID: readonly PaymentMethod[] = ['card', 'vietqr'];

export const SUB_ORDER_TRANSITIONS: readonly SubOrderTransition[] = [
  // A card payment is only ever confirmed by Stripe; a bank transfer also by the people who see it arrive.
  { from: 'pending_payment', to: 'paid', by: ['system'], methods: ['card'] },
  { from: 'pending_payment', to: 'paid', by: ['system', 'producer', 'staff'], methods: ['vietqr'] },
  { from: 'pending_payment', to: 'confirmed', by: ['producer', 'staff'], methods: ['cod'] },
  // The platform cancels a part whose payment failed (a card declined after all); a person, any unpaid part.
  { from: 'pending_payment', to: 'cancelled', by: ['buyer', 'producer', 'staff', 'system'] },
  { from: 'pending_payment', to: 'expired', by: ['system'] },
  // A payment that lands after the window closed: the platform re-reserves the stock if it can,
  // or staff do once they have; otherwise the money is refunded and the sub-order stays expired.
  { from: 'expired', to: 'paid', by: ['system', 'staff'], methods: PREPAID },
  { from: 'paid', to: 'packed', by: ['producer', 'staff'] },
  { from: 'confirmed', to: 'packed', by: ['producer', 'staff'] },
  // Producers who hand a parcel straight to the carrier need not record packing first.
  { from: 'paid', to: 'shipped', by: ['producer', 'staff'] },
  { from: 'confirmed', to: 'shipped', by: ['producer', 'staff'] },
  { from: 'packed', to: 'shipped', by: ['producer', 'staff'] },
  { from: 'shipped', to: 'delivered', by: ['buyer', 'producer', 'staff'] },
  // Nothing was paid for a cash-on-delivery sub-order until it is delivered, so it is cancelled,
  // a parcel sent back included; a prepaid one is refunded.
  { from: 'confirmed', to: 'cancelled', by: ['buyer', 'producer', 'staff'], methods: ['cod'] },
  { from: 'packed', to: 'cancelled', by: ['producer', 'staff'], methods: ['cod'] },
  { from: 'shipped', to: 'cancelled', by: ['producer', 'staff'], methods: ['cod'] },
  { from: 'paid', to: 'refunded', by: ['system', 'staff'], methods: PREPAID },
  { from: 'packed', to: 'refunded', by: ['system', 'staff'], methods: PREPAID },
  { from: 'shipped', to: 'refunded', by: ['staff'], methods: PREPAID },
  { from: 'delivered', to: 'refunded', by: ['staff'] },
];

export type TransitionRefusal =
  | 'same_status'
  | 'not_allowed'
  | 'wrong_payment_method'
  | 'actor_not_allowed'
  | 'missing_carrier'
  | 'missing_tracking_number';

export interface Shipment {
  carrier: string;
  trackingNumber: string;
}

export interface TransitionRequest {
  from: SubOrderStatus;
  to: SubOrderStatus;
  actor: TransitionActor;
  method: PaymentMethod;
  /** Required to ship. */
  shipment?: Shipment | null;
}

export type TransitionCheck = { ok: true } | { ok: false; reason: TransitionRefusal };

/** Whether a sub-order may move as asked, or the first reason it may not. */
export function checkSubOrderTransition(request: TransitionRequest): TransitionCheck {
  const { from, to, actor, method, shipment } = request;
  if (from === to) return { ok: false, reason: 'same_status' };
  const edges = SUB_ORDER_TRANSITIONS.filter((transition) => transition.from === from && transition.to === to);
  if (edges.length === 0) return { ok: false, reason: 'not_allowed' };
  const edge = edges.find((transition) => !transition.methods || transition.methods.includes(method));
  if (!edge) return { ok: false, reason: 'wrong_payment_method' };
  if (!edge.by.includes(actor)) return { ok: false, reason: 'actor_not_allowed' };
  if (to === 'shipped') {
    if (!shipment?.carrier.trim()) return { ok: false, reason: 'missing_carrier' };
    if (!shipment.trackingNumber.trim()) return { ok: false, reason: 'missing_tracking_number' };
  }
  return { ok: true };
}

/**
 * What a move does to the stock its lines hold. Stock is taken when the order is placed, so a part
 * that ends before its goods leave (expired, cancelled, or refunded while still with the
 * producer) gives it back, and a late payment reviving an expired part takes it again. Goods that
 * left (shipped, delivered) come back only when the producer records their return.
 */
export function stockEffectOf(from: SubOrderStatus, to: SubOrderStatus): 'release' | 'reserve' | null {
  if (from === 'expired' && to === 'paid') return 'reserve';
  const withProducer = from === 'pending_payment' || from === 'paid' || from === 'confirmed' || from === 'packed';
  if (withProducer && (to === 'expired' || to === 'cancelled' || to === 'refunded')) return 'release';
  return null;
}

/** The statuses this actor may move a sub-order to next, for the buttons a page offers. */
export function nextSubOrderStatuses(
  from: SubOrderStatus,
  actor: TransitionActor,
  method: PaymentMethod,
): SubOrderStatus[] {
  return SUB_ORDER_TRANSITIONS.filter(
    (transition) =>
      transition.from === from &&
      transition.by.includes(actor) &&
      (!transition.methods || transition.methods.includes(method)),
  ).map((transition) => transition.to);
}

/** Parts waiting for their producer: paid (or confirmed, for cash on delivery), or packed and not yet sent. */
export const TO_FULFIL: readonly SubOrderStatus[] = ['paid', 'confirmed', 'packed'];

const closedStatuses = ['cancelled', 'refunded', 'expired'] as const;
type ClosedStatus = (typeof closedStatuses)[number];
type LiveStatus = Exclude<SubOrderStatus, ClosedStatus>;

/** Statuses no transition leaves, bar a late payment reviving an expired sub-order or a refund after delivery. */
export const isClosedSubOrderStatus = (status: SubOrderStatus): status is ClosedStatus =>
  closedStatuses.some((closed) => closed === status);

/** How far along a live sub-order is; paid and confirmed are the same step for the two kinds of payment. */
const PROGRESS: Record<LiveStatus, number> = {
  pending_payment: 0,
  paid: 1,
  confirmed: 1,
  packed: 2,
  shipped: 3,
  delivered: 4,
};

/**
 * The status of a whole order from those of its sub-orders. Parts that were cancelled, refunded
 * or expired do not hold the rest back: the order is as far along as its slowest live part. When
 * no part is live, refunded wins over cancelled over expired, since that is what the buyer most
 * needs to hear about.
 */
export function orderStatusOf(subOrders: readonly SubOrderStatus[]): SubOrderStatus {
  if (subOrders.length === 0) throw new RangeError('an order has at least one sub-order');
  const live = subOrders.filter((status): status is LiveStatus => !isClosedSubOrderStatus(status));
  if (live.length > 0)
    return live.reduce((slowest, status) => (PROGRESS[status] < PROGRESS[slowest] ? status : slowest));
  if (subOrders.includes('refunded')) return 'refunded';
  if (subOrders.includes('cancelled')) return 'cancelled';
  return 'expired';
}
