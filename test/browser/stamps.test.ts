import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openMobilePage } from './chromium';

const baseUrl = inject('baseUrl');

// A demo producer member from db/seed/demo-accounts.ts, as `npm start` prints it.
const MEMBER = { email: 'sonan@ocop.example', password: 'demo-son-an-2026' };
const STAMPS = 4;
/**
 * Zalo's in-app browser on Android, where most stamps are scanned. Headless Chromium names itself
 * HeadlessChrome, which the scan counter rightly takes for a robot.
 */
const ZALO_ON_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; SM-A546E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12090000 ZaloTheme/light ZaloLanguage/vi';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Send a form and wait for the page its 303 answer leads to. */
async function submit(page: Page, form: Locator, landing: RegExp) {
  const action = await form.getAttribute('action');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action),
    form.getByRole('button').last().tap(),
  ]);
  expect(response.status(), `POST ${action}`).toBe(303);
  await page.waitForURL(landing);
  await page.waitForLoadState('load');
}

/** Opens a stamp URL on a fresh phone and waits until the page has counted the scan. */
async function scanOnNewPhone(path: string): Promise<{ page: Page; verdict: string }> {
  const page = await openMobilePage(browser, { userAgent: ZALO_ON_ANDROID });
  const counted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/scans',
  );
  await page.goto(`${baseUrl}${path}`);
  const verdict = (await page.locator('[role="status"]').first().textContent()) ?? '';
  expect((await counted).ok()).toBe(true);
  return { page, verdict };
}

describe('QR stamps from the portal to a consumer’s phone', () => {
  it('a producer issues, prints and activates a batch; two phones scan one stamp', async () => {
    const producer = await openMobilePage(browser);
    let stampPath: string;
    try {
      await producer.goto(`${baseUrl}/login`);
      await producer.getByLabel(/Email hoặc số điện thoại/).fill(MEMBER.email);
      await producer.getByLabel(/Mật khẩu/).fill(MEMBER.password);
      await Promise.all([
        producer.waitForURL(`${baseUrl}/portal`),
        producer.getByRole('button', { name: 'Đăng nhập' }).tap(),
      ]);

      await producer.goto(`${baseUrl}/portal/lots/new`);
      const lotForm = producer.locator('form[action="/portal/lots"]');
      const firstProduct = await lotForm.locator('select[name="productId"] option:not([value=""])').first();
      await lotForm.locator('select[name="productId"]').selectOption((await firstProduct.getAttribute('value'))!);
      await lotForm.locator('input[name="lotCode"]').fill(`B${Date.now().toString(36).toUpperCase().slice(-8)}`);
      await submit(producer, lotForm, /\/portal\/lots\/\d+\?created=1/);
      const lotId = /\/portal\/lots\/(\d+)/.exec(producer.url())![1];

      await producer.goto(`${baseUrl}/portal/lots/${lotId}/stamp-batches/new`);
      const issueForm = producer.locator(`form[action="/portal/lots/${lotId}/stamp-batches"]`);
      await issueForm.locator('input[name="quantity"]').fill(String(STAMPS));
      await submit(producer, issueForm, /\/portal\/stamp-batches\/\d+\?issued=4/);
      const batchPath = new URL(producer.url()).pathname;

      const pdfHref = await producer.locator('main a[download][href*="/files/"]').first().getAttribute('href');
      const pdf = await producer.request.get(`${baseUrl}${pdfHref}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const csvHref = await producer.locator('main a[download][href*=".csv"]').first().getAttribute('href');
      const csv = await (await producer.request.get(`${baseUrl}${csvHref}`)).text();
      const urls = csv.match(/https:\/\/[A-Z0-9.-]+\/[0-9A-Z/]+/g) ?? [];
      expect(urls).toHaveLength(STAMPS);
      stampPath = new URL(urls[0]!).pathname;

      const activate = producer.locator(`form[action="${batchPath}/activate"]`).first();
      await activate.locator('input[name="confirm"]').check();
      await submit(producer, activate, new RegExp(`${batchPath}\\?`));
      expect(await producer.getByRole('main').textContent()).toContain(`${STAMPS} đang dùng`);
    } finally {
      await producer.context().close();
    }

    const first = await scanOnNewPhone(stampPath);
    try {
      expect(first.verdict).toContain('Tem chính hãng');
      expect(first.verdict).toContain('lần đầu tiên');
      expect(await first.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await first.page.context().close();
    }

    const second = await scanOnNewPhone(stampPath);
    try {
      expect(second.verdict).toContain('Tem chính hãng');
      expect(second.verdict).toMatch(/đã được quét 2 lần/);
    } finally {
      await second.page.context().close();
    }
  });
});
