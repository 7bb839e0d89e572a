import { env } from 'cloudflare:workers';
import { inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { certifications } from '../../db/schema';
import { writeCsv } from '../../worker/domain/csv';
import { RECORD_FIELDS } from '../../worker/domain/certification-record';
import { testDb, uniqueSuffix } from '../support/factories';
import { createApiToken, postIngest, uniqueTaxCode, type IngestReport } from '../support/ingest';

let secret: string;
beforeAll(async () => {
  secret = (await createApiToken()).secret;
});

const postCsv = (body: BodyInit) => postIngest(body, 'text/csv; charset=utf-8', secret);

async function ingestCsv(body: BodyInit) {
  const response = await postCsv(body);
  expect(response.status).toBe(200);
  return response.json<IngestReport>();
}

async function expectFileProblem(body: BodyInit, status: number, field?: string) {
  const response = await postCsv(body);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = await response.json<{ errors?: { field: string; message: string }[] }>();
  if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
  return problem;
}

const HEADER =
  'decision_number,decision_date,issuing_body,level,producer_name,producer_kind,tax_code,province_code,product_name,group,score,stars';

/** A CSV line of a valid 4-star provincial result with unique producer and decision. */
function line(overrides: Partial<Record<string, string>> = {}) {
  const suffix = uniqueSuffix();
  const cells = {
    decision_number: `${suffix}/QĐ-UBND`,
    decision_date: '2025-08-15',
    issuing_body: 'UBND tỉnh Đồng Nai',
    level: 'provincial',
    producer_name: `"HTX ${suffix}, Phú Lý"`,
    producer_kind: 'cooperative',
    tax_code: uniqueTaxCode(),
    province_code: '75',
    product_name: `Bưởi ${suffix}`,
    group: '148.food',
    score: '78.5',
    stars: '4',
    ...overrides,
  };
  return Object.values(cells).join(',');
}

const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';

describe('POST /api/v1/admin/certifications as CSV', () => {
  it('ingests the published templates, English and Vietnamese, and reports row numbers', async () => {
    for (const template of ['certifications.csv', 'certifications-vi.csv']) {
      const file = await env.ASSETS.fetch(`http://localhost/examples/${template}`);
      expect(file.status).toBe(200);
      const body = await file.arrayBuffer();
      const first = await ingestCsv(body);
      expect(first.summary.rejected, JSON.stringify(first.results)).toBe(0);
      expect(first.results[0]).toMatchObject({ row: 2 });
      const again = await ingestCsv(body);
      expect(again.results.every((r) => r.outcome === 'unchanged')).toBe(true);
    }
  });

  it('reads semicolons, a BOM, quoted fields with delimiters and line breaks, and decimal commas', async () => {
    const suffix = uniqueSuffix();
    const text =
      '\uFEFFSố quyết định;Ngày quyết định;Cơ quan ban hành;Cấp;Tên chủ thể;Loại chủ thể;Mã tỉnh;Tên sản phẩm;Nhóm;Điểm;Số sao\r\n' +
      `${suffix}/QĐ-UBND;15/08/2025;UBND tỉnh Đồng Nai;Tỉnh;"HTX ""Bình Lợi""; ${suffix}";HTX;75;"Bưởi da xanh\nloại 1 ${suffix}";food;78,5;4\r\n`;
    const report = await ingestCsv(new TextEncoder().encode(text));
    expect(report.results).toEqual([{ row: 2, outcome: 'created', product: expect.any(String) }]);
  });

  it('rejects a row with too few or too many cells and applies the others', async () => {
    const good = line();
    const report = await ingestCsv(csv(line() + ',extra', good, line().split(',').slice(0, 8).join(',')));
    expect(report.results.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'rejected'],
      [3, 'created'],
      [4, 'rejected'],
    ]);
    expect(report.results[0]!.errors!.map((e) => e.code)).toEqual(['extra_cells']);
    expect(report.results[2]!.errors!.map((e) => e.code)).toContain('missing_cells');
  });

  it('names unknown, repeated and missing columns with 400', async () => {
    const unknown = await expectFileProblem(`${HEADER},colour\r\n`, 400, 'colour');
    expect(unknown.errors).toHaveLength(1);
    await expectFileProblem(`${HEADER},score\r\n`, 400, 'score');
    await expectFileProblem(HEADER.replace(',stars', '') + '\r\n', 400, 'stars');
  });

  it('answers 400 for bad quoting, a wrong encoding and an empty file', async () => {
    await expectFileProblem(csv(line(), 'a,"unclosed'), 400, 'line 3');
    await expectFileProblem(csv('x"y,' + line()), 400, 'line 2');
    const latin1 = new Uint8Array([...new TextEncoder().encode(HEADER + '\r\n'), 0x42, 0xf0, 0x69]);
    await expectFileProblem(latin1, 400, 'body');
    await expectFileProblem('', 400, 'body');
    expect((await ingestCsv(HEADER + '\r\n')).results).toEqual([]);
  });

  it('answers 413 over 10,000 rows or 5 MB', async () => {
    const rows = Array.from({ length: 10_001 }, () => 'a,b,c,d,e,f,g,h,i,j,k,l');
    await expectFileProblem(csv(...rows), 413);
    await expectFileProblem(new Uint8Array(5 * 1024 * 1024 + 10_000).fill(0x61), 413);
  });

  it('ingests the same 1,000-row file twice without duplicates: all unchanged the second time', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) =>
      line({ score: String(50 + (i % 40)), stars: String(i % 40 >= 20 ? 4 : 3) }),
    );
    const numbers = lines.map((l) => l.split(',')[0]!);
    const body = csv(...lines);
    const first = await ingestCsv(body);
    expect(first.summary).toEqual({ created: 1000, updated: 0, unchanged: 0, rejected: 0 });
    const second = await ingestCsv(body);
    expect(second.summary).toEqual({ created: 0, updated: 0, unchanged: 1000, rejected: 0 });
    const [stored] = await testDb()
      .select({ count: sql<number>`count(*)` })
      .from(certifications)
      .where(inArray(certifications.decisionNumber, numbers.slice(0, 90)));
    expect(stored!.count).toBe(90);
    const [all] = await testDb()
      .select({ count: sql<number>`count(*)`, distinct: sql<number>`count(DISTINCT decision_number)` })
      .from(certifications)
      .where(sql`${certifications.decisionNumber} IN (SELECT value FROM json_each(${JSON.stringify(numbers)}))`);
    expect(all).toEqual({ count: 1000, distinct: 1000 });
  });

  it('documents every record field as a CSV column of the template', async () => {
    const file = await env.ASSETS.fetch('http://localhost/examples/certifications.csv');
    const header = (await file.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]!
      .split(',');
    expect(header).toEqual([...RECORD_FIELDS]);
    expect(writeCsv([header]).startsWith('\uFEFF')).toBe(true);
  });
});
