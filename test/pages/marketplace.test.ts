/**
 * The marketplace pages as a browser uses them, without JavaScript: the product page's offer, the
 * cart (surviving sign-in), checkout with its checks, the buyer's order page, the producer's
 * fulfilment in the portal, staff's view, and the stock each step takes or gives back.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orders, payments, producers, subOrderEvents, subOrders } from '../../db/schema';
import { createApp } from '../../worker/app';
import { findShippingRule } from '../../worker/data/producers';
import { BrowserSession } from '../support/browser-session';
import { cartWith, createSaleProduct, createSeller, DEMO_ACCOUNT, setShipping, stockOf } from '../support/commerce';
import { createProduct, testDb } from '../support/factories';
import { fetchApp } from '../support/http';
import { postForm, signedIn } from '../support/portal';

const ORIGIN = 'http://localhost';

async function addToCart(browser: BrowserSession, productId: number, quantity = 1, variantId?: number) {
  return browser.request('/cart/items', {
    method: 'POST',
    headers: { origin: ORIGIN },
    body: new URLSearchParams({
      productId: String(productId),
      quantity: String(quantity),
      ...(variantId ? { variantId: String(variantId) } : {}),
    }),
  });
}

interface CheckoutFields {
  [field: string]: string;
}

/** Fills the checkout form as a buyer would: the form's own token and key, then the answers. */
async function checkout(browser: BrowserSession, answers: CheckoutFields) {
  const form = await (await browser.request('/checkout')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)![1]!;
  // What the page chose for each producer, as a browser sends the checked radio buttons.
  const chosen = Object.fromEntries(
    [...form.matchAll(/name="(delivery\.\d+)" type="radio" value="([^"]+)" checked=""/g)].map((match) => [
      match[1]!,
      match[2]!,
    ]),
  );
  const fields = {
    _csrf: csrf,
    idempotencyKey: key,
    ...chosen,
    name: 'Lê Thị Hoa',
    phone: '0912 345 678',
    provinceCode: '75',
    communeCode: '26068',
    street: '8 Cách Mạng Tháng Tám',
    paymentMethod: 'vietqr',
    intent: 'place',
    ...answers,
  };
  return { response: await browser.post('/checkout', fields), fields };
}

describe('the product page offer', () => {
  it('has an add-to-cart form for a product on sale, who to call for a tourism service, and the cart refuses those with the reason', async () => {
    const product = await createSaleProduct({ stock: 4 });
    const page = await (await fetchApp(`/products/${product.slug}`)).text();
    expect(page).toContain('<form method="post" action="/cart/items" class="buy-box"');
    expect(page).not.toContain('name="_csrf"');

    const producer = await createSeller();
    await testDb().update(producers).set({ phone: '0913672418' }).where(eq(producers.id, producer));
    const tour = await createProduct({ groupId: '148.tourism', producerId: producer });
    const tourPage = await (await fetchApp(`/products/${tour.slug}`)).text();
    expect(tourPage).not.toContain('action="/cart/items"');
    expect(tourPage).toContain('dịch vụ du lịch');
    expect(tourPage).toContain('href="tel:0913672418"');
    // A form sent anyway (an old page, a crafted request) is refused with the reason, and the cart stays empty.
    const browser = new BrowserSession();
    const forced = await addToCart(browser, tour.id);
    expect(forced.status).toBe(400);
    expect(await forced.text()).toContain('là dịch vụ du lịch: hãy đặt chỗ trực tiếp');
    expect(await (await browser.request('/cart')).text()).toContain('Giỏ hàng đang trống.');

    const pointsOnly = await createSaleProduct({ soldAtPointsOnly: true });
    const pointsPage = await (await fetchApp(`/products/${pointsOnly.slug}`)).text();
    expect(pointsPage).not.toContain('action="/cart/items"');
    expect(pointsPage).toContain('chỉ bán tại điểm bán');
    const pointsOnlyAdd = await addToCart(browser, pointsOnly.id);
    expect(pointsOnlyAdd.status).toBe(400);
    expect(await pointsOnlyAdd.text()).toContain('chỉ bán tại điểm bán và gian hàng hội chợ của chủ thể');
  });
});

