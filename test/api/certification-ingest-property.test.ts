import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { certifications } from '../../db/schema';
import { writeCsv } from '../../worker/domain/csv';
import { RECORD_FIELDS } from '../../worker/domain/certification-record';
import { testDb } from '../support/factories';
import { createApiToken, postIngest, type IngestReport } from '../support/ingest';

let secret: string;
beforeAll(async () => {
  secret = (await createApiToken()).secret;
});

let decisionCounter = 0;
/** Every record gets its own decision number, so each result can be checked against the table. */
const decisionNumber = () => `${++decisionCounter}/QĐ-PROP-${crypto.randomUUID().slice(0, 6)}`;

const cell = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom('2025-08-15', '15/08/2025', '2024-03-10', '2022-01-01', '31/02/2025'),
  fc.constantFrom('district', 'provincial', 'central', 'tỉnh', 'cooperative', 'household', 'HTX', 'revoked'),
  fc.constantFrom('75', '79', '26173', '148.food', 'food', '148.beverage', '3600123456', '60', '78.5', '3', '4', '5'),
  fc.constant(null),
);
const validBase = {
  decision_date: '2025-08-15',
  issuing_body: 'UBND tỉnh Đồng Nai',
  level: 'provincial',
  producer_name: 'HTX Thuộc tính',
  producer_kind: 'cooperative',
  province_code: '75',
  product_name: 'Sản phẩm thuộc tính',
  group: '148.food',
  score: 80,
  stars: 4,
};
const arbitraryRecord = fc
  .record(Object.fromEntries(RECORD_FIELDS.map((field) => [field, cell])), { requiredKeys: [] })
  .chain((overrides) =>
    fc
      .boolean()
      .map((fromValid) => ({ ...(fromValid ? validBase : {}), ...overrides, decision_number: decisionNumber() })),
  );

/** No producer without a product, no product without a certification: what a half-applied row would leave. */
async function expectNoPartialRows() {
  const [orphans] = await testDb().all<{ products: number; producers: number }>(sql`SELECT
      (SELECT count(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM certifications c WHERE c.product_id = p.id)) AS products,
      (SELECT count(*) FROM producers r WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.producer_id = r.id)) AS producers`);
  expect(orphans).toEqual({ products: 0, producers: 0 });
}

async function expectResultsMatchTable(records: Record<string, unknown>[], report: IngestReport) {
  const numbers = records.map((r) => r.decision_number as string);
  const stored = await testDb()
    .select({ decisionNumber: certifications.decisionNumber })
    .from(certifications)
    .where(sql`${certifications.decisionNumber} IN (SELECT value FROM json_each(${JSON.stringify(numbers)}))`);
  const storedNumbers = new Set(stored.map((row) => row.decisionNumber));
  report.results.forEach((result, index) => {
    expect(storedNumbers.has(numbers[index]!), `${result.outcome} ${JSON.stringify(result.errors)}`).toBe(
      result.outcome !== 'rejected',
    );
  });
}

describe('the ingest on arbitrary input (property)', () => {
  it('answers JSON records with a report or a 400, never a 500, and writes exactly the accepted rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryRecord, { maxLength: 6 }), async (records) => {
        const response = await postIngest(JSON.stringify(records), 'application/json', secret);
        expect([200, 400]).toContain(response.status);
        if (response.status === 200) {
          const report = await response.json<IngestReport>();
          expect(report.results).toHaveLength(records.length);
          await expectResultsMatchTable(records, report);
        }
        await expectNoPartialRows();
      }),
      { numRuns: 60 },
    );
  });

  it('answers CSV built from the same records the same way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryRecord, { minLength: 1, maxLength: 6 }), async (records) => {
        const rows = records.map((r: Record<string, unknown>) =>
          RECORD_FIELDS.map((field) => (r[field] === null ? '' : (r[field] as string | number | undefined))),
        );
        const response = await postIngest(writeCsv([[...RECORD_FIELDS], ...rows]), 'text/csv', secret);
        expect(response.status).toBe(200);
        const report = await response.json<IngestReport>();
        expect(report.results).toHaveLength(records.length);
        await expectResultsMatchTable(records, report);
        await expectNoPartialRows();
      }),
      { numRuns: 40 },
    );
  });

  it('never answers 500 to arbitrary text posted as CSV', async () => {
    const header = RECORD_FIELDS.join(',');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((body) => `${header}\n${body}`),
        ),
        async (text) => {
          const response = await postIngest(text, 'text/csv', secret);
          expect([200, 400]).toContain(response.status);
        },
      ),
      { numRuns: 150 },
    );
    await expectNoPartialRows();
  });
});
