import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, salesPointProducts, salesPoints } from '../../db/schema';
import { createProducer, createProduct, testDb, today, uniqueSuffix } from '../support/factories';
import { getJson } from '../support/http';
import { postForm, signedIn } from '../support/portal';
import { createSalesPoint, stockAt } from '../support/sales-points';
import { getPage } from './html';

const TOKEN_PAGE = '/portal/sales-points';

const pointRow = async (id: number) => (await testDb().select().from(salesPoints).where(eq(salesPoints.id, id)))[0]!;

const stockOf = (pointId: number) =>
  testDb().select().from(salesPointProducts).where(eq(salesPointProducts.salesPointId, pointId));

/** A producer's proposal as typed on a phone: the least a point needs, and weekday hours. */
const proposalFields = (overrides: Record<string, string> = {}) => ({
  name: `Cửa hàng đặc sản Tân Triều ${uniqueSuffix()}`,
  kind: 'ocop_centre',
  operator: '',
  provinceCode: '75',
  communeCode: '26188',
  street: 'Ấp Tân Triều',
  location: '11.0103, 106.8802',
  phone: '0912 345 678',
  zalo: '',
  website: '',
  hoursMonday: '07:00-19:00',
  hoursTuesday: '07:00-19:00',
  hoursWednesday: '07:00-19:00',
  hoursThursday: '07:00-19:00',
  hoursFriday: '07:00-19:00',
  hoursSaturday: '07:00-19:00',
  hoursSunday: '07:00-19:00',
  hoursPublicHolidays: '',
  hoursExceptions: '',
  ...overrides,
});

async function member() {
  const producerId = await createProducer();
  return { producerId, ...(await signedIn('producer_member', producerId)) };
}

const idFrom = (location: string | null) => Number(/\/portal\/sales-points\/(\d+)/.exec(location ?? '')?.[1]);

describe('a producer proposes a sales point', () => {
  it('records the proposal with its proposer, keeps it out of public view, and lists it with its status', async () => {
    const { browser, user, producerId } = await member();
    const fields = proposalFields();
    const response = await postForm(browser, '/portal/sales-points', fields, TOKEN_PAGE);
    expect(response.status).toBe(303);
    const id = idFrom(response.headers.get('location'));
    expect(response.headers.get('location')).toBe(`/portal/sales-points/${id}?proposed=1`);
    const row = await pointRow(id);
    expect(row).toMatchObject({
      name: fields.name,
      status: 'proposed',
      proposedByProducerId: producerId,
      createdBy: user.id,
      communeCode: '26188',
      phone: '+84912345678',
    });
    const [entry] = await testDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'sales_point'), eq(auditLog.entityId, String(id))));
    expect(entry).toMatchObject({ action: 'sales_point.propose', actorUserId: user.id });

    expect((await getPage(`/sales-points/${row.slug}`)).status).toBe(404);
    expect((await getJson(`/api/v1/sales-points/${id}`)).status).toBe(404);

    const page = await (await browser.request(`/portal/sales-points/${id}?proposed=1`)).text();
    expect(page).toContain('Đã gửi đề xuất.');
    expect(page).toContain('Chờ duyệt');
    const list = await (await browser.request('/portal/sales-points')).text();
    expect(list).toContain(fields.name);
  });

  it('starts the form in the organisation’s province and shows problems beside their fields', async () => {
    const { browser } = await member();
    const form = await (await browser.request('/portal/sales-points/new')).text();
    expect(form).toMatch(/<option value="75" selected/);
    expect(form).toContain('value="26188"');
    const response = await postForm(
      browser,
      '/portal/sales-points',
      proposalFields({ location: '', hoursSunday: '25:00-26:00' }),
      TOKEN_PAGE,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#location"');
    expect(html).toContain('href="#hoursSunday"');
  });

  it('shows staff’s decision and reason on the producer’s list and page', async () => {
    const { browser, producerId } = await member();
    const rejected = await createSalesPoint({
      status: 'rejected',
      proposedByProducerId: producerId,
      statusReason: 'Trùng với điểm bán đã có',
    });
    const approved = await createSalesPoint({ status: 'active', proposedByProducerId: producerId });
    const list = await (await browser.request('/portal/sales-points')).text();
    expect(list).toContain('Bị từ chối: Trùng với điểm bán đã có');
    expect(list).toContain(approved.name);
    const page = await (await browser.request(`/portal/sales-points/${rejected.id}`)).text();
    expect(page).toContain('Đề xuất đã bị từ chối.');
    expect(page).toContain('Bị từ chối: Trùng với điểm bán đã có');
  });
});

