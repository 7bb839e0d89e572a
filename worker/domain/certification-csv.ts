/**
 * Council results as CSV: the header names columns in English (the record's
 * field names) or in Vietnamese, as provincial OCOP offices write them. Pure.
 */
import { RECORD_FIELDS, type RawRecord, type RecordField, type RecordIssue } from './certification-record';
import type { CsvRow } from './csv';
import { foldVietnamese } from './text';

/** Vietnamese column names, folded (accents and case removed, spaces to underscores). */
export const VIETNAMESE_HEADERS: Record<RecordField, readonly string[]> = {
  decision_number: ['so_quyet_dinh'],
  decision_date: ['ngay_quyet_dinh'],
  issuing_body: ['co_quan_ban_hanh', 'co_quan_cong_nhan'],
  level: ['cap', 'cap_cong_nhan'],
  criteria_version: ['bo_tieu_chi'],
  producer_name: ['ten_chu_the'],
  producer_kind: ['loai_chu_the', 'loai_hinh_chu_the'],
  tax_code: ['ma_so_thue'],
  province_code: ['ma_tinh'],
  commune_code: ['ma_xa'],
  product_code: ['ma_san_pham'],
  product_name: ['ten_san_pham'],
  group: ['nhom', 'nhom_san_pham'],
  subgroup: ['phan_nhom'],
  score: ['diem', 'tong_diem'],
  stars: ['so_sao', 'hang_sao'],
  part_a: ['diem_phan_a'],
  part_b: ['diem_phan_b'],
  part_c: ['diem_phan_c'],
  valid_until: ['hieu_luc_den', 'ngay_het_hieu_luc'],
  status: ['trang_thai'],
  revocation_reason: ['ly_do_thu_hoi'],
  revocation_decision: ['quyet_dinh_thu_hoi', 'so_quyet_dinh_thu_hoi'],
};

/** Columns without which no row could hold; product_code or product_name is checked per row. */
export const REQUIRED_COLUMNS: readonly RecordField[] = [
  'decision_number',
  'decision_date',
  'issuing_body',
  'level',
  'producer_name',
  'producer_kind',
  'province_code',
  'group',
  'score',
  'stars',
];

const headerKey = (header: string) => foldVietnamese(header).replace(/ /g, '_');

const HEADER_FIELDS: ReadonlyMap<string, RecordField> = new Map([
  ...RECORD_FIELDS.map((field) => [field, field] as const),
  ...RECORD_FIELDS.flatMap((field) => VIETNAMESE_HEADERS[field].map((name) => [name, field] as const)),
]);

export type HeaderIssueRule = 'unknown_column' | 'duplicate_column' | 'missing_column';

export interface HeaderIssue {
  column: string;
  rule: HeaderIssueRule;
}

/** The record field of each column, or every problem of the header. */
export function mapHeader(
  header: readonly string[],
): { ok: true; fields: RecordField[] } | { ok: false; issues: HeaderIssue[] } {
  const issues: HeaderIssue[] = [];
  const fields: RecordField[] = [];
  for (const column of header) {
    const field = HEADER_FIELDS.get(headerKey(column));
    if (!field) issues.push({ column, rule: 'unknown_column' });
    else if (fields.includes(field)) issues.push({ column, rule: 'duplicate_column' });
    else fields.push(field);
  }
  for (const field of REQUIRED_COLUMNS) {
    if (!fields.includes(field)) issues.push({ column: field, rule: 'missing_column' });
  }
  if (!fields.includes('product_code') && !fields.includes('product_name'))
    issues.push({ column: 'product_name', rule: 'missing_column' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, fields };
}

/** A CSV row as a raw record; a row with too few or too many cells is reported rather than guessed at. */
export function rowToRecord(fields: readonly RecordField[], row: CsvRow): { raw: RawRecord; issues: RecordIssue[] } {
  const raw: RawRecord = {};
  fields.forEach((field, index) => {
    const cell = row.fields[index];
    if (cell !== undefined && cell !== '') raw[field] = cell;
  });
  const issues: RecordIssue[] = [];
  if (row.fields.length < fields.length)
    issues.push({ field: fields[row.fields.length]!, rule: 'missing_cells', params: { expected: fields.length } });
  if (row.fields.length > fields.length)
    issues.push({ field: `#${fields.length + 1}`, rule: 'extra_cells', params: { expected: fields.length } });
  return { raw, issues };
}