describe('the cart', () => {
  it('adds from the product page only from this site, and shows lines per producer', async () => {
    const product = await createSaleProduct({ price: 120_000, stock: 5, nameVi: 'Trà Tân Cương' });
    const browser = new BrowserSession();
    const foreign = await browser.request('/cart/items', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new URLSearchParams({ productId: String(product.id) }),
    });
    expect(foreign.status).toBe(403);
    const added = await addToCart(browser, product.id, 2);
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/cart?added=1');
    expect(browser.cookie('ocop_cart')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await (await browser.request('/cart?added=1')).text();
    expect(page).toContain('Trà Tân Cương');
    expect(page).toContain('240.000 ₫');
    expect(page).toContain('Đã thêm vào giỏ hàng.');
  });

  it('refuses more than the stock, naming what is left, and changes or removes a line', async () => {
    const product = await createSaleProduct({ stock: 3, nameVi: 'Bánh tét lá cẩm' });
    const browser = new BrowserSession();
    await addToCart(browser, product.id, 2);
    const tooMany = await addToCart(browser, product.id, 2);
    expect(tooMany.status).toBe(409);
    expect(await tooMany.text()).toContain('“Bánh tét lá cẩm” chỉ còn 3');
    const page = await (await browser.request('/cart')).text();
    const lineId = /action="\/cart\/lines\/(\d+)"/.exec(page)![1]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    expect((await browser.post(`/cart/lines/${lineId}`, { _csrf: csrf, quantity: '3' })).status).toBe(303);
    expect(await (await browser.request('/cart')).text()).toContain('value="3"');
    await browser.post(`/cart/lines/${lineId}`, { _csrf: csrf, quantity: '0' });
    expect(await (await browser.request('/cart')).text()).toContain('Giỏ hàng đang trống.');
  });

  it('speaks English when asked', async () => {
    const product = await createSaleProduct({ nameVi: 'Chè Thái', nameEn: 'Thai Nguyen tea' });
    const browser = new BrowserSession();
    expect(await (await browser.request('/cart?lang=en')).text()).toContain('Your cart is empty.');
    await addToCart(browser, product.id);
    const cart = await (await browser.request('/cart?lang=en')).text();
    expect(cart).toContain('Thai Nguyen tea');
    expect(cart).toContain('Check out');
    expect(await (await browser.request('/checkout?lang=en')).text()).toContain('Delivered to your address');
  });

  it('stays with the buyer through signing in, and follows them to another browser', async () => {
    const product = await createSaleProduct({ nameVi: 'Mứt gừng Đường Lâm' });
    const { user } = await signedIn('buyer');
    const phone = new BrowserSession();
    await addToCart(phone, product.id);
    const login = await phone.signIn(user.email!, 'mat-khau-thu-nghiem-2026');
    expect(login.status).toBe(303);
    expect(await (await phone.request('/cart')).text()).toContain('Mứt gừng Đường Lâm');

    const laptop = new BrowserSession();
    await laptop.signIn(user.email!, 'mat-khau-thu-nghiem-2026');
    expect(await (await laptop.request('/cart')).text()).toContain('Mứt gừng Đường Lâm');
  });
});

