import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../db/seed/demo-data';
import { DEMO_STAMP_LOTS } from '../../db/seed/demo-stamps';
import { buildStampPath } from '../../worker/domain/digital-link';
import { blockingViolations, describeViolations, launchChromium } from './chromium';

const baseUrl = inject('baseUrl');

/** A phone's own browser: headless Chromium names itself HeadlessChrome, which the scan counter takes for a robot. */
const PHONE_USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36';

const [pomelo] = DEMO_STAMP_LOTS;
const pomeloGtin = DEMO_PRODUCTS.find((product) => product.slug === pomelo!.product)!.gtin!;
const [withPins] = pomelo!.batches;
/** Demo stamps no other test scans: each test here takes its own. */
const stampAt = (index: number) => ({
  path: buildStampPath({ kind: 'gtin', gtin: pomeloGtin, lot: pomelo!.lotCode, serial: withPins!.serials[index]! }),
  pin: withPins!.pins![index]!,
});

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A new phone each time: its own cookies, so its own device id. */
async function withPhone(width: number, body: (page: Page) => Promise<void>) {
  const context = await browser.newContext({
    viewport: { width, height: 780 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    userAgent: PHONE_USER_AGENT,
  });
  try {
    await body(await context.newPage());
  } finally {
    await context.close();
  }
}

async function storedScans(path: string): Promise<number> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { Accept: 'application/json' } });
  return ((await response.json()) as { evidence: { scans: number } }).evidence.scans;
}

async function waitForScans(path: string, scans: number) {
  const deadline = Date.now() + 10_000;
  while ((await storedScans(path)) < scans) {
    if (Date.now() > deadline) throw new Error(`the beacon of ${path} was not counted`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

describe('scanning a stamp on a phone', () => {
  it('shows the first phone a genuine first scan, counts it by beacon, and shows a second phone the evidence', async () => {
    const stamp = stampAt(1);
    await withPhone(390, async (page) => {
      const response = await page.goto(`${baseUrl}${stamp.path}`);
      expect(response?.status()).toBe(200);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tem chính hãng');
      await page.getByText('Đây là lần đầu tiên mã tem này được quét.').waitFor();
      await waitForScans(stamp.path, 1);
    });
    await withPhone(390, async (page) => {
      await page.goto(`${baseUrl}${stamp.path}`);
      await page
        .getByText(/Mã tem này đã được quét 2 lần \(tính cả lần này\), lần đầu vào ngày \d\d\/\d\d\/\d{4}/)
        .waitFor();
      await waitForScans(stamp.path, 2);
    });
  });

  it('takes the scratch PIN in a plain form and says the first claim is verified', async () => {
    const stamp = stampAt(2);
    await withPhone(390, async (page) => {
      await page.goto(`${baseUrl}${stamp.path}`);
      await page.getByLabel('Mã PIN dưới lớp cào').fill(stamp.pin.toLowerCase());
      await page.getByRole('button', { name: 'Xác thực' }).tap();
      await page.getByText('Xác thực thành công: bạn là người đầu tiên nhập mã PIN này.').waitFor();
    });
  });

  it('fits a 360 px wide screen without sideways scrolling', async () => {
    await withPhone(360, async (page) => {
      await page.goto(`${baseUrl}${stampAt(3).path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });

  it('shows the verdict and what the package is (photo, name, producer, lot) in the first screen of a 360 × 740 phone', async () => {
    const stamp = stampAt(0);
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      userAgent: PHONE_USER_AGENT,
    });
    try {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      const response = await page.goto(`${baseUrl}${stamp.path}`);
      const inFirstScreen = async (selector: string) => {
        const box = await page.locator(selector).boundingBox();
        expect(box, selector).not.toBeNull();
        expect(box!.y + box!.height, selector).toBeLessThanOrEqual(740);
        expect(box!.x + box!.width, selector).toBeLessThanOrEqual(360);
      };
      await inFirstScreen('[data-verdict] h1');
      await inFirstScreen('.identity img');
      await inFirstScreen('#product-title');
      await inFirstScreen('.identity .producer');
      await inFirstScreen('.identity .lot');
      expect(await page.locator('.identity .lot').textContent()).toContain(pomelo!.lotCode);

      // The beacon, a script file, runs under the page's policy; an injected inline script does not.
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await waitForScans(stamp.path, 1);
      const injectedRan = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'document.body.dataset.injected = "yes"';
        document.body.append(script);
        return document.body.dataset.injected === 'yes';
      });
      expect(injectedRan).toBe(false);
      expect(refused.length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('has no serious or critical accessibility violations', async () => {
    await withPhone(390, async (page) => {
      await page.goto(`${baseUrl}${stampAt(4).path}`);
      const violations = await blockingViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  });
});
