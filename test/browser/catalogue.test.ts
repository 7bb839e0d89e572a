import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { blockingViolations, describeViolations, launchChromium, openMobilePage } from './chromium';

const baseUrl = inject('baseUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh phone context per test, closed afterwards: no cookie or cache carries over. */
async function withPage(body: (page: Page) => Promise<void>) {
  const page = await openMobilePage(browser);
  try {
    await body(page);
  } finally {
    await page.context().close();
  }
}

async function open(page: Page, path: string) {
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.status(), `GET ${path}`).toBe(200);
}

async function productSlug(query: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/products?q=${encodeURIComponent(query)}&limit=1`);
  const body = (await response.json()) as { data: { slug: string }[] };
  const slug = body.data[0]?.slug;
  if (!slug) throw new Error(`the demo seed has no product matching "${query}"`);
  return slug;
}

describe('catalogue on a phone', () => {
  it('finds honey from a query typed without accents and shows its product page', async () => {
    await withPage(async (page) => {
      await open(page, '/');
      await page.getByRole('searchbox').pressSequentially('mat ong');
      await page.getByRole('search').getByRole('button').tap();
      await page.waitForURL((url) => url.pathname === '/products' && url.searchParams.get('q') === 'mat ong');

      const firstResult = page.getByRole('main').getByRole('article').first().getByRole('heading').getByRole('link');
      const name = (await firstResult.textContent())?.trim() ?? '';
      expect(name.toLowerCase()).toContain('mật ong');

      await firstResult.tap();
      await page.waitForURL((url) => url.pathname.startsWith('/products/'));
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(name);
      expect(await page.getByRole('main').locator('.star-badge').first().textContent()).toMatch(/[3-5] sao OCOP/);
      // formatVnd: dot thousands separators, then a space and the đồng sign.
      await page
        .getByRole('main')
        .getByText(/^\d{1,3}(\.\d{3})+ ₫$/)
        .first()
        .waitFor();
    });
  });
});

describe('accessibility (axe-core, serious and critical)', () => {
  const pages: [string, () => Promise<string>][] = [
    ['home page', async () => '/'],
    ['listing page', async () => '/products?q=mat+ong'],
    ['product page', async () => `/products/${await productSlug('mat ong')}`],
  ];

  it.each(pages)('%s has no serious or critical violations', async (_, path) => {
    const target = await path();
    await withPage(async (page) => {
      await open(page, target);
      const violations = await blockingViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  });
});