describe('checkout and the order page', () => {
  it('places an order of two producers paid by VietQR: one code per producer, the mobile in +84 form', async () => {
    const [a, b] = [await createSeller(), await createSeller()];
    const honey = await createSaleProduct({ producerId: a, price: 150_000, stock: 6 });
    const tea = await createSaleProduct({ producerId: b, price: 90_000, stock: 6 });
    const browser = new BrowserSession();
    await addToCart(browser, honey.id, 2);
    await addToCart(browser, tea.id, 1);
    // A price or total sent with the form is not a field of it: the server's figures stand.
    const { response } = await checkout(browser, { total: '1000', price: '1', shippingFee: '0' });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/orders\/[A-Za-z0-9_-]{43}\?placed=1$/);
    const [order] = await testDb()
      .select()
      .from(orders)
      .where(eq(orders.linkToken, location.slice(8, 51)));
    expect(order).toMatchObject({ buyerPhone: '+84912345678', subtotal: 390_000, shippingFee: 60_000, total: 450_000 });

    const page = await (await browser.request(location)).text();
    expect(page.match(/<svg class="qr-code"/g)).toHaveLength(2);
    expect(page).toContain('330.000 ₫');
    expect(page).toContain('120.000 ₫');
    expect(await stockOf(honey.id)).toBe(4);
  });

  it('shows each problem beside its field and keeps what was typed', async () => {
    const product = await createSaleProduct();
    const browser = new BrowserSession();
    await addToCart(browser, product.id);
    const { response } = await checkout(browser, { phone: '12345', street: '', name: 'Phạm Văn Khoa' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('số di động gồm 10 chữ số');
    expect(page).toContain('value="Phạm Văn Khoa"');
  });

  it('shows card payment as unavailable when Stripe has no keys, as under npm start', async () => {
    const product = await createSaleProduct();
    const cartId = await cartWith([{ productId: product.id }]);
    const cookie = { cookie: `ocop_cart=${cartId}` };
    const cardChoice = /<label class="choice" for="paymentMethod-card">[\s\S]*?<\/label>/;

    const ctx = createExecutionContext();
    const withoutKeys = { ...env, STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' };
    const response = await createApp().fetch(new Request(`${ORIGIN}/checkout`, { headers: cookie }), withoutKeys, ctx);
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(200);
    const unavailable = cardChoice.exec(await response.text())![0];
    expect(unavailable).toContain('disabled=""');
    expect(unavailable).toContain('Thẻ (Stripe)');
    expect(unavailable).toContain('(Tạm thời chưa dùng được)');

    const configured = cardChoice.exec(await (await fetchApp('/checkout', { headers: cookie })).text())![0];
    expect(configured).not.toContain('disabled');
    expect(configured).not.toContain('Tạm thời chưa dùng được');
  });

  it('recomputes the totals for the choices made when asked, placing nothing', async () => {
    const seller = await createSeller({ shippingFlatFee: 25_000 });
    const product = await createSaleProduct({ producerId: seller, price: 100_000 });
    const browser = new BrowserSession();
    await addToCart(browser, product.id, 2);
    const { response } = await checkout(browser, { intent: 'review', [`delivery.${seller}`]: 'ship' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('225.000 ₫');
    expect(
      await testDb()
        .select()
        .from(orders)
        .where(eq(orders.cartId, browser.cookie('ocop_cart')!)),
    ).toEqual([]);
  });

  it('lets the buyer cancel what is not paid yet, giving the stock back', async () => {
    const product = await createSaleProduct({ stock: 5 });
    const browser = new BrowserSession();
    await addToCart(browser, product.id, 3);
    const { response } = await checkout(browser, {});
    const path = response.headers.get('location')!.split('?')[0]!;
    expect(await stockOf(product.id)).toBe(2);
    const page = await (await browser.request(path)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    expect((await browser.post(`${path}/cancel`, { _csrf: csrf })).status).toBe(303);
    expect(await stockOf(product.id)).toBe(5);
    expect(await (await browser.request(path)).text()).toContain('Đã hủy');
  });

  it('expires an unpaid part when its page is read after the deadline, before any sweep', async () => {
    const product = await createSaleProduct({ stock: 5 });
    const browser = new BrowserSession();
    await addToCart(browser, product.id, 2);
    const { response } = await checkout(browser, {});
    const path = response.headers.get('location')!.split('?')[0]!;
    const [order] = await testDb()
      .select()
      .from(orders)
      .where(eq(orders.linkToken, path.slice(8)));
    await testDb()
      .update(subOrders)
      .set({ paymentDeadline: new Date(Date.now() - 60_000).toISOString() })
      .where(eq(subOrders.orderId, order!.id));
    const page = await (await browser.request(path)).text();
    expect(page).toContain('Quá hạn thanh toán');
    expect(page).not.toContain('<svg class="qr-code"');
    expect(await stockOf(product.id)).toBe(5);
  });

  it("lists a signed-in buyer's orders in their account", async () => {
    const product = await createSaleProduct();
    const { browser } = await signedIn('buyer');
    await addToCart(browser, product.id);
    const { response } = await checkout(browser, {});
    const path = response.headers.get('location')!.split('?')[0]!;
    const account = await (await browser.request('/account/orders')).text();
    expect(account).toContain(`href="${path}"`);
    expect((await new BrowserSession().request('/account/orders')).status).toBe(302);
  });
});

describe('fulfilment in the portal', () => {
  it('lets the producer mark a transfer received, then ship with a tracking number; the buyer sees each step', async () => {
    const { browser: producer, user } = await signedIn('producer_member');
    await setShipping(user.producerId!, 30_000);
    await testDb().update(producers).set(DEMO_ACCOUNT).where(eq(producers.id, user.producerId!));
    const product = await createSaleProduct({ producerId: user.producerId!, nameVi: 'Nem Lai Vung' });
    const buyer = new BrowserSession();
    await addToCart(buyer, product.id);
    const { response } = await checkout(buyer, {});
    const orderPath = response.headers.get('location')!.split('?')[0]!;
    const [order] = await testDb()
      .select()
      .from(orders)
      .where(eq(orders.linkToken, orderPath.slice(8)));
    const [part] = await testDb().select().from(subOrders).where(eq(subOrders.orderId, order!.id));

    const dashboard = await (await producer.request('/portal/orders')).text();
    expect(dashboard).toContain('Cần xử lý');
    const all = await (await producer.request('/portal/orders?show=all')).text();
    expect(all).toContain(`/portal/orders/${part!.id}`);

    const paid = await postForm(
      producer,
      `/portal/orders/${part!.id}/status`,
      { to: 'paid' },
      `/portal/orders/${part!.id}`,
    );
    expect(paid.status).toBe(303);
    const noTracking = await postForm(
      producer,
      `/portal/orders/${part!.id}/status`,
      { to: 'shipped', carrier: 'Viettel Post' },
      `/portal/orders/${part!.id}`,
    );
    expect(noTracking.status).toBe(400);
    expect(await noTracking.text()).toContain('ghi mã vận đơn');
    const shipped = await postForm(
      producer,
      `/portal/orders/${part!.id}/status`,
      { to: 'shipped', carrier: 'Viettel Post', trackingNumber: 'VTP123456789' },
      `/portal/orders/${part!.id}`,
    );
    expect(shipped.status).toBe(303);
    const buyerPage = await (await buyer.request(orderPath)).text();
    expect(buyerPage).toContain('Đang giao');
    expect(buyerPage).toContain('Viettel Post, mã vận đơn VTP123456789');

    const { browser: stranger } = await signedIn('producer_member');
    expect((await stranger.request(`/portal/orders/${part!.id}`)).status).toBe(404);
  });

  it('takes a cash-on-delivery order from confirmed to delivered, recording the cash and who moved it when', async () => {
    const { browser: producer, user } = await signedIn('producer_member');
    await setShipping(user.producerId!, 20_000);
    const product = await createSaleProduct({ producerId: user.producerId!, price: 80_000 });
    const buyer = new BrowserSession();
    await addToCart(buyer, product.id);
    const { response } = await checkout(buyer, { paymentMethod: 'cod' });
    const orderPath = response.headers.get('location')!.split('?')[0]!;
    const [order] = await testDb()
      .select()
      .from(orders)
      .where(eq(orders.linkToken, orderPath.slice(8)));
    const [part] = await testDb().select().from(subOrders).where(eq(subOrders.orderId, order!.id));
    const path = `/portal/orders/${part!.id}`;
    const steps: Record<string, string>[] = [
      { to: 'confirmed' },
      { to: 'packed' },
      { to: 'shipped', carrier: 'GHTK', trackingNumber: 'S123.456' },
      { to: 'delivered' },
    ];
    for (const fields of steps) {
      expect((await postForm(producer, `${path}/status`, fields, path)).status, fields.to).toBe(303);
    }
    expect(await testDb().select().from(payments).where(eq(payments.orderId, order!.id))).toMatchObject([
      { method: 'cod', status: 'succeeded', amount: 100_000 },
    ]);
    const refused = await postForm(
      producer,
      `${path}/status`,
      { to: 'shipped', carrier: 'x', trackingNumber: 'y' },
      path,
    );
    expect(refused.status).toBe(409);

    // Every move is in the part's history with who made it and when; the refused one is not.
    const history = await testDb()
      .select()
      .from(subOrderEvents)
      .where(eq(subOrderEvents.subOrderId, part!.id))
      .orderBy(asc(subOrderEvents.id));
    expect(history.map((event) => [event.fromStatus, event.toStatus, event.actor, event.userId])).toEqual([
      [null, 'pending_payment', 'buyer', null],
      ['pending_payment', 'confirmed', 'producer', user.id],
      ['confirmed', 'packed', 'producer', user.id],
      ['packed', 'shipped', 'producer', user.id],
      ['shipped', 'delivered', 'producer', user.id],
    ]);
    expect(history[3]!.note).toBe('GHTK S123.456');
    for (const event of history) {
      expect(Math.abs(new Date(event.createdAt).getTime() - Date.now())).toBeLessThan(60_000);
    }
  });

  it('keeps the shipping rule the producer sets', async () => {
    const { browser, user } = await signedIn('producer_member');
    const saved = await postForm(
      browser,
      '/portal/shipping',
      { ships: '1', flatFee: '35.000', freeFrom: '500000' },
      '/portal/shipping',
    );
    expect(saved.status).toBe(303);
    expect(await findShippingRule(testDb(), user.producerId!)).toMatchObject({
      shippingFlatFee: 35_000,
      shippingFreeFrom: 500_000,
    });
    const wrong = await postForm(browser, '/portal/shipping', { ships: '1', flatFee: '9000000' }, '/portal/shipping');
    expect(wrong.status).toBe(400);
    await postForm(browser, '/portal/shipping', { flatFee: '' }, '/portal/shipping');
    expect(await findShippingRule(testDb(), user.producerId!)).toMatchObject({ shippingFlatFee: null });
  });
});

describe('staff', () => {
  it('see every order and can find one by its reference or phone; buyers may not', async () => {
    const product = await createSaleProduct();
    const buyer = new BrowserSession();
    await addToCart(buyer, product.id);
    await checkout(buyer, { phone: '0987 654 321' });
    const { browser } = await signedIn('staff');
    const list = await (await browser.request('/admin/orders?q=0987654321')).text();
    const orderLink = /href="(\/admin\/orders\/\d+)"/.exec(list)![1]!;
    const detail = await browser.request(orderLink);
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain('0987 654 321');
    expect((await (await signedIn('buyer')).browser.request('/admin/orders')).status).toBe(403);
    const csv = await browser.request('/admin/payments/ledger.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
  });
});
