import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { blockingViolations, describeViolations, launchChromium } from './chromium';

const baseUrl = inject('baseUrl');

// The other demo producer member (stamps.test.ts uses the first), from db/seed/demo-accounts.ts.
const MEMBER = { email: 'binhloi@ocop.example', password: 'demo-binh-loi-2026' };
/** The narrowest phones still sold in Vietnam. */
const NARROW = { width: 360, height: 740 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The page fits the screen without sideways scrolling, runs no script of its own (its forms work
 * with JavaScript off) and has no serious accessibility fault.
 */
async function expectUsable(page: Page, path: string) {
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.status(), path).toBe(200);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(NARROW.width);
  expect(await page.evaluate(() => document.scripts.length), path).toBe(0);
  const violations = await blockingViolations(page);
  expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
}

describe('lots, events and stamp batches on a 360 px phone', () => {
  it('every page fits the screen and passes the accessibility checks', async () => {
    const context = await browser.newContext({
      viewport: NARROW,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel(/Email hoặc số điện thoại/).fill(MEMBER.email);
      await page.getByLabel(/Mật khẩu/).fill(MEMBER.password);
      await Promise.all([page.waitForURL(`${baseUrl}/portal`), page.getByRole('button', { name: 'Đăng nhập' }).tap()]);

      await expectUsable(page, '/portal/lots/new');
      await page.locator('input[name="lotCode"]').fill(`M${Date.now().toString(36).toUpperCase().slice(-8)}`);
      await Promise.all([
        page.waitForURL(/\/portal\/lots\/\d+\?created=1/),
        page.getByRole('button', { name: 'Tạo lô' }).tap(),
      ]);
      const lotPath = new URL(page.url()).pathname;

      await expectUsable(page, '/portal/lots');
      await expectUsable(page, `${lotPath}/events/new?type=commissioning`);
      await page.getByLabel('Mô tả (không bắt buộc)').fill('Thu hoạch bưởi da xanh vườn ấp 3');
      await Promise.all([page.waitForURL(/\?recorded=1/), page.getByRole('button', { name: 'Ghi sự kiện' }).tap()]);
      await expectUsable(page, `${lotPath}/events/new?type=transformation`);
      await expectUsable(page, lotPath);

      await expectUsable(page, `${lotPath}/stamp-batches/new`);
      await page.locator('input[name="quantity"]').fill('120');
      await Promise.all([
        page.waitForURL(/\/portal\/stamp-batches\/\d+\?issued=120/),
        page.getByRole('button', { name: 'Phát hành tem' }).tap(),
      ]);
      await expectUsable(page, new URL(page.url()).pathname);
      await expectUsable(page, '/portal/stamp-batches');
      await expectUsable(page, '/portal/fake-reports');
      await expectUsable(page, '/portal/scans');
    } finally {
      await context.close();
    }
  });
});
