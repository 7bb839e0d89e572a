import { describe, expect, it } from 'vitest';
import { certifications, productVariants, salesPointProducts, salesPoints } from '../../db/schema';
import { refreshCatalogueFields } from '../../worker/data/products';
import { createProduct, testDb, uniqueSuffix } from '../support/factories';
import { getPage, jsonLdBlocks } from './html';

const BADGE = 'class="star-badge"';

describe('GET /products/:slug', () => {
  it('shows the star badge and the certificate of an active 4-star product', async () => {
    const product = await createProduct({ certifications: [{ stars: 4, decisionDate: '2025-03-05' }] });
    const { status, html } = await getPage(`/products/${product.slug}`);
    expect(status).toBe(200);
    expect(html).toContain(BADGE);
    expect(html).toContain('4 sao OCOP');
    expect(html).toContain('05/03/2025');
    expect(html).toContain('05/03/2028');
    expect(html).toContain('Còn hiệu lực');
    expect(html).toContain('Quyết định 148/QĐ-TTg');
    expect(html).toContain('<h3>Chứng nhận hiện hành</h3>');
  });

  it('drops the badge of an expired product and says since when and why, still answering 200', async () => {
    const product = await createProduct({
      certifications: [{ stars: 4, decisionDate: '2021-01-31', validUntil: '2024-01-31' }],
    });
    const { status, html } = await getPage(`/products/${product.slug}`);
    expect(status).toBe(200);
    expect(html).not.toContain(BADGE);
    expect(html).not.toContain('4 sao OCOP');
    expect(html).toContain('đã hết hiệu lực từ ngày 01/02/2024');
    expect(html).toContain('Hết hiệu lực');
    expect(html).not.toContain('Chứng nhận hiện hành');
    expect(html).toContain('<h3>Chứng nhận gần nhất, không còn hiệu lực</h3>');
  });

  it('drops the badge of a revoked product and gives the date and the reason', async () => {
    const product = await createProduct({
      certifications: [
        {
          stars: 5,
          status: 'revoked',
          statusReason: 'Vi phạm quy định an toàn thực phẩm',
          statusChangedAt: '2026-03-05T03:00:00.000Z',
        },
      ],
    });
    const { status, html } = await getPage(`/products/${product.slug}`);
    expect(status).toBe(200);
    expect(html).not.toContain(BADGE);
    expect(html).toContain('đã bị thu hồi từ ngày 05/03/2026: Vi phạm quy định an toàn thực phẩm');
    expect(html).not.toContain('Chứng nhận hiện hành');
    expect(html).not.toContain('★');
    expect(html).toContain('<h3>Chứng nhận gần nhất, không còn hiệu lực</h3>');
  });

  it('never shows a 2-star result as certified', async () => {
    const product = await createProduct({ certifications: [{ stars: 2 }] });
    const { status, html } = await getPage(`/products/${product.slug}`);
    expect(status).toBe(200);
    expect(html).not.toContain(BADGE);
    expect(html).toContain('chưa có chứng nhận OCOP từ 3 sao trở lên');
    expect(html).toContain('2 sao: chưa đạt chứng nhận OCOP');
  });

  it('lists the full certification history, the upgrade first', async () => {
    const product = await createProduct({
      certifications: [
        { stars: 3, decisionDate: '2024-02-01', status: 'superseded' },
        { stars: 4, decisionDate: '2025-06-01' },
      ],
    });
    const { html } = await getPage(`/products/${product.slug}`);
    const history = html.slice(html.indexOf('class="history"'));
    expect(history.indexOf('01/06/2025')).toBeGreaterThan(-1);
    expect(history.indexOf('01/06/2025')).toBeLessThan(history.indexOf('01/02/2024'));
    expect(history).toContain('Đã được thay thế');
    expect(html).toContain('4 sao OCOP');
  });

  it('names the group as the certifying criteria version does', async () => {
    const product = await createProduct({ groupId: '148.herbal', certifications: [] });
    const db = testDb();
    await db.insert(certifications).values({
      productId: product.id,
      stars: 4,
      score: 75,
      criteriaVersion: '1048',
      level: 'provincial',
      decisionNumber: `77/QĐ-UBND-${uniqueSuffix()}`,
      decisionDate: '2024-12-01',
      issuingBody: 'UBND tỉnh Đồng Nai',
      validUntil: '2027-12-01',
    });
    await refreshCatalogueFields(db, product.id);
    const { html } = await getPage(`/products/${product.slug}`);
    expect(html).toContain('Quyết định 1048/QĐ-TTg');
    expect(html).toContain('<dd>Thảo dược</dd>');
    expect(html).not.toContain('Dược liệu và sản phẩm từ dược liệu');
  });

  it('answers an unknown slug with the friendly 404 page, in HTML', async () => {
    const { status, type, html } = await getPage(`/products/no-such-product-${uniqueSuffix()}`);
    expect(status).toBe(404);
    expect(type).toContain('text/html');
    expect(html).toContain('Không tìm thấy trang bạn cần.');
  });

  it('describes the product in schema.org JSON-LD with an offer in đồng', async () => {
    const product = await createProduct({ price: 150_000, stock: 4 });
    const { html } = await getPage(`/products/${product.slug}`);
    expect(jsonLdBlocks(html)).toContainEqual(
      expect.objectContaining({
        '@type': 'Product',
        name: product.nameVi,
        offers: expect.objectContaining({
          '@type': 'Offer',
          price: 150_000,
          priceCurrency: 'VND',
          availability: 'https://schema.org/InStock',
        }),
      }),
    );
    expect(html).toContain(`<link rel="canonical" href="http://localhost:8787/products/${product.slug}"/>`);
    expect(html).toContain('150.000 ₫');
  });

  it('marks an out-of-stock offer as such', async () => {
    const product = await createProduct({ price: 90_000, stock: 0 });
    const { html } = await getPage(`/products/${product.slug}`);
    const [ld] = jsonLdBlocks(html) as { offers: { availability: string } }[];
    expect(ld!.offers.availability).toBe('https://schema.org/OutOfStock');
    expect(html).toContain('Hết hàng');
  });

  it('lists pack sizes with their prices', async () => {
    const product = await createProduct();
    await testDb()
      .insert(productVariants)
      .values([
        { productId: product.id, labelVi: 'Chai 500 ml', price: 250_000, stock: 2, sortOrder: 1 },
        { productId: product.id, labelVi: 'Hộp quà 2 chai', price: 520_000, stock: 0, sortOrder: 2 },
      ]);
    const { html } = await getPage(`/products/${product.slug}`);
    expect(html).toContain('<th scope="row">Chai 500 ml</th><td>250.000 ₫</td>');
    expect(html).toContain('<th scope="row">Hộp quà 2 chai</th><td>520.000 ₫</td><td>Hết hàng</td>');
  });

  it('says so when no sales point sells the product, and lists the ones that do', async () => {
    const lonely = await createProduct();
    expect((await getPage(`/products/${lonely.slug}`)).html).toContain('Chưa có điểm bán nào đăng ký sản phẩm này.');

    const sold = await createProduct();
    const db = testDb();
    const [point] = await db
      .insert(salesPoints)
      .values({
        slug: `point-${uniqueSuffix()}`,
        name: 'Trung tâm OCOP Biên Hòa',
        kind: 'ocop_centre',
        provinceCode: '75',
        street: '1 Nguyễn Ái Quốc',
      })
      .returning({ id: salesPoints.id });
    await db.insert(salesPointProducts).values({ salesPointId: point!.id, productId: sold.id });
    const { html } = await getPage(`/products/${sold.slug}`);
    expect(html).toContain('Trung tâm OCOP Biên Hòa');
    expect(html).toContain('1 Nguyễn Ái Quốc');
    expect(html).not.toContain('Chưa có điểm bán nào');
  });

  it('links the producer card to the producer page', async () => {
    const product = await createProduct();
    const { html } = await getPage(`/products/${product.slug}`);
    expect(html).toMatch(/href="\/producers\/producer-[0-9a-f]{8}">Xem trang chủ thể<\/a>/);
  });

  it('uses the generated illustration when the product has no photo, with alt text', async () => {
    const product = await createProduct({ nameVi: 'Bưởi da xanh Tân Triều' });
    const { html } = await getPage(`/products/${product.slug}`);
    expect(html).toContain(`<img src="/images/products/${product.slug}.svg" alt="Bưởi da xanh Tân Triều"`);
  });

  it('speaks English with ?lang=en', async () => {
    const product = await createProduct({ nameVi: 'Mật ong', nameEn: 'Wild honey', certifications: [{ stars: 5 }] });
    const { html } = await getPage(`/products/${product.slug}?lang=en`);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Wild honey</h1>');
    expect(html).toContain('5-star OCOP');
    expect(html).toContain('OCOP certification');
  });
});
