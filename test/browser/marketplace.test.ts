/**
 * Buying on a 360 px phone with JavaScript off, on the demo data: two producers' goods paid by
 * VietQR (a code per producer), one producer marking its part paid and shipped while the buyer
 * watches; then a cash-on-delivery order the producer takes to delivered. Every page passes axe and
 * fits the screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { blockingViolations, describeViolations, launchChromium } from './chromium';

const baseUrl = inject('baseUrl');
const PHONE = { width: 360, height: 740 };

// Demo producer members (db/seed/demo-accounts.ts) and their products (db/seed/demo-data.ts).
const BINH_LOI = { email: 'binhloi@ocop.example', password: 'demo-binh-loi-2026' };
const SON_AN_WINE = '/products/ruou-nhung-huou-son';
const BINH_LOI_OIL = '/products/tinh-dau-buoi-binh-loi';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    javaScriptEnabled: false,
  });
  return { context, page: await context.newPage() };
}

/**
 * Fits the phone's width and passes axe. The journey runs without JavaScript, which axe needs: the
 * page is opened again, with the same cookies, in a context that has it.
 */
async function checkPage(page: Page) {
  const where = new URL(page.url()).pathname;
  expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(PHONE.width);
  const audit = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    storageState: await page.context().storageState(),
  });
  try {
    const copy = await audit.newPage();
    await copy.goto(page.url());
    const violations = await blockingViolations(copy);
    expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([]);
  } finally {
    await audit.close();
  }
}

/** Taps a submit button and waits for the page the form's answer leads to. */
async function tapAndLoad(page: Page, name: string | RegExp, scope = page.locator('main')) {
  await Promise.all([
    page.waitForLoadState('load'),
    page.waitForEvent('framenavigated'),
    scope.getByRole('button', { name }).first().tap(),
  ]);
  await page.waitForLoadState('load');
}

async function addToCart(page: Page, productPath: string, quantity: string) {
  await page.goto(`${baseUrl}${productPath}`);
  await page.getByLabel('Số lượng').fill(quantity);
  await tapAndLoad(page, 'Thêm vào giỏ hàng');
  expect(new URL(page.url()).pathname).toBe('/cart');
}

/** The checkout form as a buyer fills it: the province first, then its communes after updating the totals. */
async function checkOut(page: Page, payment: RegExp) {
  await page.goto(`${baseUrl}/checkout`);
  await checkPage(page);
  await page.getByLabel('Họ và tên').fill('Võ Thị Mai');
  await page.getByLabel('Số điện thoại di động').fill('0908 123 456');
  await page.getByLabel('Tỉnh, thành phố').selectOption('75');
  await tapAndLoad(page, 'Tính lại tổng tiền');
  const commune = page.getByLabel('Xã, phường, đặc khu');
  const firstCommune = await commune.locator('option').nth(1).getAttribute('value');
  await commune.selectOption(firstCommune!);
  await page.getByLabel('Số nhà, đường, thôn, ấp').fill('15 Hà Huy Giáp');
  await page.getByLabel(payment).check();
  await tapAndLoad(page, /^Đặt hàng$/);
  expect(new URL(page.url()).pathname).toMatch(/^\/orders\/[A-Za-z0-9_-]{43}$/);
  return page.url().split('?')[0]!;
}

async function signInProducer(page: Page) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Email hoặc số điện thoại/).fill(BINH_LOI.email);
  await page.getByLabel(/Mật khẩu/).fill(BINH_LOI.password);
  await tapAndLoad(page, 'Đăng nhập');
}

/** The producer opens its part of the order with this reference from its list of orders. */
async function openPart(page: Page, reference: string) {
  await page.goto(`${baseUrl}/portal/orders?show=all`);
  await Promise.all([page.waitForURL(/\/portal\/orders\/\d+/), page.getByRole('link', { name: reference }).tap()]);
  await page.waitForLoadState('load');
  await checkPage(page);
}

