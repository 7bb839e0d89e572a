/**
 * Turns an ingest body (a CSV file or a JSON array) into rows for
 * ingestCertifications, shared by the API and the admin upload page. A
 * problem with the file as a whole (encoding, quoting, header, size) is a
 * 4xx naming it; problems of single rows are reported per row instead.
 */
import type { Messages } from '../../web/messages';
import { mapHeader, rowToRecord } from '../domain/certification-csv';
import type { RawRecord } from '../domain/certification-record';
import { decodeCsvBytes, parseCsv } from '../domain/csv';
import type { IngestRow } from '../data/certification-ingest';
import { AppError } from './errors';

/** Larger files are refused with 413: split them. A 10,000-row council file is about 3 MB. */
export const MAX_INGEST_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 10_000;
export const MAX_JSON_RECORDS = 5_000;

const fileProblem = (t: Messages, message: string, field = 'body') =>
  new AppError('validation_failed', { issues: [{ field, message }] });

export function csvIngestRows(bytes: Uint8Array, t: Messages): IngestRow[] {
  const f = t.ingest.file;
  if (bytes.byteLength > MAX_INGEST_BYTES)
    throw new AppError('payload_too_large', { detail: f.tooLarge(MAX_INGEST_BYTES / 1024 / 1024) });
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) throw fileProblem(t, decoded.error.code === 'encoding' ? f.encoding : f.empty);
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) {
    const { code, line } = parsed.error;
    if (code === 'unterminated_quote' || code === 'stray_quote') throw fileProblem(t, f[code](line), `line ${line}`);
    throw fileProblem(t, code === 'encoding' ? f.encoding : f.empty);
  }
  if (parsed.rows.length > MAX_CSV_ROWS)
    throw new AppError('payload_too_large', { detail: f.tooManyRows(MAX_CSV_ROWS) });
  const header = mapHeader(parsed.header);
  if (!header.ok) {
    throw new AppError('validation_failed', {
      issues: header.issues.map((issue) => ({ field: issue.column, message: f[issue.rule] })),
    });
  }
  return parsed.rows.map((row) => ({ position: row.line, ...rowToRecord(header.fields, row) }));
}

export function jsonIngestRows(records: RawRecord[]): IngestRow[] {
  return records.map((raw, index) => ({ position: index, raw }));
}
