import { describe, expect, it } from 'vitest';
import { salesPointProducts, salesPoints } from '../../db/schema';
import { distanceKm, unitVector } from '../../worker/domain/geo';
import type { OpeningHours } from '../../worker/domain/opening-hours';
import { createProduct, testDb, uniqueSuffix } from '../support/factories';
import { fetchApp, getJson } from '../support/http';

interface Summary {
  slug: string;
  distance_km: number | null;
  open_now: boolean;
}
interface List {
  data: Summary[];
  total: number;
}
interface Problem {
  status: number;
  errors: { field: string; message: string }[];
}

const allWeek: OpeningHours = [
  {
    dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    opens: '00:00',
    closes: '24:00',
  },
];
const neverOpen: OpeningHours = [{ dayOfWeek: ['Monday'], opens: '00:00', closes: '00:00' }];

/** A point at a known place (in Tây Ninh's far west, where no demo or other test point lies). */
async function point(
  name: string,
  latitude: number,
  longitude: number,
  hours: OpeningHours = allWeek,
  productId?: number,
  { kind = 'ocop_centre', provinceCode = '80' }: { kind?: string; provinceCode?: string } = {},
) {
  const slug = `sp-${name}-${uniqueSuffix()}`;
  const { x, y, z } = unitVector({ latitude, longitude });
  const [row] = await testDb()
    .insert(salesPoints)
    .values({
      slug,
      name,
      kind,
      provinceCode,
      latitude,
      longitude,
      geoX: x,
      geoY: y,
      geoZ: z,
      openingHours: hours,
    })
    .returning({ id: salesPoints.id });
  if (productId) await testDb().insert(salesPointProducts).values({ salesPointId: row!.id, productId });
  return slug;
}

