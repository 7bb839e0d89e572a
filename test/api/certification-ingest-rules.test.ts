/**
 * The ingest rules of issue 13, each through the API as JSON and as CSV:
 * producers identified by tax code, revocations that stand, validity and
 * criteria a decision date allows, and what people read afterwards.
 */
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { certifications, producers, products } from '../../db/schema';
import { testDb, uniqueSuffix } from '../support/factories';
import { fetchApp, getJson, uniqueWord } from '../support/http';
import {
  councilRecord,
  createApiToken,
  postIngest,
  recordsCsv,
  uniqueTaxCode,
  type IngestReport,
} from '../support/ingest';

let secret: string;
beforeAll(async () => {
  secret = (await createApiToken()).secret;
});

type Form = 'json' | 'csv';
const FORMS: Form[] = ['json', 'csv'];

async function ingest(form: Form, records: Record<string, unknown>[]) {
  const response =
    form === 'json'
      ? await postIngest(JSON.stringify(records), 'application/json', secret)
      : await postIngest(recordsCsv(records), 'text/csv; charset=utf-8', secret);
  expect(response.status).toBe(200);
  return response.json<IngestReport>();
}

const outcomes = (report: IngestReport) => report.results.map((result) => result.outcome);
const errorsOf = (report: IngestReport) => report.results.map((result) => result.errors?.map((e) => [e.field, e.code]));

const certificationsOf = (decisionNumber: string) =>
  testDb().select().from(certifications).where(eq(certifications.decisionNumber, decisionNumber));

async function producerOf(productSlug: string) {
  const [row] = await testDb()
    .select({ id: producers.id, taxCode: producers.taxCode, name: producers.name })
    .from(products)
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(eq(products.slug, productSlug));
  return row!;
}

const searched = async (q: string) =>
  (await getJson<{ data: { slug: string; stars: number }[] }>(`/api/v1/products?q=${encodeURIComponent(q)}`)).body.data;

interface ProductJson {
  standing: { state: string; reason: string | null; since: string | null; certification: { stars: number } | null };
  certification_history: { stars: number; decision_number: string; status: string; valid_until: string | null }[];
}
const productJson = async (slug: string) => (await getJson<ProductJson>(`/api/v1/products/${slug}`)).body;
const productPage = async (slug: string) => (await fetchApp(`/products/${slug}`)).text();

describe.each(FORMS)('producers are identified by tax code (%s)', (form) => {
  it('keeps two producers of the same name apart when their tax codes differ, and says so', async () => {
    const [first, second] = form === 'json' ? ['3600003331', '3600003332'] : [uniqueTaxCode(), uniqueTaxCode()];
    const word = uniqueWord();
    const same = { producer_name: `HTX Trùng Tên Thử ${word}`, product_code: null, product_name: `Bưởi ${word}` };
    const a = councilRecord({ ...same, tax_code: first, decision_date: '2025-08-15' });
    const b = councilRecord({ ...same, tax_code: second, decision_date: '2025-09-15', stars: 3, score: 65 });
    const report = await ingest(form, [a, b]);

    expect(outcomes(report)).toEqual(['created', 'created']);
    const [productA, productB] = report.results.map((result) => result.product!);
    expect(productA).not.toBe(productB);
    expect((await producerOf(productA!)).taxCode).toBe(first);
    expect((await producerOf(productB!)).taxCode).toBe(second);
    expect(report.results[0]!.notices).toBeUndefined();
    expect(report.results[1]!.notices).toEqual([
      { field: 'tax_code', code: 'producer_name_taken', message: expect.stringContaining(first!) },
    ]);
    // Neither decision supersedes the other: each is its own producer's certificate.
    expect((await certificationsOf(a.decision_number))[0]!.status).toBe('active');
    expect((await certificationsOf(b.decision_number))[0]!.status).toBe('active');
    expect((await searched(word)).map((p) => [p.slug, p.stars]).sort()).toEqual(
      [
        [productA, 4],
        [productB, 3],
      ].sort(),
    );

    // Without a tax code the shared name says nothing about which producer is meant.
    const unnamed = councilRecord({ ...same, tax_code: null });
    const ambiguous = await ingest(form, [unnamed]);
    expect(errorsOf(ambiguous)).toEqual([[['tax_code', 'producer_ambiguous']]]);
    expect(ambiguous.results[0]!.errors![0]!.message).toContain(`${first}, ${second}`);
    expect(await certificationsOf(unnamed.decision_number)).toEqual([]);
  });

  it('never attaches other tax codes to a branch of the same name; the branch code finds the branch', async () => {
    const word = uniqueWord();
    const name = `Công ty Cổ phần Thử ${word}`;
    const branchCode = `${uniqueTaxCode()}-123`;
    const others = form === 'json' ? ['3600000909', '3600000919', '0000000000'] : [1, 2, 3].map(uniqueTaxCode);
    const parentCode = branchCode.slice(0, 10);
    const branch = councilRecord({ producer_name: name, producer_kind: 'enterprise', tax_code: branchCode });
    const [created] = (await ingest(form, [branch])).results;
    const branchProducer = await producerOf(created!.product!);
    expect(branchProducer.taxCode).toBe(branchCode);

    const report = await ingest(form, [
      ...[...others, parentCode].map((taxCode) =>
        councilRecord({ producer_name: name, producer_kind: 'enterprise', tax_code: taxCode }),
      ),
      councilRecord({ producer_name: 'Chi nhánh, tên viết khác', producer_kind: 'enterprise', tax_code: branchCode }),
    ]);
    expect(outcomes(report)).toEqual(Array(5).fill('created'));
    const owners = await Promise.all(report.results.map((result) => producerOf(result.product!)));
    expect(owners.map((owner) => owner.taxCode)).toEqual([...others, parentCode, branchCode]);
    expect(owners.slice(0, 4).every((owner) => owner.id !== branchProducer.id)).toBe(true);
    expect(owners[4]!.id).toBe(branchProducer.id);
    expect(report.results.slice(0, 4).map((result) => result.notices?.[0]?.code)).toEqual(
      Array(4).fill('producer_name_taken'),
    );
    expect(report.results[4]!.notices).toBeUndefined();
  });
});

