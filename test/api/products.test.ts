import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_COUNTED_RESULTS } from '../../worker/domain/catalogue';
import { addMonths, vietnamDate } from '../../worker/domain/time';
import { createProducer, createProduct, today } from '../support/factories';
import { fetchApp, getJson, uniqueWord } from '../support/http';

interface ProductList {
  data: { id: number; slug: string; stars: number; price: number | null; name: { vi: string } }[];
  total: number;
  total_capped: boolean;
  page: number;
  page_count: number;
}
interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
}

const slugsFor = async (query: string) => {
  const { status, body } = await getJson<ProductList>(`/api/v1/products?${query}`);
  expect(status, query).toBe(200);
  return body.data.map((p) => p.slug);
};

describe('GET /api/v1/products search', () => {
  it('finds "Rượu nhung hươu" from "ruou nhung" and from "rượu nhung"', async () => {
    const word = uniqueWord();
    const product = await createProduct({ nameVi: `Rượu nhung hươu ${word}` });
    expect(await slugsFor(`q=${encodeURIComponent(`ruou nhung ${word}`)}`)).toEqual([product.slug]);
    expect(await slugsFor(`q=${encodeURIComponent(`rượu nhung ${word}`)}`)).toEqual([product.slug]);
  });

  it('folds đ/Đ both ways: "duong" finds "đường" and "Đường" finds "duong"', async () => {
    const word = uniqueWord();
    const accented = await createProduct({ nameVi: `Đường thốt nốt ${word}` });
    const plain = await createProduct({ nameVi: `Mia duong ${word}` });
    expect((await slugsFor(`q=${encodeURIComponent(`duong ${word}`)}`)).sort()).toEqual(
      [accented.slug, plain.slug].sort(),
    );
    expect((await slugsFor(`q=${encodeURIComponent(`ĐƯỜNG ${word}`)}`)).sort()).toEqual(
      [accented.slug, plain.slug].sort(),
    );
  });

  it('matches a half-typed last word as a prefix', async () => {
    const word = uniqueWord();
    const product = await createProduct({ nameVi: `Mật ong bạc hà ${word}` });
    expect(await slugsFor(`q=${encodeURIComponent(`${word} mat on`)}`)).toEqual([product.slug]);
  });

  it('ranks a match in the name above a match only in the producer name', async () => {
    const word = uniqueWord();
    const producerId = await createProducer({ name: `HTX ${word}` });
    const byProducer = await createProduct({ nameVi: 'Trà xanh', producerId });
    const byName = await createProduct({ nameVi: `Trà ${word}` });
    expect(await slugsFor(`q=${word}`)).toEqual([byName.slug, byProducer.slug]);
  });

  it('fills a page with producer matches only where the name matches run out, page by page', async () => {
    const word = uniqueWord();
    const producerId = await createProducer({ name: `HTX ${word}` });
    const byProducer = [await createProduct({ nameVi: 'Trà xanh', producerId })];
    byProducer.unshift(await createProduct({ nameVi: 'Trà đen', producerId }));
    const byName = [];
    for (let i = 0; i < 3; i++) byName.unshift(await createProduct({ nameVi: `Trà ${word} ${i}` }));
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await slugsFor(`q=${word}&limit=2&page=${page}`));
    expect(pages).toEqual([
      [byName[0]!.slug, byName[1]!.slug],
      [byName[2]!.slug, byProducer[0]!.slug],
      [byProducer[1]!.slug],
    ]);
    // Exactly one page of name matches: nothing from elsewhere on it.
    expect(await slugsFor(`q=${word}&limit=3`)).toEqual(byName.map((product) => product.slug));
  });

  it('treats FTS5 syntax typed by a user as words, not as an error', async () => {
    const { status } = await getJson<ProductList>(`/api/v1/products?q=${encodeURIComponent('"mật ong" OR * NEAR(')}`);
    expect(status).toBe(200);
  });
});

