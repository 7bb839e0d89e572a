/**
 * Payments, the Stripe events already handled, and the ledger of what the platform owes producers
 * for card payments. Statements that follow a sub-order move select the moved rows by the move's
 * transition token (see orders.ts), so they record money for exactly what moved.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { orders, paymentEvents, payments, producerLedger, producers, refunds, subOrders } from '../../db/schema';
import type { paymentIssues, refundReasons } from '../../db/schema';
import { auditStatement, type AuditEntry } from './audit';
import type { Database } from './db';
import { insertSelect } from './insert-select';
import { runMove, type MovedSubOrder, type SubOrderMove } from './orders';

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export type PaymentRow = typeof payments.$inferSelect;

/** The Checkout Session of a card order, newest first: an order has one unless it was made anew. */
export async function findCardPayment(db: Database, orderId: number): Promise<PaymentRow | null> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.method, 'card')))
    .orderBy(desc(payments.id))
    .limit(1);
  return row ?? null;
}

/** The card payment of a Checkout Session, with the order it pays. */
export async function findPaymentBySession(db: Database, sessionId: string) {
  const [row] = await db
    .select({ payment: payments, orderCode: orders.code, linkToken: orders.linkToken })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.providerReference, sessionId));
  return row ?? null;
}

/** Records a Checkout Session made for an order; the same session recorded twice stays one row. */
export async function insertCardPayment(
  db: Database,
  payment: { orderId: number; sessionId: string; amount: number; url: string | null; expiresAt: number },
): Promise<void> {
  await db
    .insert(payments)
    .values({
      orderId: payment.orderId,
      method: 'card',
      status: 'pending',
      amount: payment.amount,
      providerReference: payment.sessionId,
      providerPayload: { url: payment.url, expiresAt: payment.expiresAt },
    })
    .onConflictDoNothing({ target: payments.providerReference });
}

/**
 * The card payment succeeded: the move of its waiting sub-orders to paid (or of expired ones taken
 * again), the payment row (once), and a ledger credit for each sub-order this move made paid.
 */
export function completeCardMove(
  db: Database,
  move: SubOrderMove,
  token: string,
  payment: { id: number; paymentIntentId: string | null },
): Promise<MovedSubOrder[]> {
  return runMove(db, move, token, [
    db
      .update(payments)
      .set({ status: 'succeeded', providerPaymentId: payment.paymentIntentId, updatedAt: now })
      .where(and(eq(payments.id, payment.id), inArray(payments.status, ['pending', 'expired', 'failed']))),
    ledgerCreditStatement(db, token, payment.id),
  ]);
}

const ledgerCreditStatement = (db: Database, token: string, paymentId: number) =>
  insertSelect(
    db,
    producerLedger,
    {
      producer_id: sql`${subOrders.producerId}`,
      sub_order_id: sql`${subOrders.id}`,
      payment_id: paymentId,
      kind: 'card_payment',
      amount: sql`${subOrders.total}`,
    },
    sql`FROM ${subOrders} WHERE ${subOrders.transitionToken} = ${token} ON CONFLICT DO NOTHING`,
  );

/** A card payment that will not come (declined, or its session expired), unless it already did. */
export async function setCardPaymentStatus(db: Database, paymentId: number, status: 'failed' | 'expired') {
  await db
    .update(payments)
    .set({ status, updatedAt: now })
    .where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')));
}

export interface RefundRecord {
  paymentId: number;
  subOrderId: number;
  amount: number;
  providerRefundId: string | null;
  reason: (typeof refundReasons)[number];
  userId: number | null;
  /** Staff must see it: money that came after its stock was sold (late_refunded). */
  issue: (typeof paymentIssues)[number] | null;
}

/** The refund row (once per sub-order) and the payment's refunded amount as the sum of its refunds. */
function refundStatements(db: Database, refund: RefundRecord) {
  return [
    db
      .insert(refunds)
      .values({
        paymentId: refund.paymentId,
        subOrderId: refund.subOrderId,
        amount: refund.amount,
        providerRefundId: refund.providerRefundId,
        reason: refund.reason,
        createdBy: refund.userId,
      })
      .onConflictDoNothing({ target: refunds.subOrderId }),
    db
      .update(payments)
      .set({
        refundedAmount: sql`(SELECT coalesce(sum(${refunds.amount}), 0) FROM ${refunds} WHERE ${refunds.paymentId} = ${payments.id})`,
        status: sql`CASE WHEN (SELECT coalesce(sum(${refunds.amount}), 0) FROM ${refunds} WHERE ${refunds.paymentId} = ${payments.id}) >= ${payments.amount} THEN 'refunded' ELSE ${payments.status} END`,
        ...(refund.issue ? { issue: refund.issue, issueResolvedAt: null } : {}),
        updatedAt: now,
      })
      .where(eq(payments.id, refund.paymentId)),
  ];
}

/** A refund of a part that was never paid for (its payment came late, or it was cancelled meanwhile). */
export async function recordRefund(db: Database, refund: RefundRecord): Promise<void> {
  const [first, ...rest] = refundStatements(db, refund);
  await db.batch([first!, ...rest]);
}

/** The sub-orders of a payment already refunded. */
export async function refundedSubOrders(db: Database, paymentId: number): Promise<Set<number>> {
  const rows = await db.select({ id: refunds.subOrderId }).from(refunds).where(eq(refunds.paymentId, paymentId));
  return new Set(rows.map((row) => row.id));
}

/**
 * A paid part refunded: its move to refunded (stock given back while the goods are still with the
 * producer), the refund, and the ledger debit of what the platform no longer owes the producer.
 */
