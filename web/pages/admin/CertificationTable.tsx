import type { CertificationListRow } from '../../../worker/data/certifications';
import { MIN_CERTIFIED_STARS, shownStatus, shownValidUntil } from '../../../worker/domain/certification';
import { formatDate } from '../../../worker/domain/time';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';

export interface ProvinceOption {
  value: string;
  label: string;
}

interface CertificationTableProps {
  ctx: PageContext;
  caption: string;
  rows: CertificationListRow[];
  /** Province name by code, in the page's language. */
  provinceNames: ReadonlyMap<string, string>;
  today: string;
  /** Administrators get a revoke link on every certification still in force. */
  revocable: boolean;
}

/** Certifications as a table; on a phone each row stacks into labelled lines (see .admin-table.stacked). */
export function CertificationTable({ ctx, caption, rows, provinceNames, today, revocable }: CertificationTableProps) {
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
          const status = shownStatus(row, today);
          const validUntil = shownValidUntil(row);
          return (
            <tr id={`certification-${row.id}`}>
              <td data-label={tl.product}>
                <a href={localHref(ctx, `/products/${row.productSlug}`)}>{row.productName}</a>
              </td>
              <td data-label={tl.producer}>{row.producerName}</td>
              <td data-label={tl.province}>{provinceNames.get(row.provinceCode) ?? row.provinceCode}</td>
              <td data-label={tl.stars}>
                {row.stars >= MIN_CERTIFIED_STARS
                  ? t.certification.starsShort(row.stars)
                  : t.certification.belowThreshold(row.stars)}
              </td>
              <td data-label={tl.score} class="num">
                {t.adminCertifications.score(row.score)}
              </td>
              <td data-label={tl.level}>{t.certification.levels[row.level]}</td>
              <td data-label={tl.decision}>{tl.decisionOn(row.decisionNumber, formatDate(row.decisionDate))}</td>
              <td data-label={tl.validUntil}>
                {validUntil ? <time datetime={validUntil}>{formatDate(validUntil)}</time> : '—'}
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
