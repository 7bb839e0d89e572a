import type { CertificationLevel, ShownStatus } from '../../../worker/domain/certification';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';

export interface ProvinceOption {
  value: string;
  label: string;
}

/** One council result as the administration lists it; dates as Vietnamese documents write them. */
export interface CertificationRowView {
  id: number;
  productSlug: string;
  productName: string;
  producerName: string;
  provinceName: string;
  stars: number;
  /** 3 stars or more: a certificate, not only a result. */
  certifies: boolean;
  score: number;
  level: CertificationLevel;
  decisionNumber: string;
  decisionDate: string;
  issuingBody: string;
  /** ISO date and as shown; null for a result that certifies nothing. */
  validUntil: { iso: string; text: string } | null;
  status: ShownStatus;
  statusReason: string | null;
}

interface CertificationTableProps {
  ctx: PageContext;
  caption: string;
  rows: CertificationRowView[];
  /** Administrators get a revoke link on every certification still in force. */
  revocable: boolean;
}

/** Certifications as a table; on a phone each row stacks into labelled lines (see .admin-table.stacked). */
export function CertificationTable({ ctx, caption, rows, revocable }: CertificationTableProps) {
  const { t } = ctx;
  const tl = t.adminCertifications.list;
  const columns = [
    tl.product,
    tl.producer,
    tl.province,
    tl.stars,
    tl.score,
    tl.level,
    tl.decision,
    tl.validUntil,
    tl.status,
    ...(revocable ? [tl.actions] : []),
  ];
  return (
    <table class="admin-table stacked">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col">{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const { status, validUntil } = row;
          return (
            <tr id={`certification-${row.id}`}>
              <td data-label={tl.product}>
                <a href={localHref(ctx, `/products/${row.productSlug}`)}>{row.productName}</a>
              </td>
              <td data-label={tl.producer}>{row.producerName}</td>
              <td data-label={tl.province}>{row.provinceName}</td>
              <td data-label={tl.stars}>
                {row.certifies ? t.certification.starsShort(row.stars) : t.certification.belowThreshold(row.stars)}
              </td>
              <td data-label={tl.score} class="num">
                {t.adminCertifications.score(row.score)}
              </td>
              <td data-label={tl.level}>{t.certification.levels[row.level]}</td>
              <td data-label={tl.decision}>{tl.decisionOn(row.decisionNumber, row.decisionDate)}</td>
              <td data-label={tl.validUntil}>
                {validUntil ? <time datetime={validUntil.iso}>{validUntil.text}</time> : '—'}
              </td>
              <td data-label={tl.status} class={`status status-${status}`}>
                {t.certification.statuses[status]}
              </td>
              {revocable ? (
                <td data-label={tl.actions}>
                  {status === 'active' ? (
                    <a
                      href={localHref(ctx, `/admin/certifications/${row.id}/revoke`)}
                      aria-label={tl.revokeLabel(row.decisionNumber)}
                    >
                      {tl.revoke}
                    </a>
                  ) : null}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
