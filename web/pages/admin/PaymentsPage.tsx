import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import type { Role } from '../../../worker/domain/policy';
import { AdminShell } from './AdminShell';

export interface TransferReviewView {
  id: number;
  outcome: string;
  line: string;
  content: string;
  surplus: string | null;
  part: { reference: string; href: string } | null;
}

export interface CardIssueView {
  id: number;
  issue: string;
  order: { reference: string; href: string };
  buyer: string;
  amount: string;
  resolved: string | null;
}

export interface LedgerRowView {
  producer: string;
  account: string | null;
  credits: string;
  debits: string;
  balance: string;
}

interface PaymentsPageProps {
  ctx: PageContext;
  role: Role;
  csrfToken: string;
  transfers: TransferReviewView[];
  cardIssues: CardIssueView[];
  ledger: LedgerRowView[];
  notice?: string | undefined;
}

/** Money staff must look at: odd transfers, late card payments, and what the platform owes producers. */
export function PaymentsPage({ ctx, role, csrfToken, transfers, cardIssues, ledger, notice }: PaymentsPageProps) {
  const { t } = ctx;
  const a = t.adminOrders;
  return (
    <AdminShell ctx={ctx} role={role} section="payments" title={a.anomaliesTitle}>
      <p class="hint">{a.anomaliesIntro}</p>
      {notice ? (
        <p class="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <section aria-labelledby="transfers-title">
        <h2 id="transfers-title">{a.transfers}</h2>
        {transfers.length === 0 ? (
          <p>{a.noTransfers}</p>
        ) : (
          <ul class="admin-list" role="list">
            {transfers.map((transfer) => (
              <li class="admin-item">
                <p>
                  <strong>{transfer.outcome}</strong>: {transfer.line}
                </p>
                <p>
                  {a.content}: <code>{transfer.content}</code>
                </p>
                {transfer.part ? (
                  <p>
                    {a.forPart}: <a href={transfer.part.href}>{transfer.part.reference}</a>
                  </p>
                ) : null}
                {transfer.surplus ? <p>{transfer.surplus}</p> : null}
                <form method="post" action={localHref(ctx, `/admin/payments/transfers/${transfer.id}/resolve`)}>
                  <input type="hidden" name="_csrf" value={csrfToken} />
                  <div class="field">
                    <label for={`resolution-${transfer.id}`}>{a.resolution}</label>
                    <select id={`resolution-${transfer.id}`} name="resolution">
                      {(['returned', 'applied', 'dismissed'] as const).map((value) => (
                        <option value={value}>{a.resolutions[value]}</option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={`note-${transfer.id}`}>{a.resolutionNote}</label>
                    <input id={`note-${transfer.id}`} name="note" required />
                  </div>
                  <button type="submit">{a.resolve}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="card-issues-title">
        <h2 id="card-issues-title">{a.cardIssues}</h2>
        {cardIssues.length === 0 ? (
          <p>{a.noCardIssues}</p>
        ) : (
          <ul class="admin-list" role="list">
            {cardIssues.map((issue) => (
              <li class="admin-item">
                <p>
                  <strong>{issue.issue}</strong>
                </p>
                <p>
                  <a href={issue.order.href}>{issue.order.reference}</a> · {issue.buyer} · {issue.amount}
                </p>
                {issue.resolved ? (
                  <p class="muted">{issue.resolved}</p>
                ) : (
                  <form method="post" action={localHref(ctx, `/admin/payments/${issue.id}/resolve`)}>
                    <input type="hidden" name="_csrf" value={csrfToken} />
                    <div class="field">
                      <label for={`issue-note-${issue.id}`}>{a.resolutionNote}</label>
                      <input id={`issue-note-${issue.id}`} name="note" required />
                    </div>
                    <button type="submit">{a.markIssueResolved}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title">{a.ledgerTitle}</h2>
        <p class="hint">{a.ledgerIntro}</p>
        {ledger.length === 0 ? (
          <p>{a.ledgerEmpty}</p>
        ) : (
          <table class="admin-table stacked">
            <caption class="visually-hidden">{a.ledgerTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{a.producer}</th>
                <th scope="col">{a.account}</th>
                <th scope="col" class="num">
                  {a.credits}
                </th>
                <th scope="col" class="num">
                  {a.debits}
                </th>
                <th scope="col" class="num">
                  {a.balance}
                </th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((row) => (
                <tr>
                  <td data-label={a.producer}>{row.producer}</td>
                  <td data-label={a.account}>{row.account ?? a.noAccount}</td>
                  <td data-label={a.credits} class="num">
                    {row.credits}
                  </td>
                  <td data-label={a.debits} class="num">
                    {row.debits}
                  </td>
                  <td data-label={a.balance} class="num">
                    <strong>{row.balance}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <a href={localHref(ctx, '/admin/payments/ledger.csv')}>{a.exportCsv}</a>
        </p>
      </section>
    </AdminShell>
  );
}
