import { describe, expect, it } from 'vitest';
import { createProduct } from '../support/factories';
import { uniqueWord } from '../support/http';
import { getPage, linkedProductSlugs } from './html';

const search = (params: Record<string, string>) => getPage(`/products?${new URLSearchParams(params)}`);

describe('GET /products', () => {
  it('finds a product searched without accents', async () => {
    const word = uniqueWord();
    const product = await createProduct({ nameVi: `Mật ong bạc hà ${word}` });
    const { status, html } = await search({ q: `mat ong bac ha ${word}` });
    expect(status).toBe(200);
    expect(linkedProductSlugs(html)).toEqual([product.slug]);
    expect(html).toContain(`Mật ong bạc hà ${word}`);
  });

  it('filters by province', async () => {
    const word = uniqueWord();
    const inHanoi = await createProduct({ nameVi: `Trà ${word}`, provinceCode: '01' });
    await createProduct({ nameVi: `Trà ${word}`, provinceCode: '75' });
    const { html } = await search({ q: word, province: '01' });
    expect(linkedProductSlugs(html)).toEqual([inHanoi.slug]);
    expect(html).toContain('<option value="01" selected="">Hà Nội</option>');
    // The chosen province and the default sort, nothing else.
    expect(html.match(/selected=""/g)).toHaveLength(2);
  });

  it('treats empty form fields as no filter, as a plain GET form sends them', async () => {
    const word = uniqueWord();
    const product = await createProduct({ nameVi: `Bưởi ${word}` });
    const { status, html } = await getPage(
      `/products?q=${word}&province=&group=&min_stars=&producer_kind=&price_min=&price_max=&sort=relevance`,
    );
    expect(status).toBe(200);
    expect(linkedProductSlugs(html)).toEqual([product.slug]);
  });

  it('filters by minimum stars, producer kind, price range and stock', async () => {
    const word = uniqueWord();
    const wanted = await createProduct({
      nameVi: `Nấm ${word}`,
      price: 200_000,
      stock: 3,
      certifications: [{ stars: 5 }],
    });
    await createProduct({ nameVi: `Nấm ${word}`, price: 200_000, stock: 3, certifications: [{ stars: 4 }] });
    await createProduct({ nameVi: `Nấm ${word}`, price: 900_000, stock: 3, certifications: [{ stars: 5 }] });
    await createProduct({ nameVi: `Nấm ${word}`, price: 200_000, stock: 0, certifications: [{ stars: 5 }] });
    const { html } = await search({
      q: word,
      min_stars: '5',
      producer_kind: 'cooperative',
      price_min: '100000',
      price_max: '300000',
      in_stock: '1',
    });
    expect(linkedProductSlugs(html)).toEqual([wanted.slug]);
    expect(html).toMatch(/<input id="f-in_stock" name="in_stock" type="checkbox" value="1" checked=""/);
  });

  it('sorts by price, lowest first', async () => {
    const word = uniqueWord();
    const dear = await createProduct({ nameVi: `Gạo ${word}`, price: 300_000 });
    const cheap = await createProduct({ nameVi: `Gạo ${word}`, price: 100_000 });
    const middle = await createProduct({ nameVi: `Gạo ${word}`, price: 200_000 });
    const { html } = await search({ q: word, sort: 'price_asc' });
    expect(linkedProductSlugs(html)).toEqual([cheap.slug, middle.slug, dear.slug]);
  });

  it('pages through results with links that keep the query', async () => {
    const word = uniqueWord();
    for (let i = 0; i < 3; i++) await createProduct({ nameVi: `Chè ${word}`, price: 100_000 + i });
    const first = await search({ q: word, sort: 'price_asc', limit: '2' });
    expect(linkedProductSlugs(first.html)).toHaveLength(2);
    expect(first.html).toContain(`href="/products?q=${word}&amp;sort=price_asc&amp;limit=2&amp;page=2" rel="next"`);
    const second = await search({ q: word, sort: 'price_asc', limit: '2', page: '2' });
    expect(second.status).toBe(200);
    expect(linkedProductSlugs(second.html)).toHaveLength(1);
    expect(second.html).toContain('aria-current="page">2</a>');
    expect(second.html).toContain('<input type="hidden" name="limit" value="2"/>');
  });

  it('shows the price the Vietnamese way: 150.000 ₫', async () => {
    const word = uniqueWord();
    await createProduct({ nameVi: `Rượu ${word}`, price: 150_000 });
    const { html } = await search({ q: word });
    expect(html).toContain('150.000 ₫');
  });

  it('lists no expired, revoked or unpublished product', async () => {
    const word = uniqueWord();
    const listed = await createProduct({ nameVi: `Khô ${word}` });
    await createProduct({ nameVi: `Khô ${word}`, isPublished: false });
    await createProduct({ nameVi: `Khô ${word}`, certifications: [{ stars: 4, status: 'revoked' }] });
    await createProduct({
      nameVi: `Khô ${word}`,
      certifications: [{ stars: 4, decisionDate: '2020-01-10', validUntil: '2023-01-10' }],
    });
    expect(linkedProductSlugs((await search({ q: word })).html)).toEqual([listed.slug]);
  });

  it('answers a bad filter with 400 and the catalogue again, the filter named by its label and left out', async () => {
    const word = uniqueWord();
    const product = await createProduct({ nameVi: `Miến ${word}` });
    const { status, type, html } = await search({ q: word, min_stars: '9' });
    expect(status).toBe(400);
    expect(type).toContain('text/html');
    expect(html).toMatch(
      /<div class="error-summary" role="alert">.*<li><a href="#f-min_stars">Hạng sao tối thiểu<\/a>: [^<]+<\/li>/s,
    );
    expect(html).not.toContain('<code>min_stars</code>');
    // The search itself still answers, without the refused filter.
    expect(linkedProductSlugs(html)).toEqual([product.slug]);
  });

  it('shows an upside-down price range again as typed, its problem beside the highest price', async () => {
    const word = uniqueWord();
    const dear = await createProduct({ nameVi: `Nem ${word}`, price: 600_000 });
    await createProduct({ nameVi: `Nem ${word}`, price: 100_000 });
    const { status, html } = await search({ q: word, price_min: '500000', price_max: '1000' });
    expect(status).toBe(400);
    expect(html).toMatch(
      /<input id="f-price_max" name="price_max" type="number" inputmode="numeric" min="0" step="1" value="1000" aria-invalid="true" aria-describedby="f-price_max-error"\/>/,
    );
    expect(html).toContain('<p class="field-error" id="f-price_max-error">giá đến phải lớn hơn hoặc bằng giá từ</p>');
    expect(html).toContain('<details open="">');
    // Listed first above the form too, linked to the field, since the field itself may be below the first screen.
    expect(html).toContain('<li><a href="#f-price_max">Giá đến (₫)</a>: giá đến phải lớn hơn hoặc bằng giá từ</li>');
    // The lowest price, which was fine, still filters.
    expect(linkedProductSlugs(html)).toEqual([dear.slug]);
  });

  it('answers a page past the last one with 400 and the first page, naming the page', async () => {
    const word = uniqueWord();
    const product = await createProduct({ nameVi: `Mắm ${word}` });
    const { status, html } = await search({ q: word, page: '2' });
    expect(status).toBe(400);
    expect(html).toContain('<li>Trang: vượt quá trang cuối (1)</li>');
    expect(linkedProductSlugs(html)).toEqual([product.slug]);
    // Nothing folded was refused: the filters stay folded, the results up the screen.
    expect(html).toContain('<details><summary>');
  });

  it('names every refused filter when leaving one out shows another (a page past the last), and still answers', async () => {
    const word = uniqueWord();
    const product = await createProduct({ nameVi: `Tương ${word}` });
    const { status, html } = await search({ q: word, min_stars: '9', page: '4' });
    expect(status).toBe(400);
    expect(html).toMatch(/<li><a href="#f-min_stars">Hạng sao tối thiểu<\/a>: [^<]+<\/li>/);
    expect(html).toContain('<li>Trang: vượt quá trang cuối (1)</li>');
    expect(linkedProductSlugs(html)).toEqual([product.slug]);
    // A folded filter was refused: the filters unfold to show it.
    expect(html).toContain('<details open="">');
  });

  it('shows page 1 of an empty result with a message, not an error', async () => {
    const { status, html } = await search({ q: uniqueWord() });
    expect(status).toBe(200);
    expect(html).toContain('Không tìm thấy sản phẩm nào');
  });

  it('speaks English with ?lang=en and keeps the language in its links', async () => {
    const word = uniqueWord();
    const product = await createProduct({ nameVi: `Cà phê ${word}`, nameEn: `Coffee ${word}` });
    const { html } = await search({ q: word, lang: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`Results for “${word}”`);
    expect(html).toContain(`href="/products/${product.slug}?lang=en">Coffee ${word}</a>`);
    expect(html).toContain('<input type="hidden" name="lang" value="en"/>');
  });

  it('explains a bad filter in English with ?lang=en', async () => {
    const { status, html } = await search({ group: 'weapons', lang: 'en' });
    expect(status).toBe(400);
    expect(html).toContain('<li><a href="#f-group">Product group</a>: ');
    const upsideDown = await search({ price_min: '500000', price_max: '1000', lang: 'en' });
    expect(upsideDown.html).toContain('the highest price must be at least the lowest price');
  });
});