describe.each(FORMS)('a revocation stands until a newer decision certifies again (%s)', (form) => {
  const revocation = { status: 'revoked', revocation_reason: 'Vi phạm chất lượng', revocation_decision: '455/QĐ-UBND' };

  it('answers unchanged with the reason when the original record is sent again, and the product stays out', async () => {
    const original = councilRecord();
    const [created] = (await ingest(form, [original])).results;
    expect(outcomes(await ingest(form, [{ ...original, ...revocation }]))).toEqual(['updated']);

    const replay = await ingest(form, [original]);
    expect(replay.summary).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
    expect(replay.results[0]!.notices).toEqual([
      { field: 'status', code: 'revocation_stands', message: expect.stringContaining('455/QĐ-UBND') },
    ]);
    expect((await certificationsOf(original.decision_number))[0]).toMatchObject({
      status: 'revoked',
      statusReason: 'Vi phạm chất lượng',
      revocationDecision: '455/QĐ-UBND',
    });
    expect(await searched(original.product_name)).toEqual([]);
    expect((await productJson(created!.product!)).standing).toMatchObject({ state: 'lapsed', reason: 'revoked' });
  });

  it('records an older decision sent after the revocation as superseded: it never stands in for the revoked one', async () => {
    const revoked = councilRecord({ decision_date: '2025-09-01', ...revocation });
    const older = { ...revoked, decision_number: `${revoked.decision_number}-OLD`, decision_date: '2025-08-01' };
    delete (older as Record<string, unknown>).status;
    delete (older as Record<string, unknown>).revocation_reason;
    delete (older as Record<string, unknown>).revocation_decision;
    const report = await ingest(form, [revoked, older]);
    expect(outcomes(report)).toEqual(['created', 'created']);
    expect((await certificationsOf(older.decision_number))[0]!.status).toBe('superseded');
    expect(await searched(revoked.product_name)).toEqual([]);
    expect((await productJson(report.results[0]!.product!)).standing.state).toBe('lapsed');
  });

  it('lists the product again for a newer decision, and keeps the revoked one in the history', async () => {
    const original = councilRecord({ decision_date: '2025-08-01' });
    await ingest(form, [original]);
    await ingest(form, [{ ...original, ...revocation }]);
    const newer = {
      ...original,
      decision_number: `${original.decision_number}-NEW`,
      decision_date: '2025-11-01',
      stars: 3,
      score: 66,
    };
    const [result] = (await ingest(form, [newer])).results;
    expect(result!.outcome).toBe('created');
    expect((await searched(original.product_name)).map((p) => p.stars)).toEqual([3]);
    const json = await productJson(result!.product!);
    expect(json.standing).toMatchObject({ state: 'certified', certification: { stars: 3 } });
    expect(json.certification_history.map((h) => [h.decision_number, h.status])).toEqual([
      [newer.decision_number, 'active'],
      [original.decision_number, 'revoked'],
    ]);
  });
});

