import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../worker/domain/iso-date';
import { formatDate } from '../../worker/domain/time';
import { createFair, openFair, placeExhibitor } from '../support/fairs';
import { createProducer, createProduct, today } from '../support/factories';
import { getPage, jsonLdBlocks } from './html';

let running: Awaited<ReturnType<typeof createFair>>;
let festival: Awaited<ReturnType<typeof createFair>>;
let draft: Awaited<ReturnType<typeof createFair>>;
let finished: Awaited<ReturnType<typeof createFair>>;
let exhibitor: { producerName: string; productSlug: string; otherSlug: string };

beforeAll(async () => {
  running = await createFair({ nameVi: 'Hội chợ OCOP Đồng Nai đang diễn ra' });
  festival = await openFair({
    kind: 'festival',
    nameVi: 'Lễ hội Na La Hiên',
    nameEn: 'La Hien custard apple festival',
    provinceCode: '19',
    communeCode: '05740',
    venue: 'Sân vận động xã La Hiên',
    latitude: 21.7085,
    longitude: 105.9505,
    dailyOpens: null,
    dailyCloses: null,
  });
  draft = await createFair({ nameVi: 'Hội chợ nháp', published: false });
  finished = await createFair({
    nameVi: 'Hội chợ đã qua',
    startsOn: addDays(today(), -9),
    endsOn: addDays(today(), -7),
  });
  const producerName = 'HTX Na La Hiên thử';
  const producerId = await createProducer({ name: producerName, provinceCode: '19' });
  const product = await createProduct({ producerId, nameVi: 'Na La Hiên loại 1' });
  const other = await createProduct({ producerId, nameVi: 'Na dai chưa đăng ký' });
  await placeExhibitor(running.id, producerId, 'A05', [product.id]);
  exhibitor = { producerName, productSlug: product.slug, otherSlug: other.slug };
});

describe('GET /fairs', () => {
  it('is a calendar of current and upcoming published fairs, running ones first', async () => {
    const { status, html } = await getPage('/fairs');
    expect(status).toBe(200);
    expect(html).toContain('Hội chợ OCOP Đồng Nai đang diễn ra');
    expect(html).toContain('Lễ hội Na La Hiên');
    expect(html).not.toContain('Hội chợ nháp');
    expect(html).not.toContain('Hội chợ đã qua');
    expect(html.indexOf('<h2>Đang diễn ra</h2>')).toBeLessThan(html.indexOf('Lễ hội Na La Hiên'));
    expect(html).toContain('href="/api/v1/fairs.ics"');
  });

  it('filters by province and month', async () => {
    const thaiNguyen = await getPage('/fairs?province=19');
    expect(thaiNguyen.html).toContain('Lễ hội Na La Hiên');
    expect(thaiNguyen.html).not.toContain('Hội chợ OCOP Đồng Nai đang diễn ra');
    const month = festival.values.startsOn.slice(0, 7);
    const inMonth = await getPage(`/fairs?month=${month}`);
    expect(inMonth.html).toContain('Lễ hội Na La Hiên');
    const nextYear = await getPage(`/fairs?month=${Number(month.slice(0, 4)) + 1}${month.slice(4)}`);
    expect(nextYear.html).not.toContain('Lễ hội Na La Hiên');
    expect(nextYear.html).toContain('Không có hội chợ nào phù hợp');
    // A month that does not exist: named by its label, and the province chosen still applies.
    const refused = await getPage('/fairs?month=2026-13&province=19');
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(
      /<div class="error-summary" role="alert">.*<li><a href="#filter-month">Tháng<\/a>: [^<]+<\/li>/s,
    );
    expect(refused.html).toContain('Lễ hội Na La Hiên');
    expect(refused.html).not.toContain('Hội chợ OCOP Đồng Nai đang diễn ra');
  });
});

