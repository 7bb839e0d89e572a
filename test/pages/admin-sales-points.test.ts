import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, salesPointPhotos, salesPointProducts, salesPoints } from '../../db/schema';
import { unitVector } from '../../worker/domain/geo';
import { addMonths } from '../../worker/domain/time';
import { createProduct, testDb, today, uniqueSuffix } from '../support/factories';
import { fetchApp, getJson } from '../support/http';
import { postForm, signedIn } from '../support/portal';
import { createSalesPoint, stockAt } from '../support/sales-points';
import { tinyJpeg } from '../support/images';
import { getPage } from './html';

const STAFF_TOKEN_PAGE = '/admin/sales-points/new';

const pointRow = async (id: number) => (await testDb().select().from(salesPoints).where(eq(salesPoints.id, id)))[0]!;

const auditOf = (id: number) =>
  testDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'sales_point'), eq(auditLog.entityId, String(id))));

/** Every field of the form, as a member of staff types them. */
const pointFields = (overrides: Record<string, string> = {}) => ({
  name: `Điểm bán OCOP chợ Biên Hòa ${uniqueSuffix()}`,
  kind: 'market_stall',
  operator: 'Ban quản lý chợ Biên Hòa',
  provinceCode: '75',
  communeCode: '26068',
  street: 'Đường Cách Mạng Tháng Tám',
  location: '10.9467, 106.8226',
  phone: '0251 382 2123',
  zalo: '0912 345 678',
  website: 'https://cho-bien-hoa.example.vn',
  hoursMonday: '06:00-11:30, 13:30-18:00',
  hoursTuesday: '06:00-11:30, 13:30-18:00',
  hoursWednesday: '06:00-11:30, 13:30-18:00',
  hoursThursday: '06:00-11:30, 13:30-18:00',
  hoursFriday: '06:00-11:30, 13:30-18:00',
  hoursSaturday: '18:00-01:00',
  hoursSunday: '',
  hoursPublicHolidays: '-',
  hoursExceptions: '2027-02-05..2027-02-08: -\n2027-04-30: 08:00-12:00',
  ...overrides,
});

async function staff() {
  return signedIn('staff');
}

async function post(
  browser: Awaited<ReturnType<typeof staff>>['browser'],
  path: string,
  fields: Record<string, string>,
) {
  return postForm(browser, path, fields, STAFF_TOKEN_PAGE);
}

const idFrom = (location: string | null) => Number(/\/admin\/sales-points\/(\d+)/.exec(location ?? '')?.[1]);

