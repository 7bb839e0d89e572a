import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, productVariants, products, stockAdjustments } from '../../db/schema';
import { BrowserSession } from '../support/browser-session';
import { createProduct, testDb } from '../support/factories';
import { getJson, uniqueWord } from '../support/http';
import { postForm, signedIn } from '../support/portal';

/** A member with a certified, published product of their own organisation. */
async function memberWithProduct(spec: Parameters<typeof createProduct>[0] = {}) {
  const member = await signedIn('producer_member');
  const product = await createProduct({ producerId: member.user.producerId!, ...spec });
  return { ...member, product };
}

const productRow = async (id: number) => (await testDb().select().from(products).where(eq(products.id, id)))[0]!;

const listingFields = (overrides: Record<string, string> = {}) => ({
  nameEn: '',
  descriptionVi: '',
  descriptionEn: '',
  storyVi: '',
  storyEn: '',
  unit: 'bottle',
  price: '100000',
  ...overrides,
});

const auditActions = async (productId: number) =>
  (
    await testDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'product'), eq(auditLog.entityId, String(productId))))
      .orderBy(desc(auditLog.id))
  ).map((row) => row.action);

interface ProductList {
  data: { slug: string; price: number | null; stock: number }[];
}

const listedSlugs = async (word: string) =>
  (await getJson<ProductList>(`/api/v1/products?q=${word}`)).body.data.map((p) => p.slug);

