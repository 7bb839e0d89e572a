import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createProduct } from '../support/factories';
import { uniqueWord } from '../support/http';
import { getPage } from './html';

const MAX_HOME_BYTES = 30 * 1024;

async function gzipSize(body: string): Promise<number> {
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

function groupCount(html: string, group: string): number {
  const match = html.match(
    new RegExp(`href="/products\\?group=${group}"><span>[^<]+</span> <span class="count">(\\d+)`),
  );
  expect(match, group).not.toBeNull();
  return Number(match![1]);
}

describe('GET /', () => {
  it('stays under 30 KB gzipped with its stylesheet, and needs no script', async () => {
    for (let i = 0; i < 8; i++) await createProduct({ nameVi: `Sản phẩm tiêu biểu ${uniqueWord()}`, isFeatured: true });
    const { status, html } = await getPage('/');
    expect(status).toBe(200);
    expect(html).toContain('Sản phẩm tiêu biểu');
    const css = await (await env.ASSETS.fetch('http://localhost/styles.css')).text();
    expect(css).toContain('.star-badge');
    expect((await gzipSize(html)) + (await gzipSize(css))).toBeLessThanOrEqual(MAX_HOME_BYTES);
    expect(html).not.toMatch(/<script(?! type="application\/ld\+json")/);
  });

  it('shows featured listed products and leaves out unlisted ones', async () => {
    const featured = await createProduct({ nameVi: `Nổi bật ${uniqueWord()}`, isFeatured: true });
    const lapsed = await createProduct({
      nameVi: `Nổi bật ${uniqueWord()}`,
      isFeatured: true,
      certifications: [{ stars: 4, status: 'revoked' }],
    });
    const { html } = await getPage('/');
    expect(html).toContain(featured.nameVi);
    expect(html).not.toContain(lapsed.nameVi);
  });

  it('counts listed products by group and links to the filtered catalogue', async () => {
    const before = groupCount((await getPage('/')).html, 'ornamental');
    await createProduct({ groupId: '148.ornamental' });
    await createProduct({ groupId: '148.ornamental', isPublished: false });
    const { html } = await getPage('/');
    expect(groupCount(html, 'ornamental')).toBe(before + 1);
    for (const group of ['food', 'beverage', 'herbal', 'handicraft', 'ornamental', 'tourism']) {
      expect(html).toContain(`href="/products?group=${group}"`);
    }
  });

  it('links provinces that have products, with their counts', async () => {
    await createProduct({ provinceCode: '04' });
    const { html } = await getPage('/');
    expect(html).toMatch(/href="\/products\?province=04"><span>Cao Bằng<\/span> <span class="count">\d+ sản phẩm/);
  });

  it('has a search form that works without JavaScript', async () => {
    const { html } = await getPage('/');
    expect(html).toContain('<form class="search" action="/products" method="get" role="search">');
    expect(html).toContain('<label for="search-q">Tìm sản phẩm</label>');
    expect(html).toContain('id="search-q" name="q"');
  });

  it('speaks English with ?lang=en, links included', async () => {
    const { html } = await getPage('/?lang=en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Certified OCOP products');
    expect(html).toContain('href="/products?group=food&amp;lang=en"');
    expect(html).toContain('<input type="hidden" name="lang" value="en"/>');
  });
});
