import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, certifications, producers, products } from '../../db/schema';
import { testDb, uniqueSuffix } from '../support/factories';
import { getJson } from '../support/http';
import { councilRecord, createApiToken, postIngest, type IngestReport } from '../support/ingest';

let secret: string;
beforeAll(async () => {
  secret = (await createApiToken()).secret;
});

const record = councilRecord;

async function ingest(records: unknown[]) {
  const response = await postIngest(JSON.stringify(records), 'application/json', secret);
  expect(response.status).toBe(200);
  return response.json<IngestReport>();
}

const certificationsOf = (decisionNumber: string) =>
  testDb().select().from(certifications).where(eq(certifications.decisionNumber, decisionNumber));

async function productOf(slug: string) {
  const [row] = await testDb().select().from(products).where(eq(products.slug, slug));
  return row!;
}

const listedSlugs = async (q: string) =>
  (await getJson<{ data: { slug: string; stars: number }[] }>(`/api/v1/products?q=${encodeURIComponent(q)}`)).body.data;

describe('POST /api/v1/admin/certifications: creating and matching', () => {
  it('creates an unclaimed listing that the catalogue shows at once', async () => {
    const r = record();
    const report = await ingest([r]);
    expect(report.summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0 });
    const [result] = report.results;
    expect(result).toMatchObject({ index: 0, outcome: 'created' });
    const product = await productOf(result!.product!);
    expect(product).toMatchObject({ price: null, stock: 0, producerCode: r.product_code, ocopStars: 4 });
    const [producer] = await testDb().select().from(producers).where(eq(producers.id, product.producerId));
    expect(producer).toMatchObject({ taxCode: r.tax_code, kind: 'cooperative', claimedAt: null, communeCode: '26173' });
    expect((await listedSlugs(r.product_name)).map((p) => p.slug)).toEqual([product.slug]);
    const [stored] = await certificationsOf(r.decision_number);
    expect(stored).toMatchObject({
      stars: 4,
      score: 78.5,
      level: 'provincial',
      criteriaVersion: '148',
      status: 'active',
    });
  });

  it('fills valid-until (decision date + 36 months) and the criteria version from the decision date', async () => {
    const recent = record({ decision_date: '15/08/2025' });
    const older = record({ decision_date: '2022-05-10', group: 'food', stars: 3, score: 65 });
    const report = await ingest([recent, older]);
    expect(report.results.map((r) => r.outcome)).toEqual(['created', 'created']);
    expect((await certificationsOf(recent.decision_number))[0]).toMatchObject({
      decisionDate: '2025-08-15',
      validUntil: '2028-08-15',
      criteriaVersion: '148',
    });
    const [old] = await certificationsOf(older.decision_number);
    expect(old).toMatchObject({ validUntil: '2025-05-10', criteriaVersion: '1048' });
    expect((await productOf(report.results[1]!.product!)).groupId).toBe('1048.food');
  });

  it('matches a producer by tax code, else by folded name within its province', async () => {
    const first = record();
    const sameTaxCode = record({ tax_code: first.tax_code, producer_name: 'Tên khác hẳn' });
    const noTaxCode = record({ tax_code: null, producer_name: 'HTX Bình Minh Phú Lý ' + uniqueSuffix() });
    const sameName = record({ tax_code: '', producer_name: noTaxCode.producer_name.toUpperCase() });
    const otherProvince = record({
      tax_code: null,
      producer_name: noTaxCode.producer_name,
      province_code: '79',
      commune_code: null,
    });
    const report = await ingest([first, sameTaxCode, noTaxCode, sameName, otherProvince]);
    expect(report.summary.created).toBe(5);
    const producerIds = await Promise.all(report.results.map(async (r) => (await productOf(r.product!)).producerId));
    expect(producerIds[1]).toBe(producerIds[0]);
    expect(producerIds[3]).toBe(producerIds[2]);
    expect(producerIds[4]).not.toBe(producerIds[2]);
  });

  it("matches a product by the producer's product code, else by folded name", async () => {
    const first = record();
    const byCode = record({
      tax_code: first.tax_code,
      product_code: first.product_code,
      product_name: 'Tên mới của sản phẩm',
      decision_number: `${first.decision_number}-2`,
      decision_date: '2025-09-01',
    });
    const byName = record({
      tax_code: first.tax_code,
      product_code: null,
      product_name: first.product_name.toLowerCase(),
      decision_number: `${first.decision_number}-3`,
      decision_date: '2025-10-01',
    });
    const report = await ingest([first, byCode, byName]);
    expect(report.results.map((r) => r.product)).toEqual(Array(3).fill(report.results[0]!.product));
  });
});

