/**
 * Sales points on the narrowest phones still sold in Vietnam (360 × 740), with JavaScript off, as
 * on a slow network or inside an in-app browser that blocks scripts: a consumer finds the nearest
 * point open now that sells a product, from the product page, typing where they are; a producer
 * proposes a point, staff approve it, and it appears in public. Every page fits the screen without
 * sideways scrolling, passes axe's serious and critical checks, and shows what matters in its
 * first screen.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { blockingViolations, describeViolations, launchChromium, overflowingElements } from './chromium';

const baseUrl = inject('baseUrl');

const PHONE = { width: 360, height: 740 };
// Demo accounts from db/seed/demo-accounts.ts, as `npm start` prints them.
const PRODUCER = { email: 'sonan@ocop.example', password: 'demo-son-an-2026' };
const STAFF = { email: 'canbo@ocop.example', password: 'demo-can-bo-2026' };
/** A demo product that demo points in Đồng Nai sell, one of them a rest stop open day and night. */
const PRODUCT = { slug: 'ruou-nhung-huou-son', name: 'Rượu Nhung Hươu Sơn' };
/** Where the consumer says they are: Biên Hòa, typed as a maps app copies it. */
const TYPED_PLACE = '10.9500, 106.8200';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE_CONTEXT = { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'vi-VN' };

