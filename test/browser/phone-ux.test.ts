/**
 * What a producer, an administrator and a visitor meet on a small phone (360 × 740): a way to sign
 * in and out, menus that leave the content in the first screen, a refused form that says what to
 * fix where the eye already is, and lists that neither overlap nor scroll sideways.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { blockingViolations, describeViolations, launchChromium } from './chromium';

const baseUrl = inject('baseUrl');
const PHONE = { width: 360, height: 740 };
const MEMBER = { email: 'binhloi@ocop.example', password: 'demo-binh-loi-2026' };
const ADMIN = { email: 'admin@ocop.example', password: 'demo-quan-tri-2026' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function onPhone<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  try {
    return await use(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Signs in from the link in the header of the home page, as a producer who does not know /login would. */
async function signInFromHome(page: Page, account: { email: string; password: string }) {
  await page.goto(baseUrl);
  await Promise.all([
    page.waitForURL(/\/login/),
    page.getByRole('banner').getByRole('link', { name: 'Đăng nhập' }).tap(),
  ]);
  await page.getByLabel(/Email hoặc số điện thoại/).fill(account.email);
  await page.getByLabel(/Mật khẩu/).fill(account.password);
  await Promise.all([page.waitForURL(/\/(portal|admin)$/), page.getByRole('button', { name: 'Đăng nhập' }).tap()]);
}

/** Whether the element's box lies wholly in the first screen. */
const inFirstScreen = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element, height) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= height;
    }, PHONE.height);

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('signing in and out', () => {
  it('a producer finds the sign-in link on the public site, and signs out from the portal', async () => {
    await onPhone(async (page) => {
      await signInFromHome(page, MEMBER);
      expect(new URL(page.url()).pathname).toBe('/portal');
      await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByRole('button', { name: 'Đăng xuất' }).tap()]);
      await page.goto(`${baseUrl}/portal`);
      expect(new URL(page.url()).pathname).toBe('/login');
    });
  });

  it('an administrator signs out from the administration', async () => {
    await onPhone(async (page) => {
      await signInFromHome(page, ADMIN);
      await page.goto(`${baseUrl}/admin/certifications`);
      const signOut = page.getByRole('banner').getByRole('button', { name: 'Đăng xuất' });
      expect(await inFirstScreen(page, '.site-account')).toBe(true);
      await Promise.all([page.waitForURL(`${baseUrl}/`), signOut.tap()]);
      await page.goto(`${baseUrl}/admin`);
      expect(new URL(page.url()).pathname).toBe('/login');
    });
  });
});

/**
 * Browsers move the focus to an autofocus element at a rendering update after the page loads, so
 * on a busy machine it can come a moment after "load": wait for it (failing if it never comes).
 */
async function expectSummaryFocused(page: Page) {
  const focused = await page
    .waitForFunction(() => document.activeElement?.classList.contains('error-summary'), undefined, { timeout: 5000 })
    .then(() => true)
    .catch(() => false);
  expect(focused).toBe(true);
}

describe('a refused portal form on a phone', () => {
  it('opens on a focused summary in the first screen, naming the field by its label and linking to it', async () => {
    await onPhone(async (page) => {
      await signInFromHome(page, MEMBER);
      await page.goto(`${baseUrl}/portal/products`);
      const editPath = await page.locator('main a[href^="/portal/products/"]').first().getAttribute('href');
      await page.goto(`${baseUrl}${editPath}`);
      // The stock form is far down the page: a zero adjustment is refused.
      const stock = page.locator(`form[action="${editPath}/stock"]`);
      expect(await stock.evaluate((form) => form.getBoundingClientRect().top)).toBeGreaterThan(PHONE.height * 2);
      await stock.locator('input[name="delta"]').fill('0');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        stock.getByRole('button').tap(),
      ]);
      expect(response.status()).toBe(400);
      await page.waitForLoadState('load');

      const summary = page.locator('.error-summary');
      expect(await inFirstScreen(page, '.error-summary')).toBe(true);
      await expectSummaryFocused(page);
      const link = summary.getByRole('link');
      expect(await link.textContent()).toBe('Số lượng thay đổi (ví dụ: 10 hoặc -3)');
      expect(await summary.textContent()).not.toMatch(/\(delta\)|\bdelta\b/);
      await link.tap();
      await page.waitForFunction(() => location.hash === '#delta');
      // The field comes into view with its label above it, not cut off at the top edge.
      expect(await inFirstScreen(page, 'label[for="delta"]')).toBe(true);
      expect(await inFirstScreen(page, '#delta')).toBe(true);
      expect(await page.locator('#delta').getAttribute('aria-invalid')).toBe('true');
    });
  });

  it('the new lot form does the same, with every refused field by its label', async () => {
    await onPhone(async (page) => {
      await signInFromHome(page, MEMBER);
      await page.goto(`${baseUrl}/portal/lots/new`);
      await page.locator('#lotCode').fill('lô số 1');
      await page.locator('#productionDate').fill('2026-05-10');
      await page.locator('#bestBefore').fill('2026-05-01');
      await Promise.all([page.waitForLoadState('load'), page.locator('main form button[type="submit"]').tap()]);
      await page.waitForSelector('.error-summary');
      expect(await inFirstScreen(page, '.error-summary')).toBe(true);
      await expectSummaryFocused(page);
      const links = await page
        .locator('.error-summary a')
        .evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute('href')]));
      expect(links).toEqual([
        ['Mã lô', '#lotCode'],
        ['Hạn sử dụng', '#bestBefore'],
      ]);
      expect(await page.locator('.error-summary').textContent()).not.toMatch(/lotCode|bestBefore/);
    });
  });
});

describe('menus and lists at 360 px', () => {
  it('the portal menu is one line and the page content starts in the first screen; axe passes', async () => {
    await onPhone(async (page) => {
      await signInFromHome(page, MEMBER);
      for (const path of ['/portal', '/portal/products', '/portal/lots', '/portal/profile']) {
        await page.goto(`${baseUrl}${path}`);
        const menu = await page.locator('.section-menu-compact summary').boundingBox();
        expect(menu!.height, path).toBeLessThan(56);
        expect(await inFirstScreen(page, 'main h1'), path).toBe(true);
        expect(await page.locator('main h1').evaluate((h1) => h1.getBoundingClientRect().top), path).toBeLessThan(260);
        expect(await sidewaysScroll(page), path).toBe(0);
        const violations = await blockingViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
      // The menu opens without script and reaches every section.
      await page.locator('.section-menu-compact summary').tap();
      await Promise.all([
        page.waitForURL(/\/portal\/scans/),
        page.locator('.section-menu-compact').getByRole('link', { name: 'Lượt quét' }).tap(),
      ]);
    });
  });

  it('the certification list stacks its rows without labels running into each other or sideways scroll', async () => {
    await onPhone(async (page) => {
      await signInFromHome(page, ADMIN);
      for (const path of ['/admin/certifications', '/admin/certifications/overview']) {
        await page.goto(`${baseUrl}${path}`);
        expect(await sidewaysScroll(page), path).toBe(0);
        expect(await inFirstScreen(page, 'main h1'), path).toBe(true);
        // A label (the cell's ::before) taller than its cell would stick out of it into the next line.
        const overflowing = await page
          .locator('table.stacked td')
          .evaluateAll((cells) => cells.filter((cell) => cell.scrollHeight > cell.clientHeight + 1).length);
        expect(overflowing, path).toBe(0);
        if (path === '/admin/certifications') expect(await page.locator('table.stacked td').count()).toBeGreaterThan(0);
        const violations = await blockingViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
    });
  });
});
