/** What staff review about money: transfers a person must resolve, card payments to look at, the ledger. */
import { listTransfersToReview } from '../data/bank-transfers';
import type { Database } from '../data/db';
import { ledgerBalances, ledgerEntries, listPaymentIssues, resolvePaymentIssue } from '../data/payments';
import { problem, refused } from '../domain/errors';

const LIST_LIMIT = 200;

export async function paymentsToReview(db: Database) {
  const [transfers, cardIssues, ledger] = await Promise.all([
    listTransfersToReview(db, LIST_LIMIT),
    listPaymentIssues(db, LIST_LIMIT),
    ledgerBalances(db),
  ]);
  return { transfers, cardIssues, ledger };
}

/** A card payment staff looked at (a late refund checked, a failed refund done by hand). */
export async function resolveCardIssue(db: Database, paymentId: number, userId: number, note: string): Promise<void> {
  if (!(await resolvePaymentIssue(db, paymentId, userId, note))) throw refused(problem('note', 'transfer_resolved'));
}

export const ledgerExport = (db: Database) => ledgerEntries(db);