export function refundMove(db: Database, move: SubOrderMove, token: string, refund: RefundRecord, audit: AuditEntry) {
  return runMove(
    db,
    move,
    token,
    [
      ...refundStatements(db, refund),
      insertSelect(
        db,
        producerLedger,
        {
          producer_id: sql`${subOrders.producerId}`,
          sub_order_id: sql`${subOrders.id}`,
          payment_id: refund.paymentId,
          kind: 'card_refund',
          amount: sql`-${subOrders.total}`,
        },
        sql`FROM ${subOrders} WHERE ${subOrders.transitionToken} = ${token}
          AND EXISTS (SELECT 1 FROM ${producerLedger} AS paid WHERE paid.sub_order_id = ${subOrders.id} AND paid.kind = 'card_payment')
          ON CONFLICT DO NOTHING`,
      ),
    ],
    audit,
  );
}

/** A refund the platform owed (a late payment) that the provider refused: staff must act. */
export async function setPaymentIssue(db: Database, paymentId: number, issue: (typeof paymentIssues)[number]) {
  await db.update(payments).set({ issue, issueResolvedAt: null, updatedAt: now }).where(eq(payments.id, paymentId));
}

export async function resolvePaymentIssue(db: Database, paymentId: number, userId: number, note: string) {
  const [changed] = await db.batch([
    db
      .update(payments)
      .set({ issueResolvedAt: now, updatedAt: now })
      .where(and(eq(payments.id, paymentId), isNotNull(payments.issue), isNull(payments.issueResolvedAt)))
      .returning({ id: payments.id }),
    auditStatement(db, {
      actorUserId: userId,
      action: 'payment.resolve_issue',
      entity: 'payment',
      entityId: paymentId,
      after: { note },
    }),
  ]);
  return changed.length > 0;
}

/**
 * A move that brings money a person recorded: a VietQR part marked paid by the producer or staff
 * (what it still owed), a cash-on-delivery part delivered (its total, collected at the door).
 */
export function moveWithPayment(
  db: Database,
  move: SubOrderMove,
  token: string,
  method: 'vietqr' | 'cod',
  audit: AuditEntry,
) {
  return runMove(
    db,
    move,
    token,
    [
      insertSelect(
        db,
        payments,
        {
          order_id: sql`${subOrders.orderId}`,
          sub_order_id: sql`${subOrders.id}`,
          method,
          status: 'succeeded',
          amount: sql`max(${subOrders.total} - ${subOrders.amountReceived}, 0)`,
        },
        sql`FROM ${subOrders} WHERE ${subOrders.transitionToken} = ${token}`,
      ),
    ],
    audit,
  );
}

/** Whether a Stripe event was handled already. */
export async function paymentEventSeen(db: Database, eventId: string): Promise<boolean> {
  const [row] = await db.select({ id: paymentEvents.id }).from(paymentEvents).where(eq(paymentEvents.id, eventId));
  return row !== undefined;
}

/** A Stripe event handled: recorded after its effects, so one that failed half-way is handled again. */
export async function recordPaymentEvent(db: Database, eventId: string, type: string): Promise<void> {
  await db.insert(paymentEvents).values({ id: eventId, type }).onConflictDoNothing();
}

/** Card payments staff must look at, unresolved first. */
export async function listPaymentIssues(db: Database, limit: number) {
  return db
    .select({
      id: payments.id,
      issue: payments.issue,
      amount: payments.amount,
      refundedAmount: payments.refundedAmount,
      providerReference: payments.providerReference,
      issueResolvedAt: payments.issueResolvedAt,
      updatedAt: payments.updatedAt,
      orderId: orders.id,
      orderCode: orders.code,
      buyerName: orders.buyerName,
      buyerPhone: orders.buyerPhone,
    })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(isNotNull(payments.issue))
    .orderBy(sql`${payments.issueResolvedAt} IS NOT NULL`, desc(payments.updatedAt))
    .limit(limit);
}

/** What the platform owes each producer for card payments, largest first. */
export async function ledgerBalances(db: Database) {
  return db
    .select({
      producerId: producerLedger.producerId,
      producerName: producers.name,
      bankBin: producers.bankBin,
      bankAccountNumber: producers.bankAccountNumber,
      bankAccountName: producers.bankAccountName,
      credits: sql<number>`sum(CASE WHEN ${producerLedger.amount} > 0 THEN ${producerLedger.amount} ELSE 0 END)`,
      debits: sql<number>`sum(CASE WHEN ${producerLedger.amount} < 0 THEN -${producerLedger.amount} ELSE 0 END)`,
      balance: sql<number>`sum(${producerLedger.amount})`,
      entries: sql<number>`count(*)`,
    })
    .from(producerLedger)
    .innerJoin(producers, eq(producers.id, producerLedger.producerId))
    .groupBy(producerLedger.producerId)
    .orderBy(desc(sql`sum(${producerLedger.amount})`));
}

/** Every ledger entry, oldest first, with its order reference, for the staff export. */
export async function ledgerEntries(db: Database) {
  return db
    .select({
      id: producerLedger.id,
      createdAt: producerLedger.createdAt,
      producerId: producerLedger.producerId,
      producerName: producers.name,
      kind: producerLedger.kind,
      amount: producerLedger.amount,
      orderCode: orders.code,
      subOrderNumber: subOrders.number,
      paymentReference: payments.providerReference,
    })
    .from(producerLedger)
    .innerJoin(producers, eq(producers.id, producerLedger.producerId))
    .innerJoin(subOrders, eq(subOrders.id, producerLedger.subOrderId))
    .innerJoin(orders, eq(orders.id, subOrders.orderId))
    .leftJoin(payments, eq(payments.id, producerLedger.paymentId))
    .orderBy(asc(producerLedger.id));
}
