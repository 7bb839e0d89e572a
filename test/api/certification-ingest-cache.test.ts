/**
 * With the edge cache on, as deployed: an ingest that changes a certification
 * shows on the very next request, in search, listings, the home page, the
 * producer page, the product page and the product JSON, in every language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fetchCached } from '../support/cache';
import { councilRecord, createApiToken, INGEST_PATH, recordsCsv, type IngestReport } from '../support/ingest';

let secret: string;
beforeAll(async () => {
  secret = (await createApiToken()).secret;
});

type Form = 'json' | 'csv';

async function ingest(form: Form, records: Record<string, unknown>[]) {
  const response = await fetchCached(INGEST_PATH, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${secret}`,
      'content-type': form === 'json' ? 'application/json' : 'text/csv',
    },
    body: form === 'json' ? JSON.stringify(records) : recordsCsv(records),
  });
  expect(response.status).toBe(200);
  return response.json<IngestReport>();
}

async function read(path: string, headers: HeadersInit = {}) {
  const response = await fetchCached(path, { headers });
  expect(response.status, path).toBe(200);
  return { cache: response.headers.get('x-cache'), body: await response.text() };
}

/** The listed count of province 75 (Đồng Nai) on the home page, which leaves out a province with none. */
const homeCount = (html: string) =>
  Number(/<span>Đồng Nai<\/span> <span class="count">(\d+) sản phẩm/.exec(html)?.[1] ?? 0);

/** Every cached public answer an ingest of this product changes, read until the edge serves it. */
function pagesOf(word: string, slug: string, producerSlug: string) {
  return {
    search: `/api/v1/products?q=${word}`,
    productJson: `/api/v1/products/${slug}`,
    productPage: `/products/${slug}`,
    listing: `/products?q=${word}`,
    producer: `/producers/${producerSlug}`,
    home: '/',
  };
}

async function warm(paths: Record<string, string>) {
  for (const path of Object.values(paths)) {
    await read(path);
    expect((await read(path)).cache, path).toBe('HIT');
    await read(path, { cookie: 'lang=en' });
  }
}

describe.each(['json', 'csv'] as const)('POST /api/v1/admin/certifications with the edge cache on (%s)', (form) => {
  it('shows an upgrade and then a revocation on the next request of every cached page and answer', async () => {
    const original = councilRecord({ decision_date: '2025-08-01' });
    const word = original.product_name.split(' ').at(-1)!;
    const [created] = (await ingest(form, [original])).results;
    const slug = created!.product!;
    const producerSlug = JSON.parse((await read(`/api/v1/products/${slug}`)).body).producer.slug as string;
    const paths = pagesOf(word, slug, producerSlug);
    await warm(paths);
    const homeBefore = homeCount((await read('/')).body);

    const upgrade = {
      ...original,
      decision_number: `${original.decision_number}-U`,
      decision_date: '2025-11-01',
      stars: 5,
      score: 92,
      level: 'central',
      issuing_body: 'Bộ Nông nghiệp và Môi trường',
    };
    expect((await ingest(form, [upgrade])).summary.created).toBe(1);
    const search = await read(paths.search);
    expect(search.cache).toBe('MISS');
    expect(JSON.parse(search.body).data.map((p: { stars: number }) => p.stars)).toEqual([5]);
    expect(JSON.parse((await read(paths.productJson)).body).standing.certification.stars).toBe(5);
    expect((await read(paths.productPage)).body).toContain('5 sao OCOP');
    expect((await read(paths.productPage, { cookie: 'lang=en' })).body).toContain('5-star OCOP');
    expect((await read(paths.listing)).body).toContain('5 sao OCOP');
    expect((await read(paths.producer)).body).toContain('5 sao OCOP');

    await warm(paths);
    const revoked = await ingest(form, [
      { ...upgrade, status: 'revoked', revocation_reason: 'Vi phạm chất lượng', revocation_decision: '455/QĐ-UBND' },
    ]);
    expect(revoked.summary.updated).toBe(1);
    expect(JSON.parse((await read(paths.search)).body).data).toEqual([]);
    expect(JSON.parse((await read(paths.productJson)).body).standing).toMatchObject({
      state: 'lapsed',
      reason: 'revoked',
    });
    const page = await read(paths.productPage);
    expect(page.cache).toBe('MISS');
    expect(page.body).toContain('đã bị thu hồi từ ngày');
    expect((await read(paths.listing)).body).not.toContain(`/products/${slug}"`);
    expect(homeCount((await read(paths.home)).body)).toBe(homeBefore - 1);
  });

  it('keeps the cached copies when nothing was written (a replay, a rejected row)', async () => {
    const record = councilRecord();
    const [created] = (await ingest(form, [record])).results;
    const path = `/api/v1/products/${created!.product}`;
    await read(path);
    const report = await ingest(form, [record, councilRecord({ stars: 9 })]);
    expect(report.summary).toMatchObject({ unchanged: 1, rejected: 1 });
    expect((await read(path)).cache).toBe('HIT');
  });
});
