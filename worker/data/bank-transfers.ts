/**
 * Bank-transfer notifications as they came: every one kept with its raw body, once per
 * transaction id (the services retry), with what it meant for the sub-order its content named.
 * Transfers a person must look at (partial, excess, unmatched, late) stay listed until resolved.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { bankTransfers, orders, payments, subOrders } from '../../db/schema';
import type { transferOutcomes, transferResolutions } from '../../db/schema';
import type { BankTransfer } from '../domain/bank-transfer';
import { problem } from '../domain/errors';
import { auditStatement } from './audit';
import { withConstraints } from './constraints';
import type { Database } from './db';
import { movedStatement, moveStatements, type MovedSubOrder, type SubOrderMove } from './orders';
import { insertSelect } from './insert-select';

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export type TransferOutcome = (typeof transferOutcomes)[number];

/** Outcomes a person must look at: money that paid nothing in full, or more than was owed. */
const OUTCOMES_TO_REVIEW: readonly TransferOutcome[] = ['partial', 'excess', 'unmatched', 'late'];

/** Keeps a transfer; null when its key was kept before (a retried notification). */
export async function insertBankTransfer(
  db: Database,
  transfer: BankTransfer & { key: string; rawBody: string },
): Promise<number | null> {
  const [row] = await db
    .insert(bankTransfers)
    .values({
      transferKey: transfer.key,
      source: transfer.source,
      bank: transfer.bank,
      accountNumber: transfer.accountNumber,
      direction: transfer.direction,
      amount: transfer.amount,
      content: transfer.content,
      bankReference: transfer.bankReference,
      transactedAt: transfer.transactedAt,
      rawBody: transfer.rawBody,
      // Until it is read against its sub-order: a transfer never lands without an outcome.
      outcome: 'unmatched',
    })
    .onConflictDoNothing({ target: bankTransfers.transferKey })
    .returning({ id: bankTransfers.id });
  return row?.id ?? null;
}

export interface TransferApplication {
  transferId: number;
  outcome: TransferOutcome;
  reference: string | null;
  subOrderId: number | null;
  surplus: number;
  /** The transfer counts towards the sub-order: its amount is added to what the sub-order received. */
  credit: { subOrderId: number; amount: number; transferKey: string } | null;
  /** Moves the sub-order to paid when what it received covers its total (decided in SQL). */
  settle: SubOrderMove | null;
  /** An outcome settled without a person: a late transfer whose stock could be taken again. */
  resolution: (typeof transferResolutions)[number] | null;
}

/**
 * Records what a transfer meant, in one batch: its outcome, the amount credited to its sub-order
 * (only while it waits for payment), a payment row for it, and the move to paid when the sub-order
 * is now covered. The sub-orders that move answers.
 */
export async function applyBankTransfer(db: Database, application: TransferApplication, token: string) {
  const { credit, settle } = application;
  const waiting = ['pending_payment', 'expired'] as const;
  const [first, ...rest] = [
    db
      .update(bankTransfers)
      .set({
        outcome: application.outcome,
        reference: application.reference,
        subOrderId: application.subOrderId,
        surplus: application.surplus,
        ...(application.resolution ? { resolution: application.resolution, resolvedAt: now } : {}),
      })
      .where(eq(bankTransfers.id, application.transferId)),
    ...(credit
      ? [
          // Counted on the sub-order, paid in full or not yet, while it still waits for its money.
          insertSelect(
            db,
            payments,
            {
              order_id: sql`${subOrders.orderId}`,
              sub_order_id: sql`${subOrders.id}`,
              method: 'vietqr',
              status: 'succeeded',
              amount: credit.amount,
              provider_reference: credit.transferKey,
            },
            sql`FROM ${subOrders} WHERE ${subOrders.id} = ${credit.subOrderId} AND ${inArray(subOrders.status, [...waiting])}`,
          ),
          db
            .update(subOrders)
            .set({ amountReceived: sql`${subOrders.amountReceived} + ${credit.amount}`, updatedAt: now })
            .where(and(eq(subOrders.id, credit.subOrderId), inArray(subOrders.status, [...waiting]))),
        ]
      : []),
    ...(settle ? moveStatements(db, settle, token) : []),
  ];
  const results = await withConstraints(() => db.batch([first, ...rest, movedStatement(db, token)]), {
    // A late transfer whose sub-order's stock was sold meanwhile: nothing of this batch is kept.
    'NOT NULL stock_adjustments.stock_after': problem('reference', 'sold_out'),
  });
  return results.at(-1) as MovedSubOrder[];
}

/** Transfers waiting for a person, oldest first. */
export async function listTransfersToReview(db: Database, limit: number) {
  return db
    .select({
      transfer: bankTransfers,
      orderCode: orders.code,
      orderId: orders.id,
      subOrderNumber: subOrders.number,
    })
    .from(bankTransfers)
    .leftJoin(subOrders, eq(subOrders.id, bankTransfers.subOrderId))
    .leftJoin(orders, eq(orders.id, subOrders.orderId))
    .where(and(isNull(bankTransfers.resolution), inArray(bankTransfers.outcome, [...OUTCOMES_TO_REVIEW])))
    .orderBy(asc(bankTransfers.createdAt))
    .limit(limit);
}

export async function findBankTransfer(db: Database, id: number) {
  const [row] = await db.select().from(bankTransfers).where(eq(bankTransfers.id, id));
  return row ?? null;
}

/** A person's resolution of a transfer, once, with its audit entry. False when it was resolved already. */
export async function resolveBankTransfer(
  db: Database,
  id: number,
  resolution: (typeof transferResolutions)[number],
  note: string,
  userId: number,
): Promise<boolean> {
  const [changed] = await db.batch([
    db
      .update(bankTransfers)
      .set({ resolution, resolutionNote: note, resolvedBy: userId, resolvedAt: now })
      .where(and(eq(bankTransfers.id, id), isNull(bankTransfers.resolution)))
      .returning({ id: bankTransfers.id }),
    auditStatement(db, {
      actorUserId: userId,
      action: 'bank_transfer.resolve',
      entity: 'bank_transfer',
      entityId: id,
      after: { resolution, note },
    }),
  ]);
  return changed.length > 0;
}