describe('GET /api/v1/products filters', () => {
  it('filters by province, group, stars, producer kind, price range and stock', async () => {
    const word = uniqueWord();
    const household = await createProducer({ kind: 'household', provinceCode: '19' });
    const a = await createProduct({
      nameVi: `Chè ${word}`,
      producerId: household,
      provinceCode: '19',
      groupId: '148.food',
      certifications: [{ stars: 5 }],
      price: 250_000,
      stock: 0,
    });
    const b = await createProduct({
      nameVi: `Rượu ${word}`,
      provinceCode: '75',
      groupId: '148.beverage',
      certifications: [{ stars: 3 }],
      price: 90_000,
      stock: 5,
    });
    const q = `q=${word}`;
    expect((await slugsFor(q)).sort()).toEqual([a.slug, b.slug].sort());
    expect(await slugsFor(`${q}&province=19`)).toEqual([a.slug]);
    expect(await slugsFor(`${q}&group=beverage`)).toEqual([b.slug]);
    expect(await slugsFor(`${q}&min_stars=4`)).toEqual([a.slug]);
    expect(await slugsFor(`${q}&producer_kind=household`)).toEqual([a.slug]);
    expect(await slugsFor(`${q}&price_min=100000`)).toEqual([a.slug]);
    expect(await slugsFor(`${q}&price_max=100000`)).toEqual([b.slug]);
    expect(await slugsFor(`${q}&in_stock=1`)).toEqual([b.slug]);
    expect(await slugsFor(`${q}&sort=price_asc`)).toEqual([b.slug, a.slug]);
    expect(await slugsFor(`${q}&sort=price_desc`)).toEqual([a.slug, b.slug]);
    expect(await slugsFor(`${q}&sort=stars`)).toEqual([a.slug, b.slug]);
  });

  it('finds products across criteria versions by the catalogue group', async () => {
    const word = uniqueWord();
    const older = await createProduct({ nameVi: `Khăn lụa ${word}`, groupId: '1048.textile' });
    const newer = await createProduct({ nameVi: `Giỏ mây ${word}`, groupId: '148.handicraft' });
    expect((await slugsFor(`q=${word}&group=handicraft`)).sort()).toEqual([older.slug, newer.slug].sort());
  });

  it('pages through results with a stable total', async () => {
    const word = uniqueWord();
    for (let i = 0; i < 5; i++) await createProduct({ nameVi: `Bánh ${word} ${i}` });
    const first = await getJson<ProductList>(`/api/v1/products?q=${word}&limit=2&page=1&sort=newest`);
    const third = await getJson<ProductList>(`/api/v1/products?q=${word}&limit=2&page=3&sort=newest`);
    expect(first.body).toMatchObject({ total: 5, total_capped: false, page_count: 3, page: 1 });
    expect(first.body.data).toHaveLength(2);
    expect(third.body.data).toHaveLength(1);
  });
});