describe('GET /api/v1/sales-points', () => {
  it('orders points by great-circle distance from near and leaves out those beyond the radius', async () => {
    const center = { latitude: 11.05, longitude: 105.9 };
    // About 1.1 km, 5.5 km and 11 km north of the centre, and one 60 km away.
    const near = await point('gan', 11.06, 105.9);
    const middle = await point('vua', 11.1, 105.9);
    const far = await point('xa', 11.15, 105.9);
    const outside = await point('ngoai', 11.6, 105.9);
    const { status, body } = await getJson<List>(`/api/v1/sales-points?near=11.05,105.9&radius_km=20`);
    expect(status).toBe(200);
    const slugs = body.data.map((item) => item.slug);
    expect(slugs.indexOf(near)).toBeLessThan(slugs.indexOf(middle));
    expect(slugs.indexOf(middle)).toBeLessThan(slugs.indexOf(far));
    expect(slugs).not.toContain(outside);
    const first = body.data.find((item) => item.slug === near)!;
    expect(first.distance_km).toBeCloseTo(distanceKm(center, { latitude: 11.06, longitude: 105.9 }), 2);
    const distances = body.data.map((item) => item.distance_km!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('keeps only points open now, in Vietnam time, with open_now', async () => {
    const product = await createProduct();
    const open = await point('mo', 11.2, 105.8, allWeek, product.id);
    const closed = await point('dong', 11.2, 105.81, neverOpen, product.id);
    const all = await getJson<List>(`/api/v1/sales-points?product=${product.slug}`);
    expect(all.body.data.map((item) => item.slug).sort()).toEqual([closed, open].sort());
    const { body } = await getJson<List>(`/api/v1/sales-points?product=${product.slug}&open_now=1`);
    expect(body.data.map((item) => item.slug)).toEqual([open]);
    expect(body.total).toBe(1);
  });

  it('filters by province and kind, and pages through the matches with their total', async () => {
    const product = await createProduct();
    const stall = await point('a-sap', 11.22, 105.7, allWeek, product.id, { kind: 'market_stall' });
    const counter = await point('b-quay', 11.23, 105.7, allWeek, product.id, { kind: 'supermarket' });
    const elsewhere = await point('c-noi-khac', 21.59, 105.84, allWeek, product.id, { provinceCode: '19' });
    const slugsOf = (list: List) => list.data.map((item) => item.slug);

    const inProvince = await getJson<List>(`/api/v1/sales-points?product=${product.slug}&province=80`);
    expect(slugsOf(inProvince.body)).toEqual([stall, counter]);
    const stalls = await getJson<List>(`/api/v1/sales-points?product=${product.slug}&kind=market_stall`);
    expect(slugsOf(stalls.body)).toEqual([stall]);
    expect((await getJson<Problem>('/api/v1/sales-points?kind=castle')).body.errors[0]!.field).toBe('kind');

    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) =>
        getJson<List & { page: number; limit: number }>(
          `/api/v1/sales-points?product=${product.slug}&limit=1&page=${page}`,
        ),
      ),
    );
    expect(pages.map(({ body }) => [body.page, body.limit, body.total])).toEqual([
      [1, 1, 3],
      [2, 1, 3],
      [3, 1, 3],
      [4, 1, 3],
    ]);
    expect(pages.flatMap(({ body }) => slugsOf(body))).toEqual([elsewhere, stall, counter]);
  });

  it.each([
    ['near=abc', 'near'],
    ['near=95,106', 'near'],
    ['near=10.9,200', 'near'],
    ['near=106.82,10.95', 'near'],
    ['near=10.95,106.82&radius_km=0', 'radius_km'],
    ['near=10.95,106.82&radius_km=900', 'radius_km'],
    ['near=10.95,106.82&radius_km=abc', 'radius_km'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const response = await fetchApp(`/api/v1/sales-points?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await response.json<Problem>();
    expect(problem.errors.map((error) => error.field)).toEqual([field]);
  });

  it('answers one active point with its hours and 404 for an unknown one', async () => {
    const slug = await point('chi-tiet', 11.3, 105.7);
    const { status, body } = await getJson<{ id: number; slug: string; opening_hours: OpeningHours }>(
      `/api/v1/sales-points/${slug}`,
    );
    expect(status).toBe(200);
    expect(body.opening_hours).toEqual(allWeek);
    const byId = await getJson<{ slug: string }>(`/api/v1/sales-points/${body.id}`);
    expect(byId.body.slug).toBe(slug);
    expect((await fetchApp('/api/v1/sales-points/khong-co')).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const { body } = await getJson<{ paths: Record<string, unknown> }>('/api/v1/openapi.json');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/sales-points', '/sales-points/{id}']));
  });
});

describe('sales point pages', () => {
  it('shows a point with Store JSON-LD, its hours, directions and Open Graph tags', async () => {
    const slug = await point('trang', 11.4, 105.6);
    const response = await fetchApp(`/sales-points/${slug}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('"@type":"Store"');
    expect(html).toContain('"openingHoursSpecification"');
    expect(html).toContain(`geo:11.4,105.6`);
    expect(html).toContain('https://www.openstreetmap.org/?mlat=11.4&amp;mlon=105.6');
    expect(html).toContain(
      `<meta property="og:image" content="http://localhost:8787/images/share/sales-points/${slug}.png"/>`,
    );
    expect(html).toContain('<meta property="og:image:width" content="1200"/>');
    expect(html).toContain('Đang mở cửa');
  });

  it('lists points nearest first from a typed place, with km, and drops the format hint it no longer needs', async () => {
    const slug = await point('danh-sach', 11.45, 105.55);
    const html = await (await fetchApp('/sales-points?near=11.45,105.56&radius_km=5')).text();
    expect(html).toContain(`/sales-points/${slug}`);
    expect(html).toMatch(/1,1 km/);
    expect(html).not.toContain('filter-near-hint');
    // Without a typed place the hint says how to write one.
    expect(await (await fetchApp('/sales-points')).text()).toContain('aria-describedby="filter-near-hint"');
  });

  it('shows the search again with the problem beside the place when it is typed as words, over what the rest finds', async () => {
    const product = await createProduct();
    const slug = await point('ten-dia-danh', 11.47, 105.57, allWeek, product.id);
    const response = await fetchApp(`/sales-points?near=${encodeURIComponent('Biên Hòa')}&product=${product.slug}`);
    expect(response.status).toBe(400);
    const html = await response.text();
    // The place as typed, marked invalid, its problem and the format hint both read with it.
    expect(html).toMatch(
      /<input id="filter-near" name="near" inputmode="decimal" value="Biên Hòa" aria-invalid="true"/,
    );
    expect(html).toContain('aria-describedby="filter-near-error filter-near-hint"');
    expect(html).toMatch(/id="filter-near-error">[^<]*vĩ độ, kinh độ/);
    expect(html).toContain('<details class="more-filters"><summary>');
    expect(html).toMatch(/<li><a href="#filter-near">Gần vị trí \(vĩ độ, kinh độ\)<\/a>: ghi vĩ độ/);
    // The product filter still applies: its points are listed, not sorted by distance.
    expect(html).toContain(`/sales-points/${slug}`);
    expect(html).not.toContain('Xếp theo khoảng cách');
  });

  it('names a refused folded filter by its label and unfolds the filters, still sorting from the place', async () => {
    const slug = await point('ban-kinh', 11.46, 105.58);
    const response = await fetchApp('/sales-points?near=11.46,105.59&radius_km=900');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(
      /<div class="error-summary" role="alert">.*<li><a href="#filter-radius_km">Trong bán kính<\/a>: [^<]+<\/li>/s,
    );
    expect(html).toContain('<details class="more-filters" open="">');
    expect(html).toContain(`/sales-points/${slug}`);
    expect(html).toContain('Xếp theo khoảng cách từ vị trí đã nhập');
  });

  it('shows the nearest stocking points on the product page, with distance and open-now', async () => {
    const product = await createProduct();
    await point('xa-sp', 11.5, 105.6, allWeek, product.id);
    await point('gan-sp', 11.41, 105.6, neverOpen, product.id);
    const html = await (await fetchApp(`/products/${product.slug}?near=11.4,105.6`)).text();
    const near = html.indexOf('gan-sp');
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThan(html.indexOf('xa-sp'));
    expect(html).toContain('1,1 km');
    expect(html).toContain('Đang đóng cửa');
    expect(html).toContain('<meta property="og:type" content="product"/>');
  });

  it('shows only the three nearest of the stocking points on the product page', async () => {
    const product = await createProduct();
    const names = ['thu-nhat', 'thu-hai', 'thu-ba', 'thu-tu'];
    const slugs = [];
    for (const [i, name] of names.entries())
      slugs.push(await point(name, 11.52 + i * 0.02, 105.62, allWeek, product.id));
    const html = await (await fetchApp(`/products/${product.slug}?near=11.5,105.62`)).text();
    const shown = slugs.map((slug) => html.indexOf(`/sales-points/${slug}`));
    expect(shown.slice(0, 3).every((at) => at > 0)).toBe(true);
    expect(shown[0]).toBeLessThan(shown[1]!);
    expect(shown[1]).toBeLessThan(shown[2]!);
    expect(shown[3]).toBe(-1);
  });

  it('sorts by distance from the approximate place Cloudflare gives the request, without a typed place', async () => {
    const product = await createProduct();
    // Named so that name order, used without a place, is the reverse of distance order.
    const far = await point('cf-a-xa', 11.3, 105.45, allWeek, product.id);
    const near = await point('cf-b-gan', 11.21, 105.45, allWeek, product.id);
    const cf = { country: 'VN', latitude: '11.2', longitude: '105.45' };
    const list = await (await fetchApp(`/sales-points?product=${product.slug}`, { cf } as RequestInit)).text();
    expect(list.indexOf(`/sales-points/${near}`)).toBeGreaterThan(0);
    expect(list.indexOf(`/sales-points/${near}`)).toBeLessThan(list.indexOf(`/sales-points/${far}`));
    expect(list).toContain('1,1 km');
    // An approximate place was not typed: the hint on how to type one stays.
    expect(list).toContain('aria-describedby="filter-near-hint"');
    const page = await (await fetchApp(`/products/${product.slug}`, { cf } as RequestInit)).text();
    expect(page.indexOf(`/sales-points/${near}`)).toBeLessThan(page.indexOf(`/sales-points/${far}`));
    expect(page).toContain('· 1,1 km');
    // Without a place the points come by province and name, and no distance is shown.
    const unplaced = await (await fetchApp(`/sales-points?product=${product.slug}`)).text();
    expect(unplaced.indexOf(`/sales-points/${far}`)).toBeLessThan(unplaced.indexOf(`/sales-points/${near}`));
    expect(unplaced).not.toContain('1,1 km');
  });

  it('draws the Open Graph picture as a PNG of at least 600 × 315', async () => {
    const product = await createProduct();
    const response = await fetchApp(`/images/share/products/${product.slug}.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(16)).toBeGreaterThanOrEqual(600);
    expect(view.getUint32(20)).toBeGreaterThanOrEqual(315);
  });
});