describe('GET /fairs/:slug', () => {
  it('shows dates, hours, venue with map links and calendar links', async () => {
    const { status, html } = await getPage(`/fairs/${running.slug}`);
    expect(status).toBe(200);
    expect(html).toContain(`${formatDate(running.values.startsOn)} – ${formatDate(running.values.endsOn)}`);
    expect(html).toContain('8:00 – 22:00 hằng ngày');
    expect(html).toContain('Quảng trường tỉnh Đồng Nai');
    expect(html).toContain('href="geo:10.9574,106.8427?q=10.9574,106.8427(Qu%E1%BA%A3ng');
    expect(html).toContain('href="https://www.openstreetmap.org/?mlat=10.9574&amp;mlon=106.8427');
    expect(html).toContain(`href="/api/v1/fairs/${running.id}.ics"`);
    expect(html).toContain('href="https://calendar.google.com/calendar/render?action=TEMPLATE');
    expect(html).toContain('Đang diễn ra');
  });

  it('draws the booth plan on the server, with the same booths as a text list of zones and exhibitors', async () => {
    const { html } = await getPage(`/fairs/${running.slug}`);
    const svg = /<svg class="booth-plan"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    expect(svg).toContain('viewBox="0 0 360 ');
    // Cells grouped by state, then their codes over them: one free and one taken group of each.
    const group = (name: string) => new RegExp(`<g class="${name}">([\\s\\S]*?)</g>`).exec(svg)?.[1] ?? '';
    expect([...group('plan-booths').matchAll(/<rect /g)]).toHaveLength(9);
    expect([...group('plan-booths is-taken').matchAll(/<rect /g)]).toHaveLength(1);
    expect([...group('plan-booth-codes').matchAll(/<text [^>]*>(\w+)<\/text>/g)].map((m) => m[1])).toEqual([
      'A01',
      'A02',
      'A03',
      'A04',
      'A06',
      'A07',
      'A08',
      'F1',
      'F2',
    ]);
    expect(group('plan-booth-codes is-taken')).toMatch(/^<text [^>]*>A05<\/text>$/);
    // The text list: zones, each booth, the exhibitor and what it shows.
    expect(html).toContain('<h3 id="zone-ocop">Khu sản phẩm OCOP</h3>');
    expect(html).toContain('8 gian, 1 đã có đơn vị');
    expect(html).toContain('Còn trống: A01, A02, A03, A04, A06, A07, A08');
    const booth = /<li id="booth-A05"[\s\S]*?<\/li><\/ul><\/li>/.exec(html)?.[0] ?? '';
    expect(booth).toContain(exhibitor.producerName);
    expect(booth).toContain(`href="/products/${exhibitor.productSlug}"`);
    expect(booth).not.toContain(exhibitor.otherSlug);
    expect(html).toContain('Gian tiêu chuẩn</strong>: 3 × 3 m · Phí 1.500.000 ₫');
  });

  it('carries Open Graph tags and schema.org Event JSON-LD', async () => {
    const { html } = await getPage(`/fairs/${festival.slug}`);
    expect(html).toContain('<meta property="og:type" content="event"/>');
    expect(html).toContain(`<meta property="og:url" content="http://localhost:8787/fairs/${festival.slug}"/>`);
    expect(html).toContain(
      `<meta property="og:image" content="http://localhost:8787/images/share/fairs/${festival.slug}.png"/>`,
    );
    const [event] = jsonLdBlocks(html) as Record<string, unknown>[];
    expect(event).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Festival',
      name: 'Lễ hội Na La Hiên',
      startDate: festival.values.startsOn,
      endDate: festival.values.endsOn,
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: 'Sân vận động xã La Hiên',
        address: { '@type': 'PostalAddress', addressCountry: 'VN' },
        geo: { '@type': 'GeoCoordinates', latitude: 21.7085, longitude: 105.9505 },
      },
    });
    const [exhibition] = jsonLdBlocks((await getPage(`/fairs/${running.slug}`)).html);
    expect(exhibition).toMatchObject({ '@type': 'ExhibitionEvent', startDate: `${today()}T08:00:00+07:00` });
  });

  it('answers 404 for a draft, and in English on request', async () => {
    expect((await getPage(`/fairs/${draft.slug}`)).status).toBe(404);
    expect((await getPage(`/fairs/${draft.id}`)).status).toBe(404);
    const english = await getPage(`/fairs/${festival.slug}?lang=en`);
    expect(english.html).toContain('La Hien custard apple festival');
    expect(english.html).toContain('Taking booth applications');
  });

  it('still answers for a finished fair', async () => {
    const { status, html } = await getPage(`/fairs/${finished.slug}`);
    expect(status).toBe(200);
    expect(html).toContain('Đã kết thúc');
  });
});

describe('product pages of exhibitors', () => {
  it('say "at {fair}, booth {code}" while the fair runs, for the products it shows', async () => {
    const shown = await getPage(`/products/${exhibitor.productSlug}`);
    expect(shown.html).toContain(
      `<a href="/fairs/${running.slug}">Đang có mặt tại Hội chợ OCOP Đồng Nai đang diễn ra, gian A05</a>`,
    );
    const english = await getPage(`/products/${exhibitor.productSlug}?lang=en`);
    expect(english.html).toContain(`Now at ${running.values.nameEn}, booth A05`);
    const other = await getPage(`/products/${exhibitor.otherSlug}`);
    expect(other.html).not.toContain('Đang có mặt tại');
  });

  it('say nothing for a fair that has not started, or is not published', async () => {
    const producerId = await createProducer();
    const product = await createProduct({ producerId });
    await placeExhibitor(festival.id, producerId, 'A01', [product.id]);
    await placeExhibitor(draft.id, producerId, 'A01', [product.id]);
    expect((await getPage(`/products/${product.slug}`)).html).not.toContain('Đang có mặt tại');
  });
});
