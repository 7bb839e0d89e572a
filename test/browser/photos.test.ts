/**
 * The photo check against real decoders and encoders: Chromium decodes every image the tests build
 * by hand (so they are real images, not just what the check expects), Chromium's own JPEG, PNG and
 * WebP encoders' files pass the check, and a stored photo opened on its own still shows under its
 * `default-src 'none'` policy.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { photoTypeOf } from '../../worker/domain/media';
import { extendedWebp, tinyJpeg, tinyPng, tinyWebp } from '../support/images';
import { launchChromium, openMobilePage } from './chromium';

const baseUrl = inject('baseUrl');
const MEMBER = { email: 'sonan@ocop.example', password: 'demo-son-an-2026' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The size Chromium decodes a data URL to, or the reason it could not. */
const decodedSize = (page: Page, bytes: Uint8Array, type: string) =>
  page.evaluate(
    async (src) => {
      const image = new Image();
      image.src = src;
      try {
        await image.decode();
        return `${image.naturalWidth}×${image.naturalHeight}`;
      } catch (error) {
        return String(error);
      }
    },
    `data:${type};base64,${Buffer.from(bytes).toString('base64')}`,
  );

describe('photos against Chromium', () => {
  it('decodes every image the tests build', async () => {
    const page = await browser.newPage();
    try {
      const built: [Uint8Array, string, string][] = [
        [tinyJpeg(), 'image/jpeg', '8×8'],
        [tinyJpeg({ width: 16, height: 24, comment: 'Mật ong' }), 'image/jpeg', '16×24'],
        [tinyPng(5, 3), 'image/png', '5×3'],
        [tinyWebp(3, 2), 'image/webp', '3×2'],
        [extendedWebp(2, 2), 'image/webp', '2×2'],
      ];
      for (const [bytes, type, size] of built) {
        expect(await decodedSize(page, bytes, type), type).toBe(size);
        expect(photoTypeOf(bytes)).toBe(type);
      }
    } finally {
      await page.close();
    }
  });

  it("takes what Chromium's encoders write: JPEG, PNG, lossy and lossless WebP, with and without alpha", async () => {
    const page = await browser.newPage();
    try {
      const files = await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [61, 37];
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#c0392b';
        context.fillRect(0, 0, 40, 30);
        context.fillStyle = 'rgba(30, 90, 200, 0.5)';
        context.fillRect(20, 10, 41, 27);
        const opaque = document.createElement('canvas');
        [opaque.width, opaque.height] = [33, 17];
        opaque.getContext('2d')!.drawImage(canvas, 0, 0);
        opaque.getContext('2d')!.globalCompositeOperation = 'destination-over';
        opaque.getContext('2d')!.fillStyle = 'white';
        opaque.getContext('2d')!.fillRect(0, 0, 33, 17);
        return [
          ['image/jpeg', canvas.toDataURL('image/jpeg', 0.85)],
          ['image/png', canvas.toDataURL('image/png')],
          ['image/webp', canvas.toDataURL('image/webp', 0.8)],
          ['image/webp', canvas.toDataURL('image/webp', 1)],
          ['image/webp', opaque.toDataURL('image/webp', 0.8)],
          ['image/png', opaque.toDataURL('image/png')],
        ];
      });
      for (const [type, url] of files) {
        const bytes = new Uint8Array(Buffer.from(url!.split(',')[1]!, 'base64'));
        expect(photoTypeOf(bytes), `${type} ${bytes.length} bytes`).toBe(type);
      }
    } finally {
      await page.close();
    }
  });

  it('shows a stored photo opened on its own, under its no-script policy', async () => {
    const page = await openMobilePage(browser);
    try {
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel(/Email hoặc số điện thoại/).fill(MEMBER.email);
      await page.getByLabel(/Mật khẩu/).fill(MEMBER.password);
      await Promise.all([page.waitForURL(`${baseUrl}/portal`), page.getByRole('button', { name: 'Đăng nhập' }).tap()]);
      await page.goto(`${baseUrl}/portal/products`);
      const editPath = await page.locator('main a[href^="/portal/products/"]').first().getAttribute('href');
      await page.goto(`${baseUrl}${editPath}`);
      const form = page.locator(`form[action="${editPath}/photos"]`);
      await form.locator('input[type="file"]').setInputFiles({
        name: 'anh.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.from(tinyJpeg({ width: 24, height: 16 })),
      });
      await form.locator('input[name="altVi"]').fill('Ảnh thử kiểm tra tệp');
      await Promise.all([page.waitForURL(/saved=1/), form.getByRole('button').last().tap()]);
      const src = await page.locator('img[alt="Ảnh thử kiểm tra tệp"]').first().getAttribute('src');
      expect(src).toMatch(/^\/media\/[0-9a-f-]{36}\.jpg$/);

      const response = await page.goto(`${baseUrl}${src}`);
      expect(response!.headers()['content-security-policy']).toBe("default-src 'none'");
      expect(await page.evaluate(() => document.images[0]?.naturalWidth)).toBe(24);
    } finally {
      await page.context().close();
    }
  });
});