describe('GET /portal/products/:id', () => {
  it('shows a member their product with the certified facts read-only', async () => {
    const { browser, product } = await memberWithProduct();
    const response = await browser.request(`/portal/products/${product.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(product.nameVi);
    expect(html).toContain('Thông tin được chứng nhận');
    expect(html).toContain('4 sao OCOP');
    expect(html).not.toMatch(/name="nameVi"/);
  });

  it("answers 404 for another organisation's product, exactly as for a missing one", async () => {
    const { browser } = await signedIn('producer_member');
    const foreign = await createProduct();
    expect((await browser.request(`/portal/products/${foreign.id}`)).status).toBe(404);
    expect((await browser.request('/portal/products/999999999')).status).toBe(404);
  });

  it('refuses staff with 403', async () => {
    const { browser } = await signedIn('staff');
    const product = await createProduct();
    expect((await browser.request(`/portal/products/${product.id}`)).status).toBe(403);
    expect((await browser.request('/portal')).status).toBe(403);
  });

  it('sends an anonymous visitor to the login page', async () => {
    const product = await createProduct();
    const response = await new BrowserSession().request(`/portal/products/${product.id}`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      `/login?next=${encodeURIComponent(`/portal/products/${product.id}`)}`,
    );
  });

  it('lets an administrator open any product', async () => {
    const { browser } = await signedIn('admin');
    const product = await createProduct();
    expect((await browser.request(`/portal/products/${product.id}`)).status).toBe(200);
  });
});

describe('POST /portal/products/:id (listing details)', () => {
  it('saves descriptions and price, shows them on the public page and audits the change', async () => {
    const { browser, product } = await memberWithProduct();
    const response = await postForm(
      browser,
      `/portal/products/${product.id}`,
      listingFields({ descriptionVi: 'Mật ong hoa bạc hà lên men tự nhiên', price: '185.000' }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/portal/products/${product.id}?saved=1`);
    const row = await productRow(product.id);
    expect(row.descriptionVi).toBe('Mật ong hoa bạc hà lên men tự nhiên');
    expect(row.price).toBe(185_000);
    const publicPage = await (await new BrowserSession().request(`/products/${product.slug}`)).text();
    expect(publicPage).toContain('Mật ong hoa bạc hà lên men tự nhiên');
    expect(publicPage).toContain('185.000 ₫');
    expect(await auditActions(product.id)).toContain('product.update_listing');
  });

  it('marks a product sold at points only: its public page offers no cart, then offers it again', async () => {
    const { browser, product } = await memberWithProduct();
    await postForm(browser, `/portal/products/${product.id}`, listingFields({ soldAtPointsOnly: '1' }));
    expect((await productRow(product.id)).soldAtPointsOnly).toBe(true);
    const offered = await (await new BrowserSession().request(`/products/${product.slug}`)).text();
    expect(offered).not.toContain('action="/cart/items"');
    expect(offered).toContain('chỉ bán tại điểm bán');
    await postForm(browser, `/portal/products/${product.id}`, listingFields());
    expect((await productRow(product.id)).soldAtPointsOnly).toBe(false);
    expect(await (await new BrowserSession().request(`/products/${product.slug}`)).text()).toContain(
      'action="/cart/items"',
    );
  });

  it('ignores posted certified facts: name, group, stars and decision stay as certified', async () => {
    const { browser, product } = await memberWithProduct();
    const before = await productRow(product.id);
    const response = await postForm(
      browser,
      `/portal/products/${product.id}`,
      listingFields({ nameVi: 'Tên khác', groupId: '148.beverage', ocopStars: '5', certifiedUntil: '2099-01-01' }),
    );
    expect(response.status).toBe(303);
    const after = await productRow(product.id);
    expect(after.nameVi).toBe(before.nameVi);
    expect(after.groupId).toBe(before.groupId);
    expect(after.ocopStars).toBe(4);
    expect(after.certifiedUntil).toBe(before.certifiedUntil);
  });

  it('refreshes the search text when the English name changes', async () => {
    const { browser, product } = await memberWithProduct();
    const word = uniqueWord();
    await postForm(browser, `/portal/products/${product.id}`, listingFields({ nameEn: `Mint honey ${word}` }));
    expect(await listedSlugs(word)).toEqual([product.slug]);
  });

  it('re-renders the form with the typed values and names the field on bad input, writing nothing', async () => {
    const { browser, product } = await memberWithProduct();
    const response = await postForm(
      browser,
      `/portal/products/${product.id}`,
      listingFields({ descriptionVi: 'Mô tả mới', price: 'một trăm nghìn' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#price"');
    expect(html).toContain('Mô tả mới');
    expect((await productRow(product.id)).descriptionVi).toBeNull();
  });

  it("leaves another organisation's product unchanged and answers 404", async () => {
    const { browser } = await signedIn('producer_member');
    const foreign = await createProduct({ price: 90_000 });
    const response = await postForm(browser, `/portal/products/${foreign.id}`, listingFields({ price: '1' }));
    expect(response.status).toBe(404);
    expect((await productRow(foreign.id)).price).toBe(90_000);
  });

  it('answers 401 to an anonymous form', async () => {
    const product = await createProduct();
    const anonymous = new BrowserSession();
    const _csrf = await anonymous.csrfFrom('/login');
    const response = await anonymous.post(`/portal/products/${product.id}`, { _csrf, ...listingFields() });
    expect(response.status).toBe(401);
  });
});

describe('POST /portal/products/:id/publish', () => {
  it('hides and shows the product in the public API listing', async () => {
    const word = uniqueWord();
    const { browser, product } = await memberWithProduct({ nameVi: `Bưởi da xanh ${word}` });
    expect(await listedSlugs(word)).toEqual([product.slug]);

    expect((await postForm(browser, `/portal/products/${product.id}/publish`, { published: '0' })).status).toBe(303);
    expect(await listedSlugs(word)).toEqual([]);

    expect((await postForm(browser, `/portal/products/${product.id}/publish`, { published: '1' })).status).toBe(303);
    expect(await listedSlugs(word)).toEqual([product.slug]);
    expect((await auditActions(product.id)).slice(0, 2)).toEqual(['product.publish', 'product.unpublish']);
  });
});

describe('POST /portal/products/:id/variants', () => {
  it('adds a pack size with a valid GTIN; the catalogue takes the lowest variant price', async () => {
    const word = uniqueWord();
    const { browser, product } = await memberWithProduct({ nameVi: `Rượu nhung hươu ${word}`, price: 300_000 });
    const gtin = '8934588012228';
    const first = await postForm(browser, `/portal/products/${product.id}/variants`, {
      labelVi: 'Chai 500 ml',
      labelEn: '500 ml bottle',
      price: '250000',
      gtin: '893 4588 01222 8',
    });
    expect(first.status).toBe(303);
    await postForm(browser, `/portal/products/${product.id}/variants`, { labelVi: 'Chai 1 lít', price: '450000' });

    const variants = await testDb().select().from(productVariants).where(eq(productVariants.productId, product.id));
    expect(variants.map((v) => [v.labelVi, v.price, v.gtin])).toEqual([
      ['Chai 500 ml', 250_000, `0${gtin}`],
      ['Chai 1 lít', 450_000, null],
    ]);
    const listed = (await getJson<ProductList>(`/api/v1/products?q=${word}`)).body.data[0]!;
    expect(listed.price).toBe(250_000);
    expect(listed.stock).toBe(0);
    expect(await auditActions(product.id)).toContain('variant.create');
  });

  it('refuses a GTIN with a wrong check digit: 400 naming the field, nothing written', async () => {
    const { browser, product } = await memberWithProduct();
    const response = await postForm(browser, `/portal/products/${product.id}/variants`, {
      labelVi: 'Hộp 6 chai',
      price: '600000',
      gtin: '8934588012229',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#new-gtin"');
    expect(html).toContain('sai số kiểm tra');
    expect(html).toContain('value="Hộp 6 chai"');
    const variants = await testDb().select().from(productVariants).where(eq(productVariants.productId, product.id));
    expect(variants).toEqual([]);
    expect(await auditActions(product.id)).not.toContain('variant.create');
  });

  it('edits a pack size and keeps the catalogue price in step', async () => {
    const { browser, product } = await memberWithProduct();
    await postForm(browser, `/portal/products/${product.id}/variants`, { labelVi: 'Hũ 250 g', price: '120000' });
    const [variant] = await testDb().select().from(productVariants).where(eq(productVariants.productId, product.id));
    const response = await postForm(browser, `/portal/products/${product.id}/variants/${variant!.id}`, {
      labelVi: 'Hũ 300 g',
      price: '135000',
      gtin: '96385074',
    });
    expect(response.status).toBe(303);
    const [edited] = await testDb().select().from(productVariants).where(eq(productVariants.id, variant!.id));
    expect([edited!.labelVi, edited!.price, edited!.gtin]).toEqual(['Hũ 300 g', 135_000, '00000096385074']);
    expect((await productRow(product.id)).price).toBe(135_000);
  });
});

describe('POST /portal/products/:id/stock', () => {
  const history = async (productId: number) =>
    testDb()
      .select()
      .from(stockAdjustments)
      .where(eq(stockAdjustments.productId, productId))
      .orderBy(stockAdjustments.id);

  it('applies a delta with a reason, keeps the history and shows it', async () => {
    const { browser, user, product } = await memberWithProduct({ stock: 10 });
    const received = await postForm(browser, `/portal/products/${product.id}/stock`, {
      target: 'product',
      delta: '+15',
      reason: 'received',
      note: 'Lô tháng 3',
    });
    expect(received.status).toBe(303);
    await postForm(browser, `/portal/products/${product.id}/stock`, {
      target: 'product',
      delta: '-4',
      reason: 'damaged',
      note: '',
    });
    expect((await productRow(product.id)).stock).toBe(21);
    const rows = await history(product.id);
    expect(rows.map((r) => [r.delta, r.stockAfter, r.reason, r.userId])).toEqual([
      [15, 25, 'received: Lô tháng 3', user.id],
      [-4, 21, 'damaged', user.id],
    ]);
    const page = await (await browser.request(`/portal/products/${product.id}`)).text();
    expect(page).toContain('Nhập thêm hàng: Lô tháng 3');
    expect(page).toContain('-4 → còn 21');
    expect(await auditActions(product.id)).toContain('stock.adjust');
  });

  it('never takes stock below zero: 400 naming the field, nothing written', async () => {
    const { browser, product } = await memberWithProduct({ stock: 3 });
    const response = await postForm(browser, `/portal/products/${product.id}/stock`, {
      target: 'product',
      delta: '-4',
      reason: 'sold_offline',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#delta"');
    expect(html).toContain('hiện còn 3');
    expect((await productRow(product.id)).stock).toBe(3);
    expect(await history(product.id)).toEqual([]);
  });

  it('refuses a reason outside the closed list', async () => {
    const { browser, product } = await memberWithProduct({ stock: 3 });
    const response = await postForm(browser, `/portal/products/${product.id}/stock`, {
      target: 'product',
      delta: '1',
      reason: 'gift',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('href="#reason"');
    expect(await history(product.id)).toEqual([]);
  });

  it('adjusts a pack size; the product stock is the sum of its pack sizes', async () => {
    const { browser, product } = await memberWithProduct({ stock: 0 });
    await postForm(browser, `/portal/products/${product.id}/variants`, { labelVi: 'Túi 1 kg', price: '80000' });
    await postForm(browser, `/portal/products/${product.id}/variants`, { labelVi: 'Túi 5 kg', price: '350000' });
    const variants = await testDb()
      .select()
      .from(productVariants)
      .where(eq(productVariants.productId, product.id))
      .orderBy(productVariants.id);
    await postForm(browser, `/portal/products/${product.id}/stock`, {
      target: String(variants[0]!.id),
      delta: '7',
      reason: 'received',
    });
    await postForm(browser, `/portal/products/${product.id}/stock`, {
      target: String(variants[1]!.id),
      delta: '2',
      reason: 'received',
    });
    expect((await productRow(product.id)).stock).toBe(9);

    const wholeProduct = await postForm(browser, `/portal/products/${product.id}/stock`, {
      target: 'product',
      delta: '1',
      reason: 'correction',
    });
    expect(wholeProduct.status).toBe(400);
    expect(await wholeProduct.text()).toContain('href="#target"');
  });
});
