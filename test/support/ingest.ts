import { apiTokens } from '../../db/schema';
import { randomToken } from '../../worker/crypto/random';
import { sha256Hex } from '../../worker/crypto/digest';
import { RECORD_FIELDS } from '../../worker/domain/certification-record';
import { writeCsv } from '../../worker/domain/csv';
import { testDb, uniqueSuffix } from './factories';
import { fetchApp, uniqueWord } from './http';

/** An API token as an administrator would create it; certifications:write unless overridden. */
export async function createApiToken(overrides: Partial<typeof apiTokens.$inferInsert> = {}) {
  const secret = `ocop_${randomToken()}`;
  const [row] = await testDb()
    .insert(apiTokens)
    .values({
      name: `test ${uniqueSuffix()}`,
      prefix: secret.slice(0, 11),
      tokenHash: await sha256Hex(secret),
      scopes: ['certifications:write'],
      ...overrides,
    })
    .returning();
  return { secret, id: row!.id };
}

export interface IngestIssue {
  field: string;
  code: string;
  message: string;
}
export interface IngestReport {
  summary: { created: number; updated: number; unchanged: number; rejected: number };
  results: {
    index?: number;
    row?: number;
    outcome: string;
    product?: string;
    errors?: IngestIssue[];
    notices?: IngestIssue[];
  }[];
}

export const INGEST_PATH = '/api/v1/admin/certifications';

export function postIngest(body: BodyInit, contentType: string, secret: string) {
  return fetchApp(INGEST_PATH, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': contentType },
    body,
  });
}

/** A random, well-formed tax code, so tests never match each other's producers. */
export const uniqueTaxCode = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(10)), (byte) => String(byte % 10)).join('');

/** A valid 4-star provincial council result of a new producer and product, after the July 2025 reform. */
export function councilRecord(overrides: Record<string, unknown> = {}) {
  const word = uniqueWord();
  return {
    decision_number: `${Math.floor(Math.random() * 9000) + 1000}/QĐ-UBND-${uniqueSuffix()}`,
    decision_date: '2025-08-15',
    issuing_body: 'UBND tỉnh Đồng Nai',
    level: 'provincial',
    producer_name: `HTX Nông nghiệp ${word}`,
    producer_kind: 'cooperative',
    tax_code: uniqueTaxCode(),
    province_code: '75',
    commune_code: '26173',
    product_code: `SP-${uniqueSuffix()}`,
    product_name: `Mật ong ${word}`,
    group: '148.food',
    score: 78.5,
    stars: 4,
    ...overrides,
  };
}

/** Records as a council's CSV file: every column of the template, empty where a record has no value. */
export const recordsCsv = (records: Record<string, unknown>[]) =>
  writeCsv([
    [...RECORD_FIELDS],
    ...records.map((record) =>
      RECORD_FIELDS.map((field) =>
        record[field] === undefined || record[field] === null ? null : String(record[field]),
      ),
    ),
  ]);