describe('POST /api/v1/admin/certifications: idempotency and corrections', () => {
  it('reports the same decision again as unchanged and writes nothing', async () => {
    const r = record();
    await ingest([r]);
    const again = await ingest([r, { ...r, decision_date: '15/08/2025', score: '78,5' }]);
    expect(again.results.map((x) => x.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(await certificationsOf(r.decision_number)).toHaveLength(1);
  });

  it('reports corrected fields as updated and audits them', async () => {
    const r = record();
    await ingest([r]);
    const report = await ingest([{ ...r, score: 82, issuing_body: 'Chủ tịch UBND tỉnh Đồng Nai' }]);
    expect(report.results[0]!.outcome).toBe('updated');
    const [stored] = await certificationsOf(r.decision_number);
    expect(stored).toMatchObject({ score: 82, issuingBody: 'Chủ tịch UBND tỉnh Đồng Nai' });
    const [entry] = await testDb()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'certification'),
          eq(auditLog.entityId, String(stored!.id)),
          eq(auditLog.action, 'certification.corrected'),
        ),
      );
    expect(entry).toMatchObject({
      actorTokenId: expect.any(Number),
      before: { score: 78.5, issuingBody: 'UBND tỉnh Đồng Nai' },
      after: { score: 82, issuingBody: 'Chủ tịch UBND tỉnh Đồng Nai' },
    });
  });
});