describe('staff create a sales point', () => {
  it('saves every field: commune from the official list, coordinates, phone normalised, hours with holidays and exceptions', async () => {
    const { browser, user } = await staff();
    const fields = pointFields();
    const response = await post(browser, '/admin/sales-points', fields);
    expect(response.status).toBe(303);
    const id = idFrom(response.headers.get('location'));
    expect(response.headers.get('location')).toBe(`/admin/sales-points/${id}?created=1`);

    const row = await pointRow(id);
    expect(row).toMatchObject({
      name: fields.name,
      kind: 'market_stall',
      operator: 'Ban quản lý chợ Biên Hòa',
      provinceCode: '75',
      communeCode: '26068',
      street: 'Đường Cách Mạng Tháng Tám',
      latitude: 10.9467,
      longitude: 106.8226,
      phone: '+842513822123',
      zalo: '+84912345678',
      website: 'https://cho-bien-hoa.example.vn',
      status: 'active',
      proposedByProducerId: null,
      createdBy: user.id,
    });
    const vector = unitVector({ latitude: 10.9467, longitude: 106.8226 });
    expect(row.geoX).toBeCloseTo(vector.x, 12);
    expect(row.geoZ).toBeCloseTo(vector.z, 12);
    expect(row.openingHours).toEqual([
      {
        dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
        opens: '06:00',
        closes: '11:30',
      },
      {
        dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
        opens: '13:30',
        closes: '18:00',
      },
      { dayOfWeek: ['Saturday'], opens: '18:00', closes: '01:00' },
      { dayOfWeek: ['PublicHolidays'], opens: '00:00', closes: '00:00' },
      { opens: '00:00', closes: '00:00', validFrom: '2027-02-05', validThrough: '2027-02-08' },
      { opens: '08:00', closes: '12:00', validFrom: '2027-04-30', validThrough: '2027-04-30' },
    ]);
    const audit = await auditOf(id);
    expect(audit.map((entry) => entry.action)).toEqual(['sales_point.create']);
    expect(audit[0]!.actorUserId).toBe(user.id);

    // Public at once, with its hours in Vietnam time and its slug from the name.
    const page = await getPage(`/sales-points/${row.slug}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(fields.name);
    expect(page.html).toContain('0251 382 2123');
    expect(page.html).toContain('Đường Cách Mạng Tháng Tám, Phường Biên Hoà, Thành phố Đồng Nai');
  });

  it('shows the form again with the chosen province’s communes when the commune is of another province', async () => {
    const { browser } = await staff();
    const fields = pointFields({ provinceCode: '80', communeCode: '26068' });
    const response = await post(browser, '/admin/sales-points', fields);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#communeCode"');
    // Tây Ninh's communes are offered now, Biên Hòa's no longer.
    expect(html).toContain('value="27712"');
    expect(html).not.toContain('value="26068"');
    expect(html).toContain(`value="${fields.name}"`);
    expect(await testDb().select().from(salesPoints).where(eq(salesPoints.name, fields.name))).toEqual([]);
  });

  it('names each field it refuses: hours, coordinates outside Vietnam, phone, kind', async () => {
    const { browser } = await staff();
    const response = await post(
      browser,
      '/admin/sales-points',
      pointFields({
        hoursMonday: '7h sáng',
        hoursExceptions: '2027-02-30: -',
        location: '1.3521, 103.8198',
        phone: '1900 1234',
        kind: 'casino',
      }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const field of ['hoursMonday', 'hoursExceptions', 'location', 'phone', 'kind']) {
      expect(html, field).toContain(`href="#${field}"`);
    }
    expect(html).toContain('7h sáng');
    expect(html).toContain('đảo vĩ độ và kinh độ');
  });
});

describe('staff edit a sales point', () => {
  it('shows the stored fields as they were typed and saves changes with the values before and after', async () => {
    const { browser, user } = await staff();
    const created = await post(browser, '/admin/sales-points', pointFields());
    const id = idFrom(created.headers.get('location'));

    const form = await browser.request(`/admin/sales-points/${id}/edit`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('value="06:00-11:30, 13:30-18:00"');
    expect(html).toContain('value="18:00-01:00"');
    expect(html).toContain('2027-02-05..2027-02-08: -');
    expect(html).toContain('value="0251 382 2123"');
    expect(html).toMatch(/<option value="26068" selected/);

    const response = await post(
      browser,
      `/admin/sales-points/${id}`,
      pointFields({ name: 'Quầy OCOP chợ Biên Hòa', hoursSunday: '07:00-11:00' }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/admin/sales-points/${id}?saved=1`);
    const row = await pointRow(id);
    expect(row.name).toBe('Quầy OCOP chợ Biên Hòa');
    expect(row.openingHours).toContainEqual({ dayOfWeek: ['Sunday'], opens: '07:00', closes: '11:00' });
    const audit = await auditOf(id);
    expect(audit.map((entry) => entry.action)).toEqual(['sales_point.create', 'sales_point.update']);
    expect(audit[1]!.actorUserId).toBe(user.id);
  });

  it('answers 404 for a point that does not exist', async () => {
    const { browser } = await staff();
    expect((await browser.request('/admin/sales-points/999999/edit')).status).toBe(404);
    expect((await post(browser, '/admin/sales-points/999999', pointFields())).status).toBe(404);
  });
});

describe('the staff list', () => {
  it('puts proposals first and filters by status, province and kind', async () => {
    const { browser } = await staff();
    const word = uniqueSuffix();
    const proposal = await createSalesPoint({ name: `Đề xuất ${word}`, status: 'proposed', kind: 'rest_stop' });
    const active = await createSalesPoint({ name: `Đang bán ${word}`, provinceCode: '80', kind: 'market_stall' });
    const closed = await createSalesPoint({ name: `Đã đóng ${word}`, status: 'closed', statusReason: 'Sửa chữa' });

    const all = await (await browser.request('/admin/sales-points')).text();
    expect(all.indexOf(proposal.name)).toBeGreaterThan(-1);
    expect(all.indexOf(proposal.name)).toBeLessThan(all.indexOf(active.name));

    const byStatus = await (await browser.request('/admin/sales-points?status=closed')).text();
    expect(byStatus).toContain(closed.name);
    expect(byStatus).not.toContain(active.name);
    const byProvince = await (await browser.request('/admin/sales-points?province=80')).text();
    expect(byProvince).toContain(active.name);
    expect(byProvince).not.toContain(proposal.name);
    const byKind = await (await browser.request('/admin/sales-points?kind=rest_stop')).text();
    expect(byKind).toContain(proposal.name);
    expect(byKind).not.toContain(active.name);

    expect((await browser.request('/admin/sales-points?status=open')).status).toBe(400);
  });

  it('is linked from the admin home page with the proposals waiting', async () => {
    const { browser } = await staff();
    await createSalesPoint({ status: 'proposed' });
    const html = await (await browser.request('/admin')).text();
    expect(html).toContain('href="/admin/sales-points"');
    expect(html).toContain('href="/admin/sales-points?status=proposed"');
    expect(html).toMatch(/\d+ đề xuất chờ duyệt/);
    expect(html).not.toContain('Điểm giới thiệu và bán sản phẩm OCOP (sắp có)');
  });
});

