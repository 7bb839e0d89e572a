/**
 * Bank-transfer notifications, as Vietnamese bank-notification services post them for every
 * transaction on a watched account, read into one record; and what a transfer means for the
 * sub-order its content names. Pure: the route authenticates the call, the service deduplicates on
 * transferKey, finds the reference (order-reference.ts) and the sub-order, and stores the outcome.
 *
 * Shapes read (field names as the services document them):
 *   SePay        { id, gateway, transactionDate, accountNumber, subAccount, code, content,
 *                  transferType: "in" | "out", transferAmount, accumulated, referenceCode, description }
 *   Casso (v2)   { error: 0, data: { id, reference, description, amount (negative when out),
 *                  runningBalance, transactionDateTime, accountNumber, bankName, bankAbbreviation, … } }
 *   Casso (v1)   { error: 0, data: [{ id, tid, description, amount, cusum_balance, when,
 *                  bank_sub_acc_id, subAccId }] }
 * Their times are Vietnam wall-clock times ("2024-12-23 07:00:00"); records hold UTC instants.
 */
import { z } from 'zod';
import { normaliseAccountNumber } from './banks';
import type { SubOrderStatus } from './order-status';
import { vietnamLocalToUtc } from './time';

export interface BankTransfer {
  source: 'sepay' | 'casso';
  /** The service's id of the transaction: retries repeat it, so it is the deduplication key. */
  transactionId: string;
  /** The bank as the service names it ("Vietcombank", "MBBank"); null when it does not say. */
  bank: string | null;
  /** The watched account the money moved on, without separators; null when the service does not say. */
  accountNumber: string | null;
  direction: 'in' | 'out';
  /** Integer đồng, always positive: direction says which way. */
  amount: number;
  /** What the payer typed, with whatever the banks added; where the order reference is. */
  content: string;
  /** The bank's own reference for the transaction (e.g. "FT24364030863634"). */
  bankReference: string | null;
  /** UTC instant of the transaction. */
  transactedAt: string;
}

export type BankNotificationError = 'unrecognised' | 'not_a_success' | 'invalid_amount' | 'invalid_date';

export type BankNotificationResult =
  { ok: true; transfers: BankTransfer[] } | { ok: false; error: BankNotificationError };

/** Ids come as numbers or strings depending on the service and its version. */
const transactionId = z.union([z.number().int().nonnegative(), z.string().trim().min(1)]).transform(String);
const optionalText = z
  .string()
  .nullish()
  .transform((text) => (text?.trim() ? text.trim() : null));

const sepaySchema = z.object({
  id: transactionId,
  gateway: optionalText,
  transactionDate: z.string(),
  accountNumber: optionalText,
  content: z.string().nullish(),
  description: z.string().nullish(),
  transferType: z.enum(['in', 'out']),
  transferAmount: z.number(),
  referenceCode: optionalText,
});

const cassoV2Schema = z.object({
  error: z.number(),
  data: z.object({
    id: transactionId,
    reference: optionalText,
    description: z.string().nullish(),
    amount: z.number(),
    transactionDateTime: z.string(),
    accountNumber: optionalText,
    bankName: optionalText,
  }),
});

const cassoV1Schema = z.object({
  error: z.number(),
  data: z.array(
    z.object({
      id: transactionId,
      tid: optionalText,
      description: z.string().nullish(),
      amount: z.number(),
      when: z.string(),
      bank_sub_acc_id: optionalText,
      subAccId: optionalText,
    }),
  ),
});

const SERVICE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/;

/** A service's Vietnam wall-clock time as a UTC instant; a bare date is taken as its midnight. */
function serviceTimeToUtc(text: string): string | null {
  const match = SERVICE_TIME.exec(text.trim());
  return match ? vietnamLocalToUtc(`${match[1]}T${match[2] ?? '00:00'}`) : null;
}

interface RawTransfer extends Omit<BankTransfer, 'amount' | 'direction' | 'transactedAt' | 'accountNumber'> {
  accountNumber: string | null;
  /** Signed when the service gives the direction by sign. */
  amount: number;
  direction: 'in' | 'out' | null;
  time: string;
}

function finish({
  time,
  amount,
  direction,
  accountNumber,
  ...rest
}: RawTransfer): BankTransfer | BankNotificationError {
  if (!Number.isSafeInteger(amount) || amount === 0) return 'invalid_amount';
  if (direction !== null && amount < 0) return 'invalid_amount';
  const transactedAt = serviceTimeToUtc(time);
  if (transactedAt === null) return 'invalid_date';
  return {
    ...rest,
    accountNumber: accountNumber === null ? null : normaliseAccountNumber(accountNumber),
    direction: direction ?? (amount < 0 ? 'out' : 'in'),
    amount: Math.abs(amount),
    transactedAt,
  };
}