describe('buying on a phone', () => {
  it('pays two producers by VietQR, one code each; a producer marks its part paid then shipped; the buyer follows', async () => {
    const buyer = await phone();
    const producer = await phone();
    try {
      await addToCart(buyer.page, SON_AN_WINE, '1');
      await addToCart(buyer.page, BINH_LOI_OIL, '2');
      await checkPage(buyer.page);
      const orderUrl = await checkOut(buyer.page, /Chuyển khoản VietQR/);
      await checkPage(buyer.page);

      const codes = buyer.page.locator('svg.qr-code');
      expect(await codes.count()).toBe(2);
      const parts = buyer.page.locator('section.order-part');
      const binhLoiPart = parts.filter({ hasText: 'Bình Lợi' });
      const reference = (await binhLoiPart.locator('dd code').first().textContent())!.trim();
      expect(reference).toMatch(/^OCOP [0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{2}$/);
      expect(await binhLoiPart.getByText('Chờ thanh toán').count()).toBeGreaterThan(0);
      // What to copy into a banking app that cannot scan: the account, the exact amount, the reference.
      expect(await binhLoiPart.locator('code.copy').allTextContents()).toEqual(
        expect.arrayContaining([reference.replace(/ /g, '')]),
      );

      await signInProducer(producer.page);
      await openPart(producer.page, reference);
      await tapAndLoad(producer.page, 'Đánh dấu đã nhận tiền');
      expect(await producer.page.getByRole('status').textContent()).toContain('Đã cập nhật phần đơn.');
      await producer.page.getByLabel('Đơn vị vận chuyển').fill('Viettel Post');
      await producer.page.getByLabel('Mã vận đơn').fill('VTP880012345');
      await tapAndLoad(producer.page, 'Đã gửi hàng');

      await buyer.page.goto(orderUrl);
      await checkPage(buyer.page);
      const after = buyer.page.locator('section.order-part');
      const shipped = after.filter({ hasText: 'Bình Lợi' });
      expect(await shipped.textContent()).toContain('Đang giao');
      expect(await shipped.textContent()).toContain('Viettel Post, mã vận đơn VTP880012345');
      expect(await after.filter({ hasText: 'Sơn An' }).textContent()).toContain('Chờ thanh toán');
      expect(await buyer.page.locator('svg.qr-code').count()).toBe(1);
    } finally {
      await buyer.context.close();
      await producer.context.close();
    }
  });

  it('takes a cash-on-delivery order from the producer’s confirmation to delivered', async () => {
    const buyer = await phone();
    const producer = await phone();
    try {
      await addToCart(buyer.page, BINH_LOI_OIL, '1');
      const orderUrl = await checkOut(buyer.page, /Trả tiền khi nhận hàng/);
      expect(await buyer.page.getByRole('status').textContent()).toContain('Chủ thể sẽ gọi cho bạn');
      const reference = (await buyer.page.locator('section.order-part dd code').first().textContent())!.trim();

      await signInProducer(producer.page);
      await openPart(producer.page, reference);
      await tapAndLoad(producer.page, 'Xác nhận đơn');
      await tapAndLoad(producer.page, 'Đã đóng gói');
      await producer.page.getByLabel('Đơn vị vận chuyển').fill('Giao Hàng Tiết Kiệm');
      await producer.page.getByLabel('Mã vận đơn').fill('S22.SG01.123');
      await tapAndLoad(producer.page, 'Đã gửi hàng');
      await tapAndLoad(producer.page, 'Đã giao hàng');
      expect(await producer.page.locator('main').textContent()).toContain('Phần đơn này không còn bước nào để làm.');

      await buyer.page.goto(orderUrl);
      await checkPage(buyer.page);
      expect(await buyer.page.locator('section.order-part .status').textContent()).toBe('Đã giao');
    } finally {
      await buyer.context.close();
      await producer.context.close();
    }
  });
});
