import { describe, expect, it } from 'vitest';
import { createProducer, createProduct, uniqueSuffix } from '../support/factories';
import { getPage, linkedProductSlugs } from './html';

describe('GET /producers/:slug', () => {
  it('shows the profile and only the listed products', async () => {
    const suffix = uniqueSuffix();
    const slug = `htx-binh-loi-${suffix}`;
    const taxCode = String(parseInt(suffix, 16)).padStart(10, '0').slice(-10);
    const producerId = await createProducer({
      slug,
      name: `HTX Dịch vụ - Nông nghiệp Bình Lợi ${suffix}`,
      kind: 'cooperative',
      taxCode,
      phone: '0912345678',
      storyVi: 'Bưởi da xanh trồng ven sông Đồng Nai.',
      website: 'javascript:alert(1)',
    });
    const listed = await createProduct({ producerId, nameVi: 'Bưởi da xanh' });
    await createProduct({ producerId, isPublished: false });
    const { status, html } = await getPage(`/producers/${slug}`);
    expect(status).toBe(200);
    expect(html).toContain(`<h1>HTX Dịch vụ - Nông nghiệp Bình Lợi ${suffix}</h1>`);
    expect(html).toContain('<dd>Hợp tác xã</dd>');
    expect(html).toContain(`<dd>${taxCode}</dd>`);
    expect(html).toContain('Đồng Nai');
    expect(html).toContain('href="tel:0912345678"');
    expect(html).toContain('Bưởi da xanh trồng ven sông Đồng Nai.');
    expect(html).not.toContain('javascript:');
    expect(linkedProductSlugs(html)).toEqual([listed.slug]);
  });

  it('says so when the producer has no listed product', async () => {
    const slug = `empty-${uniqueSuffix()}`;
    await createProducer({ slug });
    const { status, html } = await getPage(`/producers/${slug}`);
    expect(status).toBe(200);
    expect(html).toContain('Chủ thể này hiện chưa có sản phẩm được chứng nhận.');
  });

  it('answers an unknown slug with the friendly 404 page', async () => {
    const { status, type, html } = await getPage(`/producers/nobody-${uniqueSuffix()}`);
    expect(status).toBe(404);
    expect(type).toContain('text/html');
    expect(html).toContain('Không tìm thấy trang bạn cần.');
  });
});
