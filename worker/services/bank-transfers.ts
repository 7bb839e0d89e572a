/**
 * Bank-transfer notifications (SePay, Casso): authenticated with a shared secret, every transfer
 * kept once with its raw body, then read against the sub-order its content names. An exact
 * transfer pays the part; partial ones add up until they cover it; money for a part that expired
 * takes its stock again when the stock is still there. Whatever is not simply an exact payment
 * (partial, excess, unmatched, late) stays listed for staff until a person resolves it.
 */
import { bankWebhookSecret, type PaymentEnv } from '../config';
import { timingSafeEqual } from '../crypto/hmac';
import { randomToken } from '../crypto/random';
import {
  applyBankTransfer,
  findBankTransfer,
  insertBankTransfer,
  resolveBankTransfer,
  type TransferApplication,
} from '../data/bank-transfers';
import type { Database } from '../data/db';
import { countSubOrders, findSubOrderByReference } from '../data/orders';
import { classifyTransfer, readBankNotification, transferKey, type BankTransfer } from '../domain/bank-transfer';
import { AppError, notFound, problem, refused } from '../domain/errors';
import { findOrderReferences, type OrderReference } from '../domain/order-reference';

export interface TransferDeps {
  db: Database;
  env: PaymentEnv;
}

const encoder = new TextEncoder();

/**
 * The secret a notification carries: SePay sends "Authorization: Apikey <key>", Casso its
 * "Secure-Token" header; "Bearer <key>" is taken too.
 */
export function presentedSecret(headers: { authorization: string | null; secureToken: string | null }): string | null {
  const authorization = headers.authorization?.trim() ?? '';
  const match = /^(?:apikey|bearer)\s+(.+)$/i.exec(authorization);
  return match?.[1]?.trim() ?? headers.secureToken?.trim() ?? null;
}

/** 404 when the webhook is not configured, 401 when the secret is missing or wrong. */
export function authenticateBankNotification(env: PaymentEnv, presented: string | null): void {
  const secret = bankWebhookSecret(env);
  if (!secret) throw notFound('bank notifications are not configured');
  if (!presented || !timingSafeEqual(encoder.encode(presented), encoder.encode(secret))) {
    throw new AppError('unauthorized', { detail: 'wrong or missing bank notification secret' });
  }
}

export interface NotificationResult {
  transfers: { key: string; duplicate: boolean; outcome: string | null }[];
}

/** Keeps and applies each transfer of a notification; a transfer seen before is acknowledged and left alone. */
export async function receiveBankNotification(deps: TransferDeps, rawBody: string): Promise<NotificationResult> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new AppError('bad_request', { detail: 'the notification is not JSON' });
  }
  const read = readBankNotification(body);
  if (!read.ok) throw new AppError('bad_request', { detail: `bank notification: ${read.error}` });
  const transfers: NotificationResult['transfers'] = [];
  for (const transfer of read.transfers) {
    const key = transferKey(transfer);
    const transferId = await insertBankTransfer(deps.db, { ...transfer, key, rawBody });
    if (transferId === null) {
      transfers.push({ key, duplicate: true, outcome: null });
      continue;
    }
    transfers.push({ key, duplicate: false, outcome: await applyTransfer(deps.db, transferId, key, transfer) });
  }
  return { transfers };
}

/** The one reference a transfer names, or null when it names none, or several. */
async function referencedPart(db: Database, content: string): Promise<OrderReference | null> {
  const found = findOrderReferences(content);
  if (found.length !== 1) return null;
  const [reference] = found;
  if (reference!.subOrder !== null) return reference!;
  // The whole order's reference pays its only part; an order of several parts needs a person.
  return (await countSubOrders(db, reference!.orderKey)) === 1 ? { ...reference!, subOrder: 1 } : null;
}

async function applyTransfer(db: Database, transferId: number, key: string, transfer: BankTransfer): Promise<string> {
  const reference = await referencedPart(db, transfer.content);
  const part = reference ? await findSubOrderByReference(db, reference.orderKey, reference.subOrder!) : null;
  const candidate =
    part && part.method === 'vietqr' && part.payeeAccountNumber
      ? {
          status: part.status,
          total: part.total,
          received: part.amountReceived,
          accountNumber: part.payeeAccountNumber,
        }
      : null;
  const verdict = classifyTransfer(transfer, candidate);
  const base: TransferApplication = {
    transferId,
    outcome: verdict.outcome,
    reference: reference?.reference ?? null,
    subOrderId: candidate ? part!.id : null,
    surplus: verdict.surplus,
    credit: null,
    settle: null,
    resolution: null,
  };
  if (!candidate || !part) return apply(db, base);

  const settleFrom = (from: 'pending_payment' | 'expired') => ({
    target: { subOrderIds: [part.id] },
    from,
    to: 'paid' as const,
    paidInFull: true,
    actor: 'system' as const,
    userId: null,
    note: `${transfer.source} ${transfer.transactionId}`,
    stock: from === 'expired' ? ('reserve' as const) : null,
  });
  if (
    verdict.outcome === 'exact' ||
    verdict.outcome === 'partial' ||
    (verdict.outcome === 'excess' && verdict.settles)
  ) {
    return apply(db, {
      ...base,
      credit: { subOrderId: part.id, amount: transfer.amount, transferKey: key },
      settle: settleFrom('pending_payment'),
    });
  }
  // Money for a part that expired: if it covers what was owed and the stock is still there, the part is paid after all.
  if (verdict.outcome === 'late' && part.status === 'expired' && part.amountReceived + transfer.amount >= part.total) {
    try {
      return await apply(db, {
        ...base,
        surplus: part.amountReceived + transfer.amount - part.total,
        credit: { subOrderId: part.id, amount: transfer.amount, transferKey: key },
        settle: settleFrom('expired'),
        resolution: part.amountReceived + transfer.amount === part.total ? 'applied' : null,
      });
    } catch (error) {
      if (!(error instanceof AppError && error.problems[0]?.problem === 'sold_out')) throw error;
    }
  }
  return apply(db, base);
}

async function apply(db: Database, application: TransferApplication): Promise<string> {
  await applyBankTransfer(db, application, randomToken());
  return application.outcome;
}

export type TransferResolution = 'applied' | 'returned' | 'dismissed';

/** A person's resolution of a transfer listed for staff, with a note saying what was done. */
export async function resolveTransfer(
  db: Database,
  transferId: number,
  resolution: TransferResolution,
  note: string,
  userId: number,
): Promise<void> {
  const transfer = await findBankTransfer(db, transferId);
  if (!transfer) throw notFound();
  if (!(await resolveBankTransfer(db, transferId, resolution, note, userId))) {
    throw refused(problem('resolution', 'transfer_resolved'));
  }
}