describe('a producer edits its proposal', () => {
  it('changes it while it waits, with an audit entry', async () => {
    const { browser, producerId } = await member();
    const point = await createSalesPoint({ status: 'proposed', proposedByProducerId: producerId });
    const form = await browser.request(`/portal/sales-points/${point.id}/edit`);
    expect(form.status).toBe(200);
    const response = await postForm(
      browser,
      `/portal/sales-points/${point.id}`,
      proposalFields({ name: 'Cửa hàng OCOP Tân Triều' }),
      TOKEN_PAGE,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/portal/sales-points/${point.id}?saved=1`);
    expect((await pointRow(point.id)).name).toBe('Cửa hàng OCOP Tân Triều');
  });

  it('cannot change it once staff decided (409)', async () => {
    const { browser, producerId } = await member();
    const point = await createSalesPoint({ status: 'active', proposedByProducerId: producerId });
    const response = await postForm(browser, `/portal/sales-points/${point.id}`, proposalFields(), TOKEN_PAGE);
    expect(response.status).toBe(409);
    expect((await pointRow(point.id)).name).toBe(point.name);
  });

  it('never sees or changes another organisation’s proposal: 404', async () => {
    const { browser } = await member();
    const other = await createProducer();
    const point = await createSalesPoint({ status: 'proposed', proposedByProducerId: other });
    expect((await browser.request(`/portal/sales-points/${point.id}`)).status).toBe(404);
    expect((await browser.request(`/portal/sales-points/${point.id}/edit`)).status).toBe(404);
    const response = await postForm(browser, `/portal/sales-points/${point.id}`, proposalFields(), TOKEN_PAGE);
    expect(response.status).toBe(404);
    expect((await pointRow(point.id)).name).toBe(point.name);
    expect(await (await browser.request('/portal/sales-points')).text()).not.toContain(point.name);
  });

  it('is not for staff: the portal refuses them', async () => {
    const { browser } = await signedIn('staff');
    expect((await browser.request('/portal/sales-points')).status).toBe(403);
  });
});

describe('a producer keeps its own products at a point', () => {
  it('lists its own certified product with the point’s price and today’s confirmation, shown publicly', async () => {
    const { browser, producerId, user } = await member();
    const point = await createSalesPoint();
    const product = await createProduct({ producerId, nameVi: `Bưởi Tân Triều ${uniqueSuffix()}` });
    const page = await (await browser.request(`/portal/sales-points/${point.id}`)).text();
    expect(page).toContain(product.nameVi);
    expect(page).toContain('Chưa bày bán');

    const response = await postForm(
      browser,
      `/portal/sales-points/${point.id}/stock`,
      { productId: String(product.id), price: '85 000', confirmed: '1' },
      TOKEN_PAGE,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/portal/sales-points/${point.id}?stock=1#stock-${product.id}`);
    expect(await stockOf(point.id)).toMatchObject([
      { productId: product.id, price: 85_000, confirmedOn: today(), updatedBy: user.id },
    ]);
    const pub = await getPage(`/sales-points/${point.slug}`);
    expect(pub.html).toContain(product.nameVi);
    expect(pub.html).toContain('85.000');
    const list = await (await browser.request('/portal/sales-points')).text();
    expect(list).toContain(point.name);
    expect(list).toContain('1 sản phẩm của bạn');
  });

  it('says why a product may not be listed, and refuses it with that reason', async () => {
    const { browser, producerId } = await member();
    const point = await createSalesPoint();
    const lapsed = await createProduct({ producerId, certifications: [{ stars: 2 }] });
    const page = await (await browser.request(`/portal/sales-points/${point.id}`)).text();
    expect(page).toContain('Không thể bày bán: mới đạt 2 sao, chưa phải chứng nhận OCOP (từ 3 sao)');
    const response = await postForm(
      browser,
      `/portal/sales-points/${point.id}/stock`,
      { productId: String(lapsed.id) },
      TOKEN_PAGE,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('mới đạt 2 sao');
    expect(await stockOf(point.id)).toEqual([]);
  });

  it('cannot touch another organisation’s product (404), even one the point sells', async () => {
    const { browser } = await member();
    const point = await createSalesPoint();
    const theirs = await createProduct();
    await stockAt(point.id, theirs.id, 100_000);
    const attempts: Record<string, string>[] = [
      { productId: String(theirs.id), price: '1' },
      { productId: String(theirs.id), remove: '1' },
    ];
    for (const fields of attempts) {
      const response = await postForm(browser, `/portal/sales-points/${point.id}/stock`, fields, TOKEN_PAGE);
      expect(response.status).toBe(404);
    }
    expect(await stockOf(point.id)).toMatchObject([{ productId: theirs.id, price: 100_000 }]);
    // The page lists only the member's own products.
    expect(await (await browser.request(`/portal/sales-points/${point.id}`)).text()).not.toContain(theirs.nameVi);
  });

  it('lists nothing at a point that is not active', async () => {
    const { browser, producerId } = await member();
    const proposal = await createSalesPoint({ status: 'proposed', proposedByProducerId: producerId });
    const product = await createProduct({ producerId });
    const page = await (await browser.request(`/portal/sales-points/${proposal.id}`)).text();
    expect(page).toContain('Điểm bán chưa hoạt động hoặc đã đóng');
    const response = await postForm(
      browser,
      `/portal/sales-points/${proposal.id}/stock`,
      { productId: String(product.id) },
      TOKEN_PAGE,
    );
    expect(response.status).toBe(409);
    // A closed point of someone else is simply not there.
    const closed = await createSalesPoint({ status: 'closed' });
    expect((await browser.request(`/portal/sales-points/${closed.id}`)).status).toBe(404);
  });

  it('takes its product off a point', async () => {
    const { browser, producerId } = await member();
    const point = await createSalesPoint();
    const product = await createProduct({ producerId });
    await stockAt(point.id, product.id);
    const response = await postForm(
      browser,
      `/portal/sales-points/${point.id}/stock`,
      { productId: String(product.id), remove: '1' },
      TOKEN_PAGE,
    );
    expect(response.status).toBe(303);
    expect(await stockOf(point.id)).toEqual([]);
  });

  it('offers the active points of a province to start at', async () => {
    const { browser } = await member();
    const inTayNinh = await createSalesPoint({ provinceCode: '80', name: `Điểm Tây Ninh ${uniqueSuffix()}` });
    const proposal = await createSalesPoint({ provinceCode: '80', status: 'proposed' });
    const html = await (await browser.request('/portal/sales-points?province=80')).text();
    expect(html).toContain(inTayNinh.name);
    expect(html).not.toContain(proposal.name);
    expect(html).toMatch(/<option value="80" selected/);
  });
});

describe('an administrator in the portal', () => {
  it('chooses the organisation first, then works as it', async () => {
    const { browser } = await signedIn('admin');
    const producerId = await createProducer();
    const choose = await (await browser.request('/portal/sales-points')).text();
    expect(choose).toContain('name="producer"');
    const point = await createSalesPoint();
    const product = await createProduct({ producerId });
    const response = await postForm(
      browser,
      `/portal/sales-points/${point.id}/stock?producer=${producerId}`,
      { productId: String(product.id) },
      `/portal/sales-points?producer=${producerId}`,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/portal/sales-points/${point.id}?stock=1&producer=${producerId}#stock-${product.id}`,
    );
  });
});
