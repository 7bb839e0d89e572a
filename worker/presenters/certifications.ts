/**
 * Ingest results and certification rows: what the certification admin pages show and hand out as
 * CSV, and the ingest report the API answers.
 */
import type { Locale, Messages } from '../../web/messages';
import type { OverviewView } from '../../web/pages/admin/CertificationOverviewPage';
import type { CertificationRowView } from '../../web/pages/admin/CertificationTable';
import type { IngestReportView, ReportRowView } from '../../web/pages/admin/CertificationReportPage';
import type { IngestResult, IngestRow } from '../data/certification-ingest';
import type { CertificationExportRow, CertificationListRow, loadProgrammeOverview } from '../data/certifications';
import { catalogueGroupCodes } from '../domain/catalogue';
import { MIN_CERTIFIED_STARS, shownStatus, shownValidUntil } from '../domain/certification';
import type { IngestOutcome } from '../domain/certification-ingest';
import { RECORD_FIELDS, type RawRecord } from '../domain/certification-record';
import { writeCsv } from '../domain/csv';
import { formatDate } from '../domain/time';
import { provinceName, provinceOptions } from './catalogue';

const cellOf = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** `rows` and `results` are parallel: ingestCertifications answers one result per row, in order. */
export function ingestReportView(rows: IngestRow[], results: IngestResult[], t: Messages): IngestReportView {
  const summary: Record<IngestOutcome, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejected: { raw: RawRecord; errors: string }[] = [];
  const view = results.map((result, index): ReportRowView => {
    summary[result.outcome] += 1;
    const raw = rows[index]?.raw ?? {};
    const issues = (result.issues ?? []).map((issue) => ({
      field: issue.field,
      message: t.ingest.rules[issue.rule](issue.params ?? {}),
    }));
    const notices = (result.notices ?? []).map((notice) => ({
      field: notice.field,
      message: t.ingest.notices[notice.notice](notice.params ?? {}),
    }));
    if (result.outcome === 'rejected') {
      rejected.push({ raw, errors: issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ') });
    }
    const name = typeof raw.product_name === 'string' ? raw.product_name : undefined;
    return {
      line: result.position,
      outcome: result.outcome,
      ...(result.product ? { product: { slug: result.product, name: name ?? result.product } } : {}),
      issues,
      notices,
    };
  });
  // The template's own column names, so the fixed file uploads again once the errors column is gone.
  const rejectedCsv =
    rejected.length === 0
      ? null
      : writeCsv([
          [...RECORD_FIELDS, 'errors'],
          ...rejected.map(({ raw, errors }) => [...RECORD_FIELDS.map((field) => cellOf(raw[field])), errors]),
        ]);
  return { summary, rows: view, rejectedCsv };
}

const EXPORT_COLUMNS = [
  'decisionNumber',
  'decisionDate',
  'issuingBody',
  'level',
  'criteriaVersion',
  'producer',
  'taxCode',
  'provinceCode',
  'province',
  'productCode',
  'product',
  'group',
  'stars',
  'score',
  'validUntil',
  'status',
  'statusReason',
  'revocationDecision',
  'productUrl',
] as const satisfies readonly (keyof Messages['adminCertifications']['export'])[];

/** The exported list: one row per certification, labels in the page's language, dates as ISO dates. */
export function certificationsCsv(
  rows: CertificationExportRow[],
  t: Messages,
  locale: Locale,
  today: string,
  origin: string,
): string {
  const groupName = (code: string) => (t.catalogue.groups as Record<string, string>)[code] ?? code;
  const cells = (row: CertificationExportRow): Record<(typeof EXPORT_COLUMNS)[number], string | number | null> => ({
    decisionNumber: row.decisionNumber,
    decisionDate: row.decisionDate,
    issuingBody: row.issuingBody,
    level: t.certification.levels[row.level],
    criteriaVersion: row.criteriaVersion,
    producer: row.producerName,
    taxCode: row.taxCode,
    provinceCode: row.provinceCode,
    province: provinceName(row.provinceCode, locale),
    productCode: row.productCode,
    product: row.productName,
    group: groupName(row.groupCode),
    stars: row.stars,
    score: row.score,
    validUntil: shownValidUntil(row),
    status: t.certification.statuses[shownStatus(row, today)],
    statusReason: row.statusReason,
    revocationDecision: row.revocationDecision,
    productUrl: `${origin}/products/${row.productSlug}`,
  });
  return writeCsv([
    EXPORT_COLUMNS.map((column) => t.adminCertifications.export[column]),
    ...rows.map((row) => {
      const values = cells(row);
      return EXPORT_COLUMNS.map((column) => values[column]);
    }),
  ]);
}

type Overview = Awaited<ReturnType<typeof loadProgrammeOverview>>;

/** Every province, group and certified star band, zeros included, so a missing one reads as none rather than forgotten. */
export function overviewView(data: Overview, t: Messages, locale: Locale): OverviewView {
  const byProvince = provinceOptions(locale)
    .map((province) => ({ label: province.label, value: data.byProvince.get(province.value) ?? 0 }))
    .sort((a, b) => b.value - a.value);
  const byGroup = catalogueGroupCodes.map((code) => ({
    label: t.catalogue.groups[code],
    value: data.byGroup.get(code) ?? 0,
  }));
  const byStars = [5, 4, 3].map((stars) => ({
    label: t.adminCertifications.list.starsOption(stars),
    value: data.byStars.get(String(stars)) ?? 0,
  }));
  return { total: byStars.reduce((sum, bar) => sum + bar.value, 0), byProvince, byGroup, byStars };
}

export function presentIngestReport(results: IngestResult[], form: 'csv' | 'json', t: Messages) {
  const summary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const result of results) summary[result.outcome] += 1;
  return {
    summary,
    results: results.map((result) => ({
      ...(form === 'csv' ? { row: result.position } : { index: result.position }),
      outcome: result.outcome,
      ...(result.product ? { product: result.product } : {}),
      ...(result.issues
        ? {
            errors: result.issues.map((issue) => ({
              field: issue.field,
              code: issue.rule,
              message: t.ingest.rules[issue.rule](issue.params ?? {}),
            })),
          }
        : {}),
      ...(result.notices
        ? {
            notices: result.notices.map((notice) => ({
              field: notice.field,
              code: notice.notice,
              message: t.ingest.notices[notice.notice](notice.params ?? {}),
            })),
          }
        : {}),
    })),
  };
}

/** One council result as the administration's tables and revoke form show it. */
export function toCertificationRowView(row: CertificationListRow, locale: Locale, today: string): CertificationRowView {
  const validUntil = shownValidUntil(row);
  return {
    id: row.id,
    productSlug: row.productSlug,
    productName: row.productName,
    producerName: row.producerName,
    provinceName: provinceName(row.provinceCode, locale),
    stars: row.stars,
    certifies: row.stars >= MIN_CERTIFIED_STARS,
    score: row.score,
    level: row.level,
    decisionNumber: row.decisionNumber,
    decisionDate: formatDate(row.decisionDate),
    issuingBody: row.issuingBody,
    validUntil: validUntil ? { iso: validUntil, text: formatDate(validUntil) } : null,
    status: shownStatus(row, today),
    statusReason: row.statusReason,
  };
}
