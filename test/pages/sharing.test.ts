/**
 * Open Graph tags on the four pages people paste into Zalo and Facebook (product, producer, sales
 * point, fair), and the preview pictures they name: every tag a preview needs, the canonical URL
 * whatever the address the page was opened at, and a PNG of at least 600 × 315 that really answers.
 */
import { describe, expect, it } from 'vitest';
import { createFair } from '../support/fairs';
import { createProducer, createProduct, uniqueSuffix } from '../support/factories';
import { fetchApp } from '../support/http';
import { createSalesPoint } from '../support/sales-points';
import { getPage } from './html';

const ORIGIN = 'http://localhost:8787';

const decode = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** The page's Open Graph properties, by name. */
function openGraph(html: string): Record<string, string> {
  const tags = [...html.matchAll(/<meta property="(og:[a-z:_]+)" content="([^"]*)"\/>/g)];
  return Object.fromEntries(tags.map((match) => [match[1]!, decode(match[2]!)]));
}

const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]+)"\/>/.exec(html)?.[1] ?? null;

/** The picture an og:image names, fetched through the worker: its type and the size in its PNG header. */
async function previewPicture(url: string) {
  expect(url.startsWith(`${ORIGIN}/`)).toBe(true);
  const response = await fetchApp(url.slice(ORIGIN.length));
  const bytes = new Uint8Array(await response.arrayBuffer());
  const header = new DataView(bytes.buffer);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    width: header.getUint32(16),
    height: header.getUint32(20),
  };
}

/** What every shared page must carry, checked the same way for each. */
async function expectPreview(paths: string[], expected: { type: string; title: string; url: string }) {
  for (const path of paths) {
    const { status, html } = await getPage(path);
    expect(status, path).toBe(200);
    const tags = openGraph(html);
    expect(tags['og:type'], path).toBe(expected.type);
    expect(tags['og:title'], path).toBe(expected.title);
    expect(tags['og:description']!.length, path).toBeGreaterThan(10);
    expect(tags['og:url'], path).toBe(expected.url);
    expect(canonicalOf(html), path).toBe(expected.url);
    expect(tags['og:image:type'], path).toBe('image/png');
    expect(Number(tags['og:image:width']), path).toBeGreaterThanOrEqual(600);
    expect(Number(tags['og:image:height']), path).toBeGreaterThanOrEqual(315);
    expect(tags['og:image:alt'], path).toBe(expected.title);
    const picture = await previewPicture(tags['og:image']!);
    expect(picture, path).toEqual({
      status: 200,
      type: 'image/png',
      width: Number(tags['og:image:width']),
      height: Number(tags['og:image:height']),
    });
  }
}

describe('Open Graph on shared pages', () => {
  it('a product page, in either language, previews with its name, canonical URL and a PNG', async () => {
    const product = await createProduct({ nameVi: 'Mật ong hoa cà phê Đồng Nai' });
    await expectPreview([`/products/${product.slug}`, `/products/${product.slug}?lang=en`], {
      type: 'product',
      title: 'Mật ong hoa cà phê Đồng Nai',
      url: `${ORIGIN}/products/${product.slug}`,
    });
  });

  it('a producer page previews with the producer’s name and its own card', async () => {
    const name = 'HTX Nông nghiệp Bình Lợi thử chia sẻ';
    const slug = `htx-binh-loi-chia-se-${uniqueSuffix()}`;
    await createProducer({ name, slug });
    await expectPreview([`/producers/${slug}`, `/producers/${slug}?lang=en`], {
      type: 'profile',
      title: name,
      url: `${ORIGIN}/producers/${slug}`,
    });
  });

  it('a sales point page, opened by slug or by id, previews at its canonical URL', async () => {
    const point = await createSalesPoint({ name: 'Điểm bán OCOP chợ Biên Hòa chia sẻ' });
    await expectPreview([`/sales-points/${point.slug}`, `/sales-points/${point.id}`], {
      type: 'place',
      title: 'Điểm bán OCOP chợ Biên Hòa chia sẻ',
      url: `${ORIGIN}/sales-points/${point.slug}`,
    });
    // What it is and where, never whether it is open now: apps keep a preview for days.
    const { html } = await getPage(`/sales-points/${point.slug}`);
    expect(html).toContain('Đang mở cửa');
    expect(openGraph(html)['og:description']).toBe(
      'Trung tâm, cửa hàng giới thiệu và bán sản phẩm OCOP · Thành phố Đồng Nai',
    );
  });

  it('a fair page previews with the fair’s name, dates and venue', async () => {
    const fair = await createFair({ nameVi: 'Hội chợ OCOP Đồng Nai chia sẻ' });
    await expectPreview([`/fairs/${fair.slug}`], {
      type: 'event',
      title: 'Hội chợ OCOP Đồng Nai chia sẻ',
      url: `${ORIGIN}/fairs/${fair.slug}`,
    });
    const tags = openGraph((await getPage(`/fairs/${fair.slug}`)).html);
    expect(tags['og:description']).toContain('Quảng trường tỉnh Đồng Nai');
  });
});

describe('GET /images/share/:kind/:slug.png', () => {
  it('draws no card for a page that does not answer: unknown slugs, a draft fair, a proposal', async () => {
    const draft = await createFair({ published: false });
    const proposal = await createSalesPoint({ status: 'proposed' });
    for (const path of [
      '/images/share/products/khong-co-san-pham.png',
      '/images/share/producers/khong-co-chu-the.png',
      '/images/share/sales-points/khong-co-diem-ban.png',
      '/images/share/fairs/khong-co-hoi-cho.png',
      `/images/share/fairs/${draft.slug}.png`,
      `/images/share/sales-points/${proposal.slug}.png`,
    ]) {
      expect((await fetchApp(path)).status, path).toBe(404);
    }
  });

  it('draws a card for a closed point, whose page still answers', async () => {
    const closed = await createSalesPoint({ status: 'closed', statusReason: 'Chuyển địa điểm' });
    expect((await getPage(`/sales-points/${closed.slug}`)).status).toBe(200);
    const response = await fetchApp(`/images/share/sales-points/${closed.slug}.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
  });
});