async function withPhone(body: (page: Page, context: BrowserContext) => Promise<void>) {
  const context = await browser.newContext({ ...PHONE_CONTEXT, javaScriptEnabled: false });
  try {
    await body(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/**
 * The page as it stands: no sideways scroll at 360 px, and no serious accessibility fault. axe is
 * itself a script, which a page without JavaScript cannot run, so it checks the same page in a
 * second phone with the same cookies and scripts on (what most visitors get): the same URL again,
 * or, for the answer to a form (which a GET would not give again), the same HTML.
 */
async function expectUsable(page: Page, { answerToForm = false } = {}) {
  const path = new URL(page.url()).pathname;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${path}: ${(await overflowingElements(page, PHONE.width)).join('; ')}`).toBeLessThanOrEqual(
    PHONE.width,
  );
  const twin = await browser.newContext({ ...PHONE_CONTEXT, storageState: await page.context().storageState() });
  try {
    const scripted = await twin.newPage();
    if (answerToForm) {
      await scripted.goto(`${baseUrl}/health`);
      await scripted.setContent(await page.content(), { waitUntil: 'load' });
    } else {
      await scripted.goto(page.url());
    }
    const violations = await blockingViolations(scripted);
    expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
  } finally {
    await twin.close();
  }
}

/** Whether an element starts within the first screen, before any scrolling. */
async function inFirstScreen(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box, 'the element is laid out').not.toBeNull();
  return box!.y + Math.min(box!.height, 24) <= PHONE.height;
}

async function open(page: Page, path: string) {
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.status(), `GET ${path}`).toBe(200);
  await expectUsable(page);
}

/** Taps a submit button and waits for the page the answer leads to (a 303 to it, or the form again). */
async function submit(page: Page, button: Locator, to: RegExp) {
  await Promise.all([page.waitForURL(to), button.tap()]);
  await expectUsable(page);
}

async function signIn(page: Page, account: { email: string; password: string }, home: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Email hoặc số điện thoại/).fill(account.email);
  await page.getByLabel(/Mật khẩu/).fill(account.password);
  await Promise.all([page.waitForURL(`${baseUrl}${home}`), page.getByRole('button', { name: 'Đăng nhập' }).tap()]);
}

const kmOf = (text: string) => Number(/([\d,.]+) km/.exec(text)?.[1]?.replace(',', '.') ?? NaN);

describe('finding a sales point on a phone without JavaScript', () => {
  it('a consumer finds the nearest point open now that sells a product, from a place they type', async () => {
    await withPhone(async (page) => {
      await open(page, `/products/${PRODUCT.slug}`);
      await page.getByRole('link', { name: 'Xem mọi điểm bán có sản phẩm này' }).tap();
      await page.waitForURL(
        (url) => url.pathname === '/sales-points' && url.searchParams.get('product') === PRODUCT.slug,
      );
      await expectUsable(page);
      // The location button needs JavaScript: without it the page does not offer it.
      expect(await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).isVisible()).toBe(false);

      const search = page.getByRole('search');
      // A place name first, as people type it: the search comes back with the problem beside the field.
      await search.getByLabel('Gần vị trí (vĩ độ, kinh độ)').fill('Biên Hòa');
      await submit(page, search.getByRole('button', { name: 'Tìm' }).first(), /near=Bi/);
      const problem = search.getByText(/ghi vĩ độ, kinh độ bằng số thập phân/);
      expect(await inFirstScreen(problem)).toBe(true);
      expect(await search.getByLabel('Gần vị trí (vĩ độ, kinh độ)').getAttribute('aria-invalid')).toBe('true');

      await search.getByLabel('Gần vị trí (vĩ độ, kinh độ)').fill(TYPED_PLACE);
      await search.getByLabel('Chỉ điểm đang mở cửa').check();
      await submit(page, search.getByRole('button', { name: 'Tìm' }).first(), /open_now=1/);

      const main = page.getByRole('main');
      await main.getByText(`Có bán: ${PRODUCT.name}`).waitFor();
      await main.getByText('Xếp theo khoảng cách từ vị trí đã nhập').waitFor();
      const cards = main.getByRole('article');
      expect(await cards.count()).toBeGreaterThan(0);
      // Nearest first, every one open now, and the first one's name, state and distance in the first screen.
      const texts = await cards.allTextContents();
      const distances = texts.map(kmOf);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      for (const text of texts) expect(text).toContain('Đang mở cửa');
      const first = cards.first();
      expect(await inFirstScreen(first.getByRole('heading'))).toBe(true);
      expect(await inFirstScreen(first.getByText('Đang mở cửa'))).toBe(true);

      const name = (await first.getByRole('heading').textContent())!.trim();
      await first.getByRole('heading').getByRole('link').tap();
      await page.waitForURL((url) => url.pathname.startsWith('/sales-points/'));
      await expectUsable(page);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(name);
      expect(await inFirstScreen(main.getByText(/^Đang mở cửa/))).toBe(true);
      expect(await inFirstScreen(main.getByRole('link', { name: 'Mở bằng ứng dụng bản đồ' }))).toBe(true);
      expect(await main.getByRole('link', { name: 'Mở bằng ứng dụng bản đồ' }).getAttribute('href')).toMatch(
        /^geo:\d+\.\d+,\d+\.\d+/,
      );
      await main.getByRole('link', { name: PRODUCT.name }).waitFor();
    });
  });
});

describe('a proposed sales point on a phone without JavaScript', () => {
  it('a producer proposes a point, staff approve it, and it is public with the producer’s product', async () => {
    const name = `Gian hàng OCOP chợ Tân Triều ${Date.now().toString(36)}`;
    let proposalPath = '';

    await withPhone(async (page) => {
      await signIn(page, PRODUCER, '/portal');
      await open(page, '/portal/sales-points');
      await page.getByRole('link', { name: 'Đề xuất điểm bán mới' }).tap();
      await page.waitForURL(/\/portal\/sales-points\/new/);
      await expectUsable(page);

      const form = page.locator('form[action="/portal/sales-points"]');
      await form.getByLabel('Tên điểm bán').fill(name);
      await form.getByLabel('Loại điểm bán').selectOption({ label: 'Gian hàng tại chợ' });
      // The organisation's own province comes chosen, with its communes from the official list.
      expect(await form.getByLabel('Tỉnh, thành phố').inputValue()).toBe('75');
      await form.getByLabel(/Xã, phường, đặc khu/).selectOption({ label: 'Phường Tân Triều' });
      await form.getByLabel(/Số nhà, đường/).fill('Chợ Tân Triều, ấp Tân Triều');
      await form.getByLabel('Tọa độ (vĩ độ, kinh độ)').fill('11.0103, 106.8802');
      await form.getByLabel(/^Điện thoại/).fill('0912 345 678');
      for (const day of ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']) {
        await form.getByLabel(day, { exact: true }).fill('00:00-24:00');
      }
      await submit(page, form.getByRole('button', { name: 'Gửi đề xuất' }), /\/portal\/sales-points\/\d+\?proposed=1/);
      proposalPath = new URL(page.url()).pathname;
      const main = page.getByRole('main');
      await main.getByText('Đã gửi đề xuất.').waitFor();
      expect(await inFirstScreen(main.getByText('Chờ duyệt', { exact: true }))).toBe(true);

      // Not public while it waits.
      const list = await fetch(`${baseUrl}/sales-points?near=11.0103,106.8802&radius_km=2`);
      expect(await list.text()).not.toContain(name);
    });

    await withPhone(async (page) => {
      await signIn(page, STAFF, '/admin');
      await page.getByRole('link', { name: /đề xuất chờ duyệt/ }).tap();
      await page.waitForURL(/\/admin\/sales-points\?status=proposed/);
      await expectUsable(page);
      await page.getByRole('link', { name }).tap();
      await page.waitForURL(/\/admin\/sales-points\/\d+$/);
      await expectUsable(page);
      // The decision is in the first screen, with who proposed the point.
      const approve = page.getByRole('button', { name: 'Duyệt', exact: true });
      expect(await inFirstScreen(approve)).toBe(true);
      await page.getByText('Đề xuất của Công ty Cổ phần Sơn An Hương Sơn').waitFor();
      await submit(page, approve, /decided=approve/);
      await page.getByText('Đã duyệt: điểm bán đã hiển thị công khai.').waitFor();
    });

    await withPhone(async (page) => {
      await signIn(page, PRODUCER, '/portal');
      await open(page, proposalPath);
      const main = page.getByRole('main');
      await main.getByText('Đang hoạt động', { exact: true }).first().waitFor();
      // The producer lists its product at its new point, at the point's own price.
      const row = main.locator('li.stock-row', { hasText: PRODUCT.name });
      await row.getByLabel('Giá tại điểm (₫, không bắt buộc)').fill('620.000');
      await row.getByLabel('Xác nhận hôm nay còn hàng').check();
      await submit(page, row.getByRole('button', { name: 'Bày bán tại điểm' }), /stock=1/);
      await main.getByText('Đã cập nhật sản phẩm của bạn tại điểm bán.').waitFor();
    });

    await withPhone(async (page) => {
      await open(page, '/sales-points?near=11.0103,106.8802&radius_km=2');
      const main = page.getByRole('main');
      const card = main.getByRole('article').filter({ hasText: name });
      expect(await inFirstScreen(card.getByRole('heading'))).toBe(true);
      await card.getByRole('link', { name }).tap();
      await page.waitForURL((url) => url.pathname.startsWith('/sales-points/'));
      await expectUsable(page);
      await main.getByText('Đang mở cửa').first().waitFor();
      await main.getByRole('link', { name: PRODUCT.name }).waitFor();
      await main.getByText('620.000 ₫').waitFor();
    });
  });
});

describe('staff and producer sales point pages on a phone without JavaScript', () => {
  it('fit 360 px and pass the accessibility checks, refused forms included', async () => {
    await withPhone(async (page) => {
      await signIn(page, STAFF, '/admin');
      for (const path of [
        '/admin/sales-points',
        '/admin/sales-points/new',
        '/admin/sales-points/1?q=ruou',
        '/admin/sales-points/1/edit',
      ]) {
        await open(page, path);
      }
      // A form sent back with its problems beside its fields.
      const form = page.locator('form[action="/admin/sales-points/1"]');
      await form.getByLabel('Tọa độ (vĩ độ, kinh độ)').fill('106.8216, 10.9504');
      await form.getByLabel('Thứ Hai', { exact: true }).fill('8 giờ sáng');
      // The answer's own load event: its stylesheet applied before the width is measured.
      const loaded = page.waitForEvent('load');
      await form.getByRole('button', { name: 'Lưu điểm bán' }).tap();
      await loaded;
      await page.getByRole('alert').waitFor();
      await expectUsable(page, { answerToForm: true });
    });
    await withPhone(async (page) => {
      await signIn(page, PRODUCER, '/portal');
      for (const path of ['/portal/sales-points?province=80', '/portal/sales-points/new', '/portal/sales-points/1']) {
        await open(page, path);
      }
    });
  });
});
