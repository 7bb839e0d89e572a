import { deflateSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openMobilePage } from './chromium';

const baseUrl = inject('baseUrl');

// A demo producer member from db/seed/demo-accounts.ts, as `npm start` prints it.
const MEMBER = { email: 'sonan@ocop.example', password: 'demo-son-an-2026' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A real 2×2 PNG: signature, IHDR, IDAT and IEND chunks with their CRCs. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows = Buffer.from([0, 200, 30, 30, 30, 120, 60, 0, 30, 120, 60, 200, 30, 30]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Send a form and wait for the page its answer redirects to; the URL alone may already match. */
async function submit(page: Page, form: Locator) {
  const action = await form.getAttribute('action');
  // The page the redirect leads to may have the URL the page already has (…?saved=1 again): wait
  // for the next document's load event, not for a URL that already matches.
  const loaded = page.waitForEvent('load');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action),
    form.getByRole('button').last().tap(),
  ]);
  expect(response.status(), `POST ${action}`).toBe(303);
  await loaded;
  await page.waitForURL(/saved=1/);
}

/** The edit page of the member's first product that has its own price (no pack sizes). */
async function openEditablePriceProduct(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/portal/products`);
  const links = await page
    .locator('main a[href^="/portal/products/"]')
    .evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).pathname));
  for (const path of new Set(links)) {
    await page.goto(`${baseUrl}${path}`);
    if ((await page.locator(`form[action="${path}"] input[name="price"]`).count()) > 0) return path;
  }
  throw new Error('the demo member has no product with its own price');
}

describe('producer portal on a phone', () => {
  it('a producer signs in, changes price and stock, adds a photo, and the public page shows it', async () => {
    const page = await openMobilePage(browser);
    try {
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel(/Email hoặc số điện thoại/).fill(MEMBER.email);
      await page.getByLabel(/Mật khẩu/).fill(MEMBER.password);
      await Promise.all([page.waitForURL(`${baseUrl}/portal`), page.getByRole('button', { name: 'Đăng nhập' }).tap()]);

      const editPath = await openEditablePriceProduct(page);
      const publicHref = await page.locator(`main a[href^="/products/"]`).first().getAttribute('href');
      expect(publicHref).toBeTruthy();
      // Seen once before the edits, so the page is in the edge cache and the edits must purge it.
      await page.goto(`${baseUrl}${publicHref}`);
      const stockBefore = Number(/Còn (\d+)/.exec((await page.getByRole('main').textContent()) ?? '')?.[1] ?? 0);
      await page.goto(`${baseUrl}${editPath}`);

      const listing = page.locator(`form[action="${editPath}"]`);
      await listing.locator('input[name="price"]').fill('345000');
      await submit(page, listing);

      const stock = page.locator(`form[action="${editPath}/stock"]`);
      await stock.locator('input[name="delta"]').fill('7');
      await stock.locator('select[name="reason"]').selectOption('received');
      await submit(page, stock);

      const photos = page.locator(`form[action="${editPath}/photos"]`);
      await photos
        .locator('input[type="file"]')
        .setInputFiles({ name: 'mau.png', mimeType: 'image/png', buffer: tinyPng() });
      await photos.locator('input[name="altVi"]').fill('Chai rượu trên bàn gỗ');
      await submit(page, photos);

      await page.goto(`${baseUrl}${publicHref}`);
      const shown = (await page.getByRole('main').textContent()) ?? '';
      expect(shown).toContain('345.000 ₫');
      expect(shown).toContain(`Còn ${stockBefore + 7}`);
      const photo = page.getByRole('main').getByRole('img', { name: 'Chai rượu trên bàn gỗ' });
      expect(await photo.getAttribute('src')).toMatch(/^\/media\//);
      const served = await page.request.get(`${baseUrl}${await photo.getAttribute('src')}`);
      expect(served.headers()['content-type']).toBe('image/png');
    } finally {
      await page.context().close();
    }
  });
});