function readSepay(body: z.infer<typeof sepaySchema>): RawTransfer {
  return {
    source: 'sepay',
    transactionId: body.id,
    bank: body.gateway,
    accountNumber: body.accountNumber,
    direction: body.transferType,
    amount: body.transferAmount,
    content: body.content ?? body.description ?? '',
    bankReference: body.referenceCode,
    time: body.transactionDate,
  };
}

/** Casso's transfers, with the `error` it reports them under; null when the body is not Casso's. */
function readCasso(body: unknown): { error: number; raws: RawTransfer[] } | null {
  const v2 = cassoV2Schema.safeParse(body);
  if (v2.success) {
    const { data } = v2.data;
    const raw: RawTransfer = {
      source: 'casso',
      transactionId: data.id,
      bank: data.bankName,
      accountNumber: data.accountNumber,
      direction: null,
      amount: data.amount,
      content: data.description ?? '',
      bankReference: data.reference,
      time: data.transactionDateTime,
    };
    return { error: v2.data.error, raws: [raw] };
  }
  const v1 = cassoV1Schema.safeParse(body);
  if (!v1.success) return null;
  const raws = v1.data.data.map((transaction): RawTransfer => ({
    source: 'casso',
    transactionId: transaction.id,
    bank: null,
    accountNumber: transaction.bank_sub_acc_id ?? transaction.subAccId,
    direction: null,
    amount: transaction.amount,
    content: transaction.description ?? '',
    bankReference: transaction.tid,
    time: transaction.when,
  }));
  return { error: v1.data.error, raws };
}

/**
 * The transfers a notification body reports (Casso's first version sends several at once), or why
 * it is not one. A Casso body whose `error` is not 0 reports a failure on their side, not a transfer.
 */
export function readBankNotification(body: unknown): BankNotificationResult {
  const sepay = sepaySchema.safeParse(body);
  let raws: RawTransfer[];
  if (sepay.success) {
    raws = [readSepay(sepay.data)];
  } else {
    const casso = readCasso(body);
    if (casso === null) return { ok: false, error: 'unrecognised' };
    if (casso.error !== 0) return { ok: false, error: 'not_a_success' };
    raws = casso.raws;
  }
  const transfers: BankTransfer[] = [];
  for (const raw of raws) {
    const transfer = finish(raw);
    if (typeof transfer === 'string') return { ok: false, error: transfer };
    transfers.push(transfer);
  }
  return { ok: true, transfers };
}

/** The key a transfer is stored and deduplicated under: ids are unique per service only. */
export const transferKey = (transfer: Pick<BankTransfer, 'source' | 'transactionId'>): string =>
  `${transfer.source}:${transfer.transactionId}`;

/** The sub-order a transfer's reference named, as the server read it. */
export interface TransferCandidate {
  status: SubOrderStatus;
  /** The sub-order's total, integer đồng. */
  total: number;
  /** What earlier transfers matched to it already brought, for a buyer paying in instalments. */
  received: number;
  /** The producer's account the VietQR code named; a transfer that reached another account is not for it. */
  accountNumber: string;
}

export type TransferOutcome = 'exact' | 'partial' | 'excess' | 'unmatched' | 'late' | 'outgoing';

export interface TransferClassification {
  outcome: TransferOutcome;
  /** The sub-order is now paid in full and may move to paid. */
  settles: boolean;
  /** Still owed after this transfer, when it is partial. */
  outstanding: number;
  /** Money beyond what was owed, to hand back or keep for staff to decide: all of it when late or unmatched. */
  surplus: number;
}

const ALREADY_PAID: readonly SubOrderStatus[] = ['paid', 'confirmed', 'packed', 'shipped', 'delivered', 'refunded'];

/**
 * What an incoming transfer means for the sub-order its content named (null when none was found
 * or more than one). Only a pending sub-order can be paid: money for an expired or cancelled one
 * is late, more money for a paid one is excess, and staff resolve both.
 */
export function classifyTransfer(
  transfer: Pick<BankTransfer, 'direction' | 'amount' | 'accountNumber'>,
  candidate: TransferCandidate | null,
): TransferClassification {
  const surplusOnly = (outcome: TransferOutcome): TransferClassification => ({
    outcome,
    settles: false,
    outstanding: 0,
    surplus: transfer.amount,
  });
  if (transfer.direction === 'out') return { outcome: 'outgoing', settles: false, outstanding: 0, surplus: 0 };
  if (
    candidate === null ||
    (transfer.accountNumber !== null && transfer.accountNumber !== normaliseAccountNumber(candidate.accountNumber))
  ) {
    return surplusOnly('unmatched');
  }
  if (candidate.status === 'expired' || candidate.status === 'cancelled') return surplusOnly('late');
  if (ALREADY_PAID.includes(candidate.status)) return surplusOnly('excess');

  const paid = candidate.received + transfer.amount;
  if (paid < candidate.total) {
    return { outcome: 'partial', settles: false, outstanding: candidate.total - paid, surplus: 0 };
  }
  return {
    outcome: paid === candidate.total ? 'exact' : 'excess',
    settles: true,
    outstanding: 0,
    surplus: paid - candidate.total,
  };
}
