import type { IngestOutcome } from '../../../worker/domain/certification-ingest';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { AdminShell, CsrfField } from './AdminShell';
import { formatNumber } from '../../../worker/domain/numbers';

export interface ReportRowView {
  /** The line of the CSV file the row starts on. */
  line: number;
  outcome: IngestOutcome;
  product?: { slug: string; name: string };
  issues: { field: string; message: string }[];
  /** What to know about a row applied or left unchanged all the same. */
  notices: { field: string; message: string }[];
}

export interface IngestReportView {
  summary: Record<IngestOutcome, number>;
  rows: ReportRowView[];
  /** The rejected rows as a CSV file, or null when none was rejected. */
  rejectedCsv: string | null;
}

interface CertificationReportPageProps {
  ctx: PageContext;
  csrfToken: string;
  report: IngestReportView;
}

const OUTCOMES: IngestOutcome[] = ['created', 'updated', 'unchanged', 'rejected'];

function FieldMessages({ messages }: { messages: { field: string; message: string }[] }) {
  if (messages.length === 0) return null;
  return (
    <ul>
      {messages.map((entry) => (
        <li>
          <code>{entry.field}</code>: {entry.message}
        </li>
      ))}
    </ul>
  );
}

export function CertificationReportPage({ ctx, csrfToken, report }: CertificationReportPageProps) {
  const { t } = ctx;
  const tr = t.adminCertifications.report;
  const count = t.adminCertifications.count;
  return (
    <AdminShell ctx={ctx} role="admin" section="certificationUpload" title={tr.title}>
      <p class="lead">{tr.rowCount(report.rows.length)}</p>
      <ul class="admin-summary">
        {OUTCOMES.map((outcome) => (
          <li class={outcome === 'rejected' && report.summary.rejected > 0 ? 'is-rejected' : undefined}>
            <strong>{count(report.summary[outcome])}</strong> {t.ingest.outcomes[outcome]}
          </li>
        ))}
      </ul>
      {report.rejectedCsv ? (
        // Nothing is stored: the rejected rows travel in the form and come straight back as a file.
        <form
          method="post"
          action="/admin/certifications/upload/rejected.csv"
          enctype="multipart/form-data"
          class="admin-form"
        >
          <CsrfField token={csrfToken} />
          <input type="hidden" name="csv" value={report.rejectedCsv} />
          <p class="hint" id="rejected-hint">
            {tr.downloadHint}
          </p>
          <button type="submit" class="button" aria-describedby="rejected-hint">
            {tr.downloadRejected(report.summary.rejected)}
          </button>
        </form>
      ) : null}
      {report.rows.length === 0 ? (
        <p>{tr.noRows}</p>
      ) : (
        <table class="admin-table stacked">
          <caption>{tr.table}</caption>
          <thead>
            <tr>
              <th scope="col">{tr.line}</th>
              <th scope="col">{tr.outcome}</th>
              <th scope="col">{tr.product}</th>
              <th scope="col">{tr.issues}</th>
              <th scope="col">{tr.notices}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              const rejected = row.outcome === 'rejected';
              return (
                <tr id={`line-${row.line}`} class={rejected ? 'is-rejected' : undefined}>
                  <td data-label={tr.line} class="num">
                    {formatNumber(row.line)}
                  </td>
                  <td data-label={tr.outcome} class="outcome">
                    {rejected ? (
                      <>
                        <span aria-hidden="true">✗</span>{' '}
                      </>
                    ) : null}
                    {t.ingest.outcomes[row.outcome]}
                  </td>
                  <td data-label={tr.product}>
                    {row.product ? (
                      <a href={localHref(ctx, `/products/${row.product.slug}`)}>{row.product.name}</a>
                    ) : null}
                  </td>
                  <td data-label={tr.issues}>
                    <FieldMessages messages={row.issues} />
                  </td>
                  <td data-label={tr.notices}>
                    <FieldMessages messages={row.notices} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p>
        <a class="button" href={localHref(ctx, '/admin/certifications/upload')}>
          {tr.uploadAnother}
        </a>
      </p>
    </AdminShell>
  );
}
