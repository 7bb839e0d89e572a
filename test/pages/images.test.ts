import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { products } from '../../db/schema';
import { createProduct, testDb, uniqueSuffix } from '../support/factories';
import { fetchApp } from '../support/http';

const getSvg = (slug: string) => fetchApp(`/images/products/${slug}.svg`);

describe('GET /images/products/:slug.svg', () => {
  it('draws the same picture every time, with initials and stars, cached for long', async () => {
    const product = await createProduct({ nameVi: 'Rượu Nhung Hươu Sơn', certifications: [{ stars: 4 }] });
    const first = await getSvg(product.slug);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('image/svg+xml');
    expect(first.headers.get('cache-control')).toContain('max-age=604800');
    const svg = await first.text();
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('>RN</text>');
    expect(svg).toContain('★★★★<');
    expect(svg).not.toContain('★★★★★');
    expect(await (await getSvg(product.slug)).text()).toBe(svg);
  });

  it('colours by group', async () => {
    const food = await createProduct({ groupId: '148.food' });
    const drink = await createProduct({ groupId: '148.beverage' });
    const fill = async (slug: string) =>
      (await (await getSvg(slug)).text()).match(/<rect [^>]*fill="(#[0-9a-f]{6})"/)![1];
    expect(await fill(food.slug)).not.toBe(await fill(drink.slug));
  });

  it('draws no stars for a lapsed product', async () => {
    const product = await createProduct({ certifications: [{ stars: 5, status: 'revoked' }] });
    const svg = await (await getSvg(product.slug)).text();
    expect(svg).not.toContain('★');
  });

  it('escapes the name as XML text', async () => {
    const product = await createProduct({ nameVi: 'Trà <xanh> & "sen"' });
    const svg = await (await getSvg(product.slug)).text();
    expect(svg).toContain('<title>Trà &lt;xanh&gt; &amp; &quot;sen&quot;</title>');
  });

  it('draws a second picture of the same product at <slug>-2.svg', async () => {
    const product = await createProduct({ nameVi: 'Tinh dầu bưởi' });
    const first = await (await getSvg(product.slug)).text();
    const response = await getSvg(`${product.slug}-2`);
    expect(response.status).toBe(200);
    const second = await response.text();
    expect(second).toContain('<title>Tinh dầu bưởi</title>');
    expect(second).not.toBe(first);
  });

  it('prefers a product whose own slug ends in a number', async () => {
    const base = await createProduct({ nameVi: 'Mật ong rừng' });
    const numbered = await createProduct({ nameVi: 'Nước mắm cốt' });
    const db = testDb();
    await db
      .update(products)
      .set({ slug: `${base.slug}-3` })
      .where(eq(products.id, numbered.id));
    const svg = await (await getSvg(`${base.slug}-3`)).text();
    expect(svg).toContain('<title>Nước mắm cốt</title>');
  });

  it('answers 404 for an unknown product', async () => {
    expect((await getSvg(`nothing-${uniqueSuffix()}`)).status).toBe(404);
    expect((await getSvg(`nothing-${uniqueSuffix()}-2`)).status).toBe(404);
  });
});
