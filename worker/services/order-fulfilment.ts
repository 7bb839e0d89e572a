/**
 * People moving sub-orders along: the producer confirming, packing, shipping (carrier and tracking
 * number) and delivering its part, marking a transfer as received; staff doing the same for any
 * producer, and refunding; the buyer cancelling an unpaid part or saying it arrived. The transition
 * table (domain/order-status.ts) says what is allowed; every move is conditional on the status it
 * was read in, recorded with who and when, and carries its effects in the same batch: stock given
 * back, money recorded (a transfer marked received, cash collected at the door), a card refund.
 */
import { randomToken } from '../crypto/random';
import type { Database } from '../data/db';
import { findOrderById, runMove, type OrderDetail, type SubOrderMove } from '../data/orders';
import { moveWithPayment, refundMove } from '../data/payments';
import { problem, refused } from '../domain/errors';
import {
  checkSubOrderTransition,
  stockEffectOf,
  type Shipment,
  type SubOrderStatus,
  type TransitionActor,
} from '../domain/order-status';
import type { PaymentEnv } from '../config';
import { closeCheckoutSession, refundCardPart } from './card-payments';

export interface FulfilmentDeps {
  db: Database;
  env: PaymentEnv;
  now: Date;
}

export interface Mover {
  kind: Exclude<TransitionActor, 'system'>;
  /** Null for a buyer without an account. */
  userId: number | null;
}

export interface MoveRequest {
  to: SubOrderStatus;
  shipment?: Shipment | null;
  note?: string | null;
}

type Part = OrderDetail['subOrders'][number];

/** Moves one producer's part of an order as a person asked, or refuses with the reason. */
export async function moveSubOrder(
  deps: FulfilmentDeps,
  order: OrderDetail,
  part: Part,
  request: MoveRequest,
  mover: Mover,
): Promise<void> {
  const method = order.order.paymentMethod;
  const check = checkSubOrderTransition({
    from: part.status,
    to: request.to,
    actor: mover.kind,
    method,
    shipment: request.shipment ?? null,
  });
  if (!check.ok) {
    if (check.reason === 'missing_carrier') throw refused(problem('carrier', 'carrier_required'));
    if (check.reason === 'missing_tracking_number')
      throw refused(problem('trackingNumber', 'tracking_number_required'));
    throw refused(problem('status', 'transition_not_allowed', { from: part.status, to: request.to }));
  }
  const shipment = request.to === 'shipped' && request.shipment ? cleanShipment(request.shipment) : undefined;
  const move: SubOrderMove = {
    target: { subOrderIds: [part.id] },
    from: part.status,
    to: request.to,
    actor: mover.kind,
    userId: mover.userId,
    note: request.note ?? (shipment ? `${shipment.carrier} ${shipment.trackingNumber}` : null),
    ...(shipment ? { shipment } : {}),
    stock: stockEffectOf(part.status, request.to),
  };
  const audit = {
    actorUserId: mover.userId,
    action: `sub_order.${request.to}`,
    entity: 'sub_order',
    entityId: part.id,
    before: { status: part.status },
    after: { status: request.to, ...(shipment ?? {}), ...(request.note ? { note: request.note } : {}) },
  };
  const token = randomToken();

  let moved;
  if (request.to === 'refunded' && method === 'card') {
    const refund = await refundCardPart(deps, order, part);
    if (!refund) throw refused(problem('status', 'refund_failed'));
    moved = await refundMove(
      deps.db,
      move,
      token,
      {
        paymentId: refund.payment.id,
        subOrderId: part.id,
        amount: part.total,
        providerRefundId: refund.refundId,
        reason: 'staff',
        userId: mover.userId,
        issue: null,
      },
      audit,
    );
  } else if (request.to === 'paid' && method === 'vietqr') {
    moved = await moveWithPayment(deps.db, move, token, 'vietqr', audit);
  } else if (request.to === 'delivered' && method === 'cod') {
    moved = await moveWithPayment(deps.db, move, token, 'cod', audit);
  } else {
    moved = await runMove(deps.db, move, token, [], audit);
  }
  if (moved.length === 0) throw refused(problem('status', 'order_changed'));

  // A card order whose every waiting part the buyer cancelled: its session must not be paid any more.
  if (request.to === 'cancelled' && method === 'card' && part.status === 'pending_payment') {
    const after = await findOrderById(deps.db, order.order.id);
    if (after && !after.subOrders.some((candidate) => candidate.status === 'pending_payment')) {
      await closeCheckoutSession(deps, order.order.id);
    }
  }
}

const cleanShipment = (shipment: Shipment): Shipment => ({
  carrier: shipment.carrier.trim(),
  trackingNumber: shipment.trackingNumber.trim(),
});

/** The buyer cancels every part still waiting for payment (a card order is paid for as a whole). */
export async function cancelUnpaidParts(deps: FulfilmentDeps, order: OrderDetail, mover: Mover): Promise<void> {
  const waiting = order.subOrders.filter((part) => part.status === 'pending_payment');
  if (waiting.length === 0) throw refused(problem('status', 'order_changed'));
  for (const part of waiting) await moveSubOrder(deps, order, part, { to: 'cancelled' }, mover);
}
