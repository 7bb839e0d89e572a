import { certificationLevels, certificationStatuses } from '../../../db/schema';
import { STAR_FILTERS, type CertificationFilter } from '../../../worker/domain/certification';
import type { PageContext } from '../../page-context';
import { AdminPager, AdminShell } from './AdminShell';
import { CertificationTable, type CertificationRowView, type ProvinceOption } from './CertificationTable';

interface CertificationsPageProps {
  ctx: PageContext;
  rows: CertificationRowView[];
  total: number;
  filter: CertificationFilter;
  provinces: ProvinceOption[];
  page: number;
  hasNext: boolean;
  /** The export stops after this many rows. */
  exportCap: number;
  /** A revocation just went through (the redirect after POST …/revoke says so). */
  revoked: boolean;
}

export function CertificationsPage({
  ctx,
  rows,
  total,
  filter,
  provinces,
  page,
  hasNext,
  exportCap,
  revoked,
}: CertificationsPageProps) {
  const { t } = ctx;
  const tl = t.adminCertifications.list;
  // The notice belongs to the redirect it came with, not to the pages and the export reached from here.
  const listUrl = new URL(ctx.url);
  listUrl.searchParams.delete('revoked');
  const exportUrl = new URL(listUrl);
  exportUrl.pathname = '/admin/certifications.csv';
  exportUrl.searchParams.delete('page');
  const starLabel = (stars: (typeof STAR_FILTERS)[number]) =>
    stars === '1-2' ? tl.belowThreshold : tl.starsOption(Number(stars));
  return (
    <AdminShell ctx={ctx} role="admin" section="certifications" title={tl.title}>
      {revoked ? (
        <p class="alert alert-success" role="status">
          {tl.revoked}
        </p>
      ) : null}
      <p>{tl.intro}</p>
      <form method="get" action="/admin/certifications" class="admin-filters">
        <div class="field">
          <label for="province">{tl.province}</label>
          <select id="province" name="province">
            <option value="">{t.admin.any}</option>
            {provinces.map((province) => (
              <option value={province.value} selected={filter.province === province.value}>
                {province.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="stars">{tl.stars}</label>
          <select id="stars" name="stars">
            <option value="">{t.admin.any}</option>
            {STAR_FILTERS.map((stars) => (
              <option value={stars} selected={filter.stars === stars}>
                {starLabel(stars)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="level">{tl.level}</label>
          <select id="level" name="level">
            <option value="">{t.admin.any}</option>
            {certificationLevels.map((level) => (
              <option value={level} selected={filter.level === level}>
                {t.certification.levels[level]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="status">{tl.status}</label>
          <select id="status" name="status">
            <option value="">{t.admin.any}</option>
            {certificationStatuses.map((status) => (
              <option value={status} selected={filter.status === status}>
                {t.certification.statuses[status]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="expiring">{tl.expiring}</label>
          <input
            id="expiring"
            name="expiring"
            type="number"
            inputmode="numeric"
            min="0"
            max="3650"
            value={filter.expiringWithinDays?.toString() ?? ''}
            aria-describedby="expiring-hint"
          />
          <p class="hint" id="expiring-hint">
            {tl.expiringHint}
          </p>
        </div>
        <button type="submit" class="button">
          {t.admin.filter}
        </button>
      </form>
      <p>
        {tl.total(total)} · <a href={`${exportUrl.pathname}${exportUrl.search}`}>{tl.exportCsv(exportCap)}</a>
      </p>
      {total > exportCap ? <p class="notice">{tl.exportCapped(total, exportCap)}</p> : null}
      {rows.length === 0 ? <p>{tl.none}</p> : <CertificationTable ctx={ctx} caption={tl.title} rows={rows} revocable />}
      <AdminPager ctx={ctx} url={listUrl} page={page} hasNext={hasNext} />
    </AdminShell>
  );
}