describe('GET /api/v1/products search on a common term', () => {
  // Over 1,000 raw matches the search walks the listing index instead of
  // starting from the matches; the answers must not change with the plan.
  const copies = 1_200;

  it('pages, sorts and counts a term with more than 1,000 matches like a rare one', async () => {
    const word = uniqueWord();
    const template = await createProduct({ nameVi: `Mật ong ${word} 0` });
    // Copies share the template's producer and certification; every third one
    // has lapsed, so the walk must skip unlisted rows.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
       INSERT INTO products (slug, producer_id, name_vi, name_normalized, group_id, price, stock, province_code,
         ocop_stars, certified_until, certification_id, search_text, is_published)
       SELECT p.slug || '-' || n.i, p.producer_id, 'Mật ong ' || ?2 || ' ' || n.i, 'mat ong ' || ?2 || ' ' || n.i,
         p.group_id, 1000 + n.i * 7 % 500, p.stock, p.province_code, 3 + n.i % 3,
         CASE WHEN n.i % 3 = 0 THEN '2020-01-01' ELSE p.certified_until END, p.certification_id, p.search_text,
         p.is_published
       FROM n, products p WHERE p.id = ?3`,
    )
      .bind(copies, word, template.id)
      .run();
    const listed = await env.DB.prepare(
      `SELECT id, ocop_stars AS stars, price FROM products
       WHERE name_normalized LIKE ?1 AND certified_until >= ?2 ORDER BY ocop_stars DESC, id DESC`,
    )
      .bind(`mat ong ${word} %`, today())
      .all<{ id: number; stars: number; price: number }>();
    expect(listed.results.length).toBeGreaterThan(800);

    const relevance = await getJson<ProductList>(`/api/v1/products?q=${word}+mat+ong&limit=50&page=3`);
    expect(relevance.body.data.map((p) => p.id)).toEqual(listed.results.slice(100, 150).map((p) => p.id));
    // The total stops at the cap, as it does for a common word in the real catalogue.
    expect(listed.results.length).toBeGreaterThan(MAX_COUNTED_RESULTS);
    expect(relevance.body).toMatchObject({ total: MAX_COUNTED_RESULTS, total_capped: true });

    const byPrice = await getJson<ProductList>(`/api/v1/products?q=${word}&limit=20&sort=price_asc`);
    const cheapest = [...listed.results].sort((a, b) => a.price - b.price || a.id - b.id).slice(0, 20);
    expect(byPrice.body.data.map((p) => p.price)).toEqual(cheapest.map((p) => p.price));
  });
});

describe('GET /api/v1/products certification rules', () => {
  it('lists only active certifications of 3 stars or more', async () => {
    const word = uniqueWord();
    const listed = await createProduct({ nameVi: `Nấm ${word} a`, certifications: [{ stars: 3 }] });
    await createProduct({ nameVi: `Nấm ${word} b`, certifications: [{ stars: 2, score: 45 }] });
    await createProduct({ nameVi: `Nấm ${word} c`, certifications: [] });
    await createProduct({
      nameVi: `Nấm ${word} d`,
      certifications: [{ stars: 4, decisionDate: '2021-01-05', validUntil: '2024-01-05' }],
    });
    await createProduct({ nameVi: `Nấm ${word} e`, certifications: [{ stars: 5, status: 'revoked' }] });
    await createProduct({ nameVi: `Nấm ${word} f`, isPublished: false });
    expect(await slugsFor(`q=${word}`)).toEqual([listed.slug]);
  });

  it('drops a product whose certificate passed its valid-until date even while its status still says active', async () => {
    const word = uniqueWord();
    const yesterday = vietnamDate(new Date(Date.now() - 24 * 60 * 60 * 1000));
    const lapsed = await createProduct({
      nameVi: `Miến ${word}`,
      certifications: [{ stars: 4, decisionDate: addMonths(yesterday, -36), validUntil: yesterday }],
    });
    expect(await slugsFor(`q=${word}`)).toEqual([]);
    const { body } = await getJson<{ standing: { state: string; since: string } }>(`/api/v1/products/${lapsed.slug}`);
    expect(body.standing).toMatchObject({ state: 'lapsed', since: today() });
  });

  it('shows the upgraded stars after a superseding decision', async () => {
    const word = uniqueWord();
    const product = await createProduct({
      nameVi: `Bưởi ${word}`,
      certifications: [
        { stars: 3, status: 'superseded', decisionDate: '2024-01-10' },
        { stars: 4, decisionDate: '2025-08-01' },
      ],
    });
    const { body } = await getJson<ProductList>(`/api/v1/products?q=${word}`);
    expect(body.data).toMatchObject([{ slug: product.slug, stars: 4 }]);
  });
});

describe('GET /api/v1/products validation', () => {
  it.each([
    ['min_stars=9', 'min_stars'],
    ['min_stars=2', 'min_stars'],
    ['province=99', 'province'],
    ['group=toys', 'group'],
    ['sort=cheapest', 'sort'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['limit=1000', 'limit'],
    ['producer_kind=factory', 'producer_kind'],
    ['price_min=-5', 'price_min'],
    ['price_min=500&price_max=100', 'price_max'],
    [`q=${'a'.repeat(10 * 1024)}`, 'q'],
  ])('answers 400 problem+json naming the field for %s', async (query, field) => {
    const response = await fetchApp(`/api/v1/products?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = await response.json<Problem>();
    expect(body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(body.errors?.map((e) => e.field)).toEqual([field]);
  });

  it('answers 400 for a page past the last one', async () => {
    const word = uniqueWord();
    await createProduct({ nameVi: `Gạo ${word}` });
    const response = await fetchApp(`/api/v1/products?q=${word}&page=2`);
    expect(response.status).toBe(400);
    expect((await response.json<Problem>()).errors?.[0]?.field).toBe('page');
  });

  it('titles problems in the chosen language', async () => {
    const vi = await (await fetchApp('/api/v1/products?min_stars=9')).json<Problem>();
    const en = await (await fetchApp('/api/v1/products?min_stars=9&lang=en')).json<Problem>();
    expect(vi.title).toBe('Dữ liệu gửi lên chưa đúng.');
    expect(en.title).toBe('Some of the data sent is not valid.');
  });
});

describe('GET /api/v1/products/{idOrSlug}', () => {
  interface Detail {
    id: number;
    slug: string;
    listed: boolean;
    standing: { state: string; reason: string | null; since: string | null; certification: { stars: number } | null };
    certification_history: { status: string; stars: number }[];
  }

  it('answers by slug and by id with the certification standing', async () => {
    const product = await createProduct({ certifications: [{ stars: 5, score: 93.5, level: 'central' }] });
    const bySlug = await getJson<Detail>(`/api/v1/products/${product.slug}`);
    const byId = await getJson<Detail>(`/api/v1/products/${product.id}`);
    expect(bySlug.status).toBe(200);
    expect(byId.body.slug).toBe(product.slug);
    expect(bySlug.body).toMatchObject({ listed: true, standing: { state: 'certified', certification: { stars: 5 } } });
  });

  it('still answers for a revoked product, saying since when', async () => {
    const product = await createProduct({
      certifications: [{ stars: 4, status: 'revoked', statusChangedAt: '2026-09-01T02:00:00.000Z', statusReason: 'x' }],
    });
    const { status, body } = await getJson<Detail>(`/api/v1/products/${product.slug}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      listed: false,
      standing: { state: 'lapsed', reason: 'revoked', since: '2026-09-01' },
    });
  });

  it('keeps the whole history, newest first', async () => {
    const product = await createProduct({
      certifications: [
        { stars: 3, status: 'superseded', decisionDate: '2023-06-01' },
        { stars: 4, decisionDate: '2025-09-01' },
      ],
    });
    const { body } = await getJson<Detail>(`/api/v1/products/${product.slug}`);
    expect(body.certification_history).toMatchObject([
      { stars: 4, status: 'active' },
      { stars: 3, status: 'superseded' },
    ]);
  });

  it('names the group, subgroup and the producer’s place', async () => {
    const producerId = await createProducer({ provinceCode: '75', communeCode: null });
    const product = await createProduct({ producerId, groupId: '148.food', subgroupId: '148.food.raw.honey' });
    const { body } = await getJson<{
      group: { code: string; name: { vi: string } };
      subgroup: { id: string; name: { vi: string } } | null;
      producer: { province_code: string };
    }>(`/api/v1/products/${product.slug}`);
    expect(body.group).toMatchObject({ code: 'food', name: { vi: 'Thực phẩm' } });
    expect(body.subgroup).toEqual({
      id: '148.food.raw.honey',
      name: { vi: 'Mật ong, sản phẩm khác', en: 'Honey and other' },
    });
    expect(body.producer.province_code).toBe('75');
  });

  it('gives no subgroup when the product has none', async () => {
    const product = await createProduct();
    const { body } = await getJson<{ subgroup: unknown }>(`/api/v1/products/${product.slug}`);
    expect(body.subgroup).toBeNull();
  });

  it('answers 404 problem+json for an unknown product', async () => {
    const response = await fetchApp('/api/v1/products/no-such-product-anywhere');
    expect(response.status).toBe(404);
    expect(await response.json<Problem>()).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('answers 400 for a malformed slug', async () => {
    const response = await fetchApp('/api/v1/products/Bad%20Slug!');
    expect(response.status).toBe(400);
    expect((await response.json<Problem>()).errors?.[0]?.field).toBe('idOrSlug');
  });
});
