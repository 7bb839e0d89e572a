import { describe, expect, it } from 'vitest';
import { findOrderById } from '../../worker/data/orders';
import { addDays } from '../../worker/domain/dashboard';
import { formatOrderReference, orderReference } from '../../worker/domain/order-reference';
import { moveSubOrder } from '../../worker/services/order-fulfilment';
import { addMonths } from '../../worker/domain/time';
import { BrowserSession } from '../support/browser-session';
import { cartWith, checkoutDeps, checkoutRequest, createSaleProduct, place, setShipping } from '../support/commerce';
import { createProduct, testDb, today } from '../support/factories';
import { signedIn } from '../support/portal';

async function dashboardOf(browser: BrowserSession, path = '/portal') {
  const response = await browser.request(path);
  return { status: response.status, html: await response.text() };
}

describe('GET /portal', () => {
  it('warns about a certification expiring within 90 days, not one expiring later', async () => {
    const { browser, user } = await signedIn('producer_member');
    const soon = addDays(today(), 30);
    const expiring = await createProduct({
      producerId: user.producerId!,
      nameVi: 'Mật ong bạc hà',
      certifications: [{ stars: 4, decisionDate: addMonths(soon, -36), validUntil: soon }],
    });
    await createProduct({
      producerId: user.producerId!,
      nameVi: 'Bột chùm ngây',
      certifications: [{ stars: 3, decisionDate: today(), validUntil: addDays(today(), 200) }],
    });
    const { status, html } = await dashboardOf(browser);
    expect(status).toBe(200);
    const section = html.slice(html.indexOf('id="expiring-title"'), html.indexOf('id="low-stock-title"'));
    expect(section).toContain(`/portal/products/${expiring.id}`);
    expect(section).toContain('Mật ong bạc hà');
    expect(section).toContain('còn 30 ngày');
    expect(section).not.toContain('Bột chùm ngây');
  });

  it('lists low stock and the orders to fulfil, and draws the scan chart', async () => {
    const { browser, user } = await signedIn('producer_member');
    await createProduct({ producerId: user.producerId!, nameVi: 'Tinh dầu bưởi', stock: 2 });
    await createProduct({ producerId: user.producerId!, nameVi: 'Bánh tét Trần Gia', stock: 50 });
    await setShipping(user.producerId!, 30_000);
    const product = await createSaleProduct({ producerId: user.producerId!, price: 120_000, stock: 20 });
    const cartId = await cartWith([{ productId: product.id }]);
    const { order } = await place(checkoutRequest(cartId, [user.producerId!], { paymentMethod: 'cod' }));
    const detail = (await findOrderById(testDb(), order.id))!;
    await moveSubOrder(
      checkoutDeps(),
      detail,
      detail.subOrders[0]!,
      { to: 'confirmed' },
      { kind: 'producer', userId: user.id },
    );
    const reference = formatOrderReference(orderReference(order.code, 1));

    const { html } = await dashboardOf(browser);
    const lowStock = html.slice(html.indexOf('id="low-stock-title"'), html.indexOf('id="scans-title"'));
    expect(lowStock).toContain('Tinh dầu bưởi');
    expect(lowStock).not.toContain('Bánh tét Trần Gia');
    expect(html).toContain(`${reference}: 150.000 ₫`);
    expect(html).toContain(`/portal/orders/${detail.subOrders[0]!.id}`);
    expect(html).toMatch(/<svg class="bar-chart"[^>]*role="img"/);
    expect(html.match(/class="bar-chart-bar"/g)).toHaveLength(30);
    expect(html).toContain('Tổng cộng 0 lượt quét');
  });

  it("never shows another organisation's data", async () => {
    const { browser } = await signedIn('producer_member');
    await createProduct({ nameVi: 'Hàng của chủ thể khác', stock: 0 });
    const { html } = await dashboardOf(browser);
    expect(html).not.toContain('Hàng của chủ thể khác');
  });

  it('speaks English when asked', async () => {
    const { browser } = await signedIn('producer_member');
    const { html } = await dashboardOf(browser, '/portal?lang=en');
    expect(html).toContain('Orders to fulfil');
    expect(html).toContain('<html lang="en">');
  });

  it('asks an administrator which producer to open, then shows it', async () => {
    const { browser } = await signedIn('admin');
    const { user: member } = await signedIn('producer_member');
    const choose = await dashboardOf(browser);
    expect(choose.html).toContain('name="producer"');
    const chosen = await dashboardOf(browser, `/portal?producer=${member.producerId}`);
    expect(chosen.status).toBe(200);
    expect(chosen.html).toContain('Đơn hàng cần xử lý');
  });

  it('refuses buyers and staff, and sends anonymous visitors to sign in', async () => {
    expect((await dashboardOf((await signedIn('buyer')).browser)).status).toBe(403);
    expect((await dashboardOf((await signedIn('staff')).browser)).status).toBe(403);
    const anonymous = await new BrowserSession().request('/portal');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fportal');
  });
});