describe('decisions: approve, reject, close and reopen with a reason', () => {
  it('approves a producer’s proposal: it becomes public', async () => {
    const { browser, user } = await staff();
    const point = await createSalesPoint({ status: 'proposed' });
    expect((await getPage(`/sales-points/${point.slug}`)).status).toBe(404);
    const response = await post(browser, `/admin/sales-points/${point.id}/status`, { action: 'approve' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/admin/sales-points/${point.id}?decided=approve`);
    expect((await pointRow(point.id)).status).toBe('active');
    expect((await getPage(`/sales-points/${point.slug}`)).status).toBe(200);
    const [entry] = await auditOf(point.id);
    expect(entry).toMatchObject({
      action: 'sales_point.status',
      actorUserId: user.id,
      before: { status: 'proposed' },
      after: { status: 'active', reason: null },
    });
  });

  it('rejects a proposal only with a reason, which is kept', async () => {
    const { browser } = await staff();
    const point = await createSalesPoint({ status: 'proposed' });
    const refused = await post(browser, `/admin/sales-points/${point.id}/status`, { action: 'reject', reason: ' ' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('href="#status-reason"');
    expect((await pointRow(point.id)).status).toBe('proposed');

    const response = await post(browser, `/admin/sales-points/${point.id}/status`, {
      action: 'reject',
      reason: 'Trùng với điểm bán đã có',
    });
    expect(response.status).toBe(303);
    expect(await pointRow(point.id)).toMatchObject({ status: 'rejected', statusReason: 'Trùng với điểm bán đã có' });
    expect((await getPage(`/sales-points/${point.slug}`)).status).toBe(404);
  });

  it('closes a point with a reason and reopens it with another: the public list follows', async () => {
    const { browser } = await staff();
    const point = await createSalesPoint({ latitude: 10.9611, longitude: 106.8531 });
    const near = '/api/v1/sales-points?near=10.9611,106.8531&radius_km=1';
    const slugs = async () => (await getJson<{ data: { slug: string }[] }>(near)).body.data.map((p) => p.slug);
    expect(await slugs()).toContain(point.slug);

    expect((await post(browser, `/admin/sales-points/${point.id}/status`, { action: 'close' })).status).toBe(400);
    const closing = await post(browser, `/admin/sales-points/${point.id}/status`, {
      action: 'close',
      reason: 'Đóng cửa sửa chữa',
    });
    expect(closing.status).toBe(303);
    expect(await pointRow(point.id)).toMatchObject({ status: 'closed', statusReason: 'Đóng cửa sửa chữa' });
    expect(await slugs()).not.toContain(point.slug);
    const page = await getPage(`/sales-points/${point.slug}`);
    expect(page.html).toContain('Điểm bán này đã ngừng hoạt động.');

    expect((await post(browser, `/admin/sales-points/${point.id}/status`, { action: 'reopen' })).status).toBe(400);
    const reopening = await post(browser, `/admin/sales-points/${point.id}/status`, {
      action: 'reopen',
      reason: 'Sửa chữa xong',
    });
    expect(reopening.status).toBe(303);
    expect(await pointRow(point.id)).toMatchObject({ status: 'active', statusReason: 'Sửa chữa xong' });
    expect(await slugs()).toContain(point.slug);
    expect((await auditOf(point.id)).map((entry) => entry.after)).toEqual([
      { status: 'closed', reason: 'Đóng cửa sửa chữa' },
      { status: 'active', reason: 'Sửa chữa xong' },
    ]);
  });

  it('refuses an action the status does not allow with 409, and offers only the allowed ones', async () => {
    const { browser } = await staff();
    const point = await createSalesPoint();
    const response = await post(browser, `/admin/sales-points/${point.id}/status`, { action: 'approve' });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('không thể thực hiện thao tác này ở trạng thái hiện tại');
    const html = await (await browser.request(`/admin/sales-points/${point.id}`)).text();
    expect(html).toContain('name="action" value="close"');
    expect(html).not.toContain('name="action" value="approve"');
  });

  it('lets exactly one of two simultaneous decisions on a proposal through', async () => {
    const first = await staff();
    const second = await staff();
    const point = await createSalesPoint({ status: 'proposed' });
    const [a, b] = await Promise.all([
      post(first.browser, `/admin/sales-points/${point.id}/status`, { action: 'approve' }),
      post(second.browser, `/admin/sales-points/${point.id}/status`, {
        action: 'reject',
        reason: 'Không đủ điều kiện',
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const row = await pointRow(point.id);
    expect(row.status).toBe(a.status === 303 ? 'active' : 'rejected');
    expect(await auditOf(point.id)).toHaveLength(1);
  });
});

describe('what a point sells, kept by staff', () => {
  it('lists any certified product with the point’s price and today’s confirmation, shown on the public page', async () => {
    const { browser, user } = await staff();
    const point = await createSalesPoint();
    const product = await createProduct({ nameVi: `Bưởi da xanh ${uniqueSuffix()}` });
    const response = await post(browser, `/admin/sales-points/${point.id}/stock`, {
      productId: String(product.id),
      price: '150.000',
      confirmed: '1',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/admin/sales-points/${point.id}?stock=1#stock-${product.id}`);
    const [line] = await testDb()
      .select()
      .from(salesPointProducts)
      .where(eq(salesPointProducts.salesPointId, point.id));
    expect(line).toMatchObject({ productId: product.id, price: 150_000, confirmedOn: today(), updatedBy: user.id });
    const page = await getPage(`/sales-points/${point.slug}`);
    expect(page.html).toContain(product.nameVi);
    expect(page.html).toContain('150.000');

    // Saving again without the box ticked keeps the last confirmation; the price may be cleared.
    await post(browser, `/admin/sales-points/${point.id}/stock`, { productId: String(product.id), price: '' });
    const [kept] = await testDb()
      .select()
      .from(salesPointProducts)
      .where(eq(salesPointProducts.salesPointId, point.id));
    expect(kept).toMatchObject({ price: null, confirmedOn: today() });

    const removed = await post(browser, `/admin/sales-points/${point.id}/stock`, {
      productId: String(product.id),
      remove: '1',
    });
    expect(removed.status).toBe(303);
    expect(
      await testDb().select().from(salesPointProducts).where(eq(salesPointProducts.salesPointId, point.id)),
    ).toEqual([]);
    expect((await auditOf(point.id)).map((entry) => entry.action)).toEqual([
      'sales_point.stock',
      'sales_point.stock',
      'sales_point.unstock',
    ]);
  });

  it('refuses a product without a valid OCOP certification of 3 stars or more, saying why', async () => {
    const { browser } = await staff();
    const point = await createSalesPoint();
    const cases = [
      { spec: { certifications: [] }, words: 'chưa có chứng nhận OCOP còn hiệu lực' },
      { spec: { certifications: [{ stars: 2 }] }, words: 'mới đạt 2 sao' },
      { spec: { certifications: [{ stars: 4, status: 'revoked' as const }] }, words: 'đã bị thu hồi' },
      {
        spec: {
          certifications: [{ stars: 3, decisionDate: addMonths(today(), -40), validUntil: addMonths(today(), -4) }],
        },
        words: 'chỉ có hiệu lực đến ngày',
      },
      { spec: { isPublished: false }, words: 'đang bị ẩn khỏi danh mục' },
    ];
    for (const { spec, words } of cases) {
      const product = await createProduct(spec);
      const response = await post(browser, `/admin/sales-points/${point.id}/stock`, { productId: String(product.id) });
      expect(response.status, words).toBe(400);
      expect(await response.text(), words).toContain(words);
    }
    expect(
      await testDb().select().from(salesPointProducts).where(eq(salesPointProducts.salesPointId, point.id)),
    ).toEqual([]);
  });

  it('finds products by name without accents, each with whether it may be listed', async () => {
    const { browser } = await staff();
    const point = await createSalesPoint();
    const word = `Xoai${uniqueSuffix().replace(/\d/g, 'x')}`;
    const listed = await createProduct({ nameVi: `Xoài cát ${word} loại 1` });
    const lapsed = await createProduct({ nameVi: `Xoài cát ${word} loại 2`, certifications: [{ stars: 2 }] });
    await stockAt(point.id, listed.id, 90_000);
    const html = await (
      await browser.request(`/admin/sales-points/${point.id}?q=${encodeURIComponent(`xoai cat ${word}`)}`)
    ).text();
    expect(html).toContain(listed.nameVi);
    expect(html).toContain(lapsed.nameVi);
    expect(html).toContain('Không thể bày bán: mới đạt 2 sao');
    expect(html).toContain('Giá tại điểm: 90.000');
  });
});

/** A real 1×1 PNG. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

describe('photos of a point', () => {
  it('stores a photo in R2 with its row and audit entry, shows it publicly, and removes both', async () => {
    const { browser } = await staff();
    const point = await createSalesPoint();
    const csrf = await browser.csrfFrom(STAFF_TOKEN_PAGE);
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('altVi', 'Quầy hàng OCOP trong chợ');
    form.set('photo', new File([PNG], 'quay.png', { type: 'image/png' }));
    const response = await browser.request(`/admin/sales-points/${point.id}/photos`, { method: 'POST', body: form });
    expect(response.status).toBe(303);
    const [photo] = await testDb().select().from(salesPointPhotos).where(eq(salesPointPhotos.salesPointId, point.id));
    expect(photo).toMatchObject({ altVi: 'Quầy hàng OCOP trong chợ' });
    const key = photo!.url.replace('/media/', '');
    expect(await env.MEDIA.head(key)).not.toBeNull();
    const served = await fetchApp(photo!.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect((await getPage(`/sales-points/${point.slug}`)).html).toContain('alt="Quầy hàng OCOP trong chợ"');

    const removed = await postForm(
      browser,
      `/admin/sales-points/${point.id}/photos/${photo!.id}/delete`,
      {},
      STAFF_TOKEN_PAGE,
    );
    expect(removed.status).toBe(303);
    expect(await testDb().select().from(salesPointPhotos).where(eq(salesPointPhotos.salesPointId, point.id))).toEqual(
      [],
    );
    expect(await env.MEDIA.head(key)).toBeNull();
    expect((await auditOf(point.id)).map((entry) => entry.action)).toEqual([
      'sales_point.photo_add',
      'sales_point.photo_remove',
    ]);
  });

  it('records the photo’s size, and a photo of at least 600 × 315 becomes the link preview', async () => {
    const { browser } = await staff();
    const point = await createSalesPoint();
    const form = new FormData();
    form.set('_csrf', await browser.csrfFrom(STAFF_TOKEN_PAGE));
    form.set('altVi', 'Mặt tiền điểm bán');
    form.set('photo', new File([tinyJpeg({ width: 800, height: 600 })], 'mat-tien.jpg', { type: 'image/jpeg' }));
    const response = await browser.request(`/admin/sales-points/${point.id}/photos`, { method: 'POST', body: form });
    expect(response.status).toBe(303);
    const [photo] = await testDb().select().from(salesPointPhotos).where(eq(salesPointPhotos.salesPointId, point.id));
    expect(photo).toMatchObject({ width: 800, height: 600 });
    const { html } = await getPage(`/sales-points/${point.slug}`);
    expect(html).toContain(`<meta property="og:image" content="http://localhost:8787${photo!.url}"/>`);
    expect(html).toContain('<meta property="og:image:width" content="800"/>');
    expect(html).toContain('<meta property="og:image:height" content="600"/>');
    expect(html).toContain('<meta property="og:image:type" content="image/jpeg"/>');
  });

  it('refuses a file that is not a photo (415) and keeps nothing', async () => {
    const { browser } = await staff();
    const point = await createSalesPoint();
    const before = (await env.MEDIA.list()).objects.length;
    const form = new FormData();
    form.set('_csrf', await browser.csrfFrom(STAFF_TOKEN_PAGE));
    form.set('altVi', 'Ảnh');
    form.set('photo', new File(['<svg/>'], 'anh.png', { type: 'image/png' }));
    const response = await browser.request(`/admin/sales-points/${point.id}/photos`, { method: 'POST', body: form });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('href="#photo-photo"');
    expect((await env.MEDIA.list()).objects.length).toBe(before);
  });
});