describe('POST /api/v1/admin/certifications: rules', () => {
  const rejection = async (overrides: Record<string, unknown>) => {
    const r = record(overrides);
    const [result] = (await ingest([r])).results;
    expect(result!.outcome).toBe('rejected');
    expect(await certificationsOf(r.decision_number)).toHaveLength(0);
    return result!.errors!.map((e) => [e.field, e.code]);
  };

  it('never records more stars than the band of the score', async () => {
    expect(await rejection({ score: 69.9, stars: 4 })).toEqual([['stars', 'stars_above_band']]);
  });

  it('accepts fewer stars than the band and keeps both numbers', async () => {
    const r = record({ score: 71.7, stars: 3 });
    expect((await ingest([r])).results[0]!.outcome).toBe('created');
    expect((await certificationsOf(r.decision_number))[0]).toMatchObject({ score: 71.7, stars: 3 });
  });

  it('applies the level rules of the period of the decision date', async () => {
    // Decision 148 (24 Feb 2023 - 5 Jul 2025): districts 3 stars, provinces 4, central 5.
    expect(
      (await ingest([record({ decision_date: '2024-03-10', level: 'district', stars: 3, score: 60 })])).summary.created,
    ).toBe(1);
    expect(await rejection({ decision_date: '2024-03-10', level: 'district', stars: 4, score: 75 })).toEqual([
      ['level', 'level_cannot_award'],
    ]);
    expect(await rejection({ decision_date: '2024-03-10', level: 'provincial', stars: 3, score: 60 })).toEqual([
      ['level', 'level_cannot_award'],
    ]);
    // From 6 Jul 2025 districts no longer exist; provinces award 3 and 4.
    expect(await rejection({ decision_date: '2025-08-01', level: 'district', stars: 3, score: 60 })).toEqual([
      ['level', 'level_not_in_period'],
    ]);
    expect((await ingest([record({ decision_date: '2025-08-01', stars: 3, score: 60 })])).summary.created).toBe(1);
    // Decision 1048: provinces 3 and 4 stars, central 5; districts only score and forward.
    expect(
      await rejection({ decision_date: '2022-01-10', group: 'food', level: 'district', stars: 3, score: 60 }),
    ).toEqual([['level', 'level_cannot_award']]);
    expect(await rejection({ level: 'central', stars: 4 })).toEqual([['level', 'level_cannot_award']]);
  });

  it('names the rule in its message', async () => {
    const [result] = (await ingest([record({ decision_date: '2024-03-10', level: 'district', stars: 4, score: 75 })]))
      .results;
    expect(result!.errors![0]!.message).toContain('148/QĐ-TTg');
  });

  it('records 1 and 2 star results without a badge or a listing', async () => {
    const r = record({ score: 45, stars: 2 });
    const [result] = (await ingest([r])).results;
    expect(result!.outcome).toBe('created');
    expect((await certificationsOf(r.decision_number))[0]).toMatchObject({ stars: 2, status: 'active' });
    expect(await productOf(result!.product!)).toMatchObject({ ocopStars: null, certificationId: null });
    expect(await listedSlugs(r.product_name)).toEqual([]);
  });

  it('reports every problem of a record, each with its field', async () => {
    const errors = await rejection({
      decision_date: '31/02/2025',
      level: 'county',
      tax_code: '12345',
      province_code: '99',
      score: 120,
      stars: 7,
      part_a: 10,
      colour: 'green',
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        ['colour', 'unknown_field'],
        ['decision_date', 'invalid_date'],
        ['level', 'invalid_choice'],
        ['tax_code', 'tax_code_format'],
        ['province_code', 'unknown_province'],
        ['score', 'score_range'],
        ['stars', 'stars_range'],
        ['part_a', 'part_scores_incomplete'],
      ]),
    );
  });

  it('checks part scores against the maxima of the criteria set and the total', async () => {
    expect(await rejection({ part_a: 45, part_b: 20, part_c: 13.5 })).toEqual([['part_a', 'part_score_range']]);
    expect(await rejection({ part_a: 30, part_b: 20, part_c: 20 })).toEqual([['part_a', 'part_scores_sum']]);
    const r = record({ part_a: 31.4, part_b: 19.6, part_c: 27.5 });
    expect((await ingest([r])).summary.created).toBe(1);
    expect((await certificationsOf(r.decision_number))[0]).toMatchObject({
      partScoreA: 31.4,
      partScoreB: 19.6,
      partScoreC: 27.5,
    });
  });

  it('applies valid rows even when others are rejected, in order', async () => {
    const good = [record(), record()];
    const report = await ingest([
      good[0],
      record({ stars: null }),
      good[1],
      record({ product_code: null, product_name: null }),
    ]);
    expect(report.results.map((r) => [r.index, r.outcome])).toEqual([
      [0, 'created'],
      [1, 'rejected'],
      [2, 'created'],
      [3, 'rejected'],
    ]);
    expect(report.results[1]!.errors).toEqual([{ field: 'stars', code: 'required', message: expect.any(String) }]);
    expect(report.results[3]!.errors!.map((e) => e.code)).toEqual(['product_identity']);
  });

  it('answers 400 naming the field when a value is not text or a number', async () => {
    const response = await postIngest(JSON.stringify([record({ stars: true })]), 'application/json', secret);
    expect(response.status).toBe(400);
    const problem = await response.json<{ errors: { field: string }[] }>();
    expect(problem.errors[0]!.field).toBe('0.stars');
  });

  it('answers 400 for more than 5,000 records and 415 for another media type', async () => {
    const tooMany = await postIngest(JSON.stringify(Array(5001).fill({})), 'application/json', secret);
    expect(tooMany.status).toBe(400);
    const plain = await postIngest('decision_number\n1', 'text/plain', secret);
    expect(plain.status).toBe(415);
    expect(plain.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('POST /api/v1/admin/certifications: lifecycle', () => {
  it('lets a newer active certification supersede the older one and keeps the history', async () => {
    const threeStars = record({ decision_date: '2025-08-01', stars: 3, score: 68 });
    const upgrade = {
      ...threeStars,
      decision_number: `${threeStars.decision_number}-U`,
      decision_date: '2025-11-01',
      stars: 4,
      score: 80,
    };
    const [first] = (await ingest([threeStars])).results;
    await ingest([upgrade]);
    const [older] = await certificationsOf(threeStars.decision_number);
    const [newer] = await certificationsOf(upgrade.decision_number);
    expect(older).toMatchObject({ status: 'superseded', supersededById: newer!.id });
    expect(newer!.status).toBe('active');
    expect(await productOf(first!.product!)).toMatchObject({ ocopStars: 4, certificationId: newer!.id });
    const page = await getJson<{ certification_history: { status: string }[] }>(`/api/v1/products/${first!.product}`);
    expect(page.body.certification_history.map((h) => h.status)).toEqual(['active', 'superseded']);
  });

  it('records an older decision that arrives late as superseded at once', async () => {
    const newer = record({ decision_date: '2025-11-01' });
    const late = {
      ...newer,
      decision_number: `${newer.decision_number}-OLD`,
      decision_date: '2025-08-01',
      stars: 3,
      score: 66,
    };
    const report = await ingest([newer, late]);
    expect((await certificationsOf(late.decision_number))[0]!.status).toBe('superseded');
    expect((await productOf(report.results[0]!.product!)).ocopStars).toBe(4);
  });

  it('revokes by decision: the product leaves the catalogue and says why', async () => {
    const r = record();
    const [created] = (await ingest([r])).results;
    expect(await listedSlugs(r.product_name)).toHaveLength(1);
    const revoked = {
      ...r,
      status: 'revoked',
      revocation_reason: 'Vi phạm chất lượng',
      revocation_decision: '455/QĐ-UBND',
    };
    expect((await ingest([revoked])).results[0]!.outcome).toBe('updated');
    expect((await certificationsOf(r.decision_number))[0]).toMatchObject({
      status: 'revoked',
      statusReason: 'Vi phạm chất lượng',
      revocationDecision: '455/QĐ-UBND',
      statusChangedAt: expect.any(String),
    });
    expect(await listedSlugs(r.product_name)).toEqual([]);
    const page = await getJson<{ standing: { state: string; reason: string } }>(`/api/v1/products/${created!.product}`);
    expect(page.body.standing).toMatchObject({ state: 'lapsed', reason: 'revoked' });
  });

  it('needs a reason and the revoking decision to revoke', async () => {
    const [result] = (await ingest([record({ status: 'thu hồi' })])).results;
    expect(result!.errors!.map((e) => e.field)).toEqual(['revocation_reason', 'revocation_decision']);
  });
});
