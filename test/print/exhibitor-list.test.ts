import { beforeAll, describe, expect, it } from 'vitest';
import { buildExhibitorListPdf } from '../../worker/print/exhibitor-list';
import { loadPdfJs, readPdfPages } from './read-pdf';

const columns = ['Gian', 'Khu', 'Đơn vị', 'Mã số thuế', 'Tỉnh, thành phố', 'Điện thoại', 'Sản phẩm'];
const rows = Array.from({ length: 120 }, (_, i) => [
  `A${String(i + 1).padStart(3, '0')}`,
  'Khu sản phẩm OCOP',
  `Hợp tác xã Nông nghiệp và Dịch vụ Bình Lợi số ${i + 1}`,
  '3600123456',
  'Đồng Nai',
  '0912 345 678',
  'Bưởi da xanh, tinh dầu bưởi, rượu bưởi Tân Triều, mật ong lên men bạc hà',
]);

beforeAll(async () => {
  await loadPdfJs();
}, 60_000);

describe('buildExhibitorListPdf', () => {
  it('prints every row once on A4 pages, the header on each page and the page number at the foot', async () => {
    const pages = await readPdfPages(
      await buildExhibitorListPdf({
        title: 'Danh sách đơn vị tham gia: Hội chợ OCOP Đồng Nai 2026',
        subtitle: '18/12/2026 – 22/12/2026 · Quảng trường tỉnh, Đồng Nai',
        columns,
        rows,
        page: (n, total) => `Trang ${n}/${total}`,
      }),
    );
    expect(pages.length).toBeGreaterThan(3);
    const texts = pages.map((page) => page.map((item) => item.text));
    expect(texts[0]!.join(' ')).toContain('Danh sách đơn vị tham gia: Hội chợ OCOP Đồng Nai 2026');
    texts.forEach((page, i) => {
      expect(page).toContain('Gian');
      expect(page).toContain('Mã số thuế');
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    const booths = texts.flat().filter((text) => /^A\d{3}$/.test(text));
    expect(booths).toEqual(rows.map((row) => row[0]));
    for (const page of pages) for (const item of page) expect(item.x + item.width).toBeLessThanOrEqual(595.3);
  });
});
