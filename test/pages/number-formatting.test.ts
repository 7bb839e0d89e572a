/**
 * One way of writing numbers on every page, in both languages (the platform's guide): a score is
 * "80,5" on the product page and in the administration alike, a stock of 1500 is "1.500".
 */
import { describe, expect, it } from 'vitest';
import { productVariants } from '../../db/schema';
import { signedIn as signedInAdmin } from '../support/admin';
import { BrowserSession } from '../support/browser-session';
import { createProduct, testDb } from '../support/factories';
import { signedIn } from '../support/portal';

const pageOf = async (path: string, browser = new BrowserSession()) => (await browser.request(path)).text();

describe('numbers on the pages', () => {
  it.each(['', '?lang=en'])(
    'the product page%s writes the score with a decimal comma and stock with a dot',
    async (lang) => {
      const product = await createProduct({ certifications: [{ stars: 4, score: 80.5 }], stock: 1500 });
      const html = await pageOf(`/products/${product.slug}${lang}`);
      expect(html).toContain('80,5/100');
      expect(html).not.toContain('80.5');
      expect(html).toContain('1.500');
      expect(html).not.toMatch(/1,500|\b1500\b(?!")/);
    },
  );

  it.each(['', '?lang=en'])('pack sizes on the product page%s show their stock grouped', async (lang) => {
    const product = await createProduct({ price: null });
    await testDb()
      .insert(productVariants)
      .values({ productId: product.id, labelVi: 'Hộp', labelEn: 'Box', price: 1_250_000, stock: 12_000 });
    const html = await pageOf(`/products/${product.slug}${lang}`);
    expect(html).toContain('12.000');
    expect(html).toContain('1.250.000 ₫');
  });

  it.each(['', '?lang=en'])('the administration%s writes the same score the same way', async (lang) => {
    const product = await createProduct({ certifications: [{ stars: 5, score: 90.5 }] });
    const { browser } = await signedInAdmin('admin');
    const html = await pageOf(`/admin/certifications${lang}`, browser);
    const row = html.slice(html.indexOf(product.nameVi));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('90,5');
    expect(html).not.toContain('90.5');
  });

  it('the portal writes stock with a dot in both languages', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId!, stock: 2500 });
    for (const lang of ['', '?lang=en']) {
      expect(await pageOf(`/portal/products/${product.id}${lang}`, browser)).toContain('<strong>2.500</strong>');
      expect(await pageOf(`/portal/products${lang}`, browser)).toContain(': 2.500');
    }
  });
});