describe.each(FORMS)('validity and criteria the decision date allows (%s)', (form) => {
  it('refuses a valid-until date more than 36 months after the decision, naming the field', async () => {
    const tooLong = councilRecord({ decision_date: '2022-12-01', group: 'food', valid_until: '2035-01-01' });
    const lastDay = councilRecord({ decision_date: '2022-12-01', group: 'food', valid_until: '2025-12-01' });
    const dayAfter = councilRecord({ decision_date: '2022-12-01', group: 'food', valid_until: '2025-12-02' });
    const report = await ingest(form, [tooLong, lastDay, dayAfter]);
    expect(outcomes(report)).toEqual(['rejected', 'created', 'rejected']);
    expect(errorsOf(report)[0]).toEqual([['valid_until', 'valid_until_too_late']]);
    expect(report.results[0]!.errors![0]!.message).toContain('2025-12-01');
    expect(await certificationsOf(tooLong.decision_number)).toEqual([]);
    expect((await certificationsOf(lastDay.decision_number))[0]!.validUntil).toBe('2025-12-01');
  });

  it('refuses a criteria version not in force on the decision date', async () => {
    const before148 = councilRecord({ decision_date: '2021-06-10', criteria_version: '148' });
    const eve = councilRecord({ decision_date: '2023-02-23', criteria_version: '148' });
    const first148 = councilRecord({
      decision_date: '2023-02-24',
      criteria_version: '148',
      level: 'district',
      issuing_body: 'UBND huyện Vĩnh Cửu',
      stars: 3,
      score: 62,
    });
    const after1048 = councilRecord({ decision_date: '2024-03-10', criteria_version: '1048', group: '1048.food' });
    const report = await ingest(form, [before148, eve, first148, after1048]);
    expect(outcomes(report)).toEqual(['rejected', 'rejected', 'created', 'rejected']);
    for (const index of [0, 1, 3]) {
      expect(errorsOf(report)[index]).toEqual([['criteria_version', 'criteria_not_in_force']]);
    }
    expect(report.results[0]!.errors![0]!.message).toContain('1048/QĐ-TTg');
  });

  it('reports an impossible decision date alone, not an unknown group beside it', async () => {
    const report = await ingest(form, [councilRecord({ decision_date: '31/02/2025', group: 'food' })]);
    expect(errorsOf(report)).toEqual([[['decision_date', 'invalid_date']]]);
  });
});

describe('what people read after an ingest', () => {
  it('shows a 1 or 2 star result as not certified, with no valid-until date, in the JSON and on the page', async () => {
    const record = councilRecord({ stars: 2, score: 45 });
    const [result] = (await ingest('csv', [record])).results;
    const json = await productJson(result!.product!);
    expect(json.standing.state).toBe('uncertified');
    expect(json.certification_history).toEqual([
      expect.objectContaining({ stars: 2, status: 'not_certified', valid_until: null }),
    ]);
    const html = await productPage(result!.product!);
    expect(html).toContain('2 sao: chưa đạt chứng nhận OCOP');
    expect(html).toContain('Không phải chứng nhận OCOP (dưới 3 sao)');
    expect(html).not.toContain('Còn hiệu lực');
    expect(html).not.toContain('Hiệu lực đến');
  });

  it('dates a revocation at 20:00 UTC by the next day, the day it was in Vietnam', async () => {
    const record = councilRecord({
      status: 'revoked',
      revocation_reason: 'Vi phạm',
      revocation_decision: `9/QĐ-UBND-${uniqueSuffix()}`,
    });
    const [result] = (await ingest('json', [record])).results;
    await testDb()
      .update(certifications)
      .set({ statusChangedAt: '2025-09-01T20:00:00.000Z' })
      .where(inArray(certifications.decisionNumber, [record.decision_number]));
    expect((await productJson(result!.product!)).standing).toMatchObject({ reason: 'revoked', since: '2025-09-02' });
    expect(await productPage(result!.product!)).toContain('đã bị thu hồi từ ngày 02/09/2025');
  });
});
