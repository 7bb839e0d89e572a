import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearOfWindowEdges } from '../support/rate-window';
import { fakeReports } from '../../db/schema';
import { rateLimits } from '../../worker/domain/rate-limit';
import { testDb } from '../support/factories';
import { concat, text, tinyJpeg, tinyPng } from '../support/images';
import { activeStamp, Phone, stampPath } from '../support/stamps';

const PNG = tinyPng();

const reportsFor = (scannedPath: string) =>
  testDb().select().from(fakeReports).where(eq(fakeReports.scannedPath, scannedPath));

function reportForm(fields: Record<string, string>, photo?: File) {
  const form = new FormData();
  form.set('form', 'report');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (photo) form.set('photo', photo);
  return form;
}

describe('the suspected-fake report form', () => {
  // Counting up to a limit must not straddle the end of a rate-limit window.
  beforeEach(() => clearOfWindowEdges(), 30_000);
  it('stores a report about the stamp and its product, with the place it came from', async () => {
    const stamp = await activeStamp();
    const response = await new Phone({ regionCode: 'SG' }).postForm(
      stamp.path,
      reportForm({ message: 'Tem in mờ, nắp chai không có màng seal', contact: '0912345678' }),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Cảm ơn bạn. Báo cáo đã được gửi');
    expect(html).not.toContain('<script');
    const [report] = await reportsFor(stamp.path);
    expect(report).toMatchObject({
      productId: stamp.lot.product.id,
      message: 'Tem in mờ, nắp chai không có màng seal',
      contact: '0912345678',
      province: '79',
      photoKey: null,
      status: 'open',
    });
    expect(report!.stampId).toEqual(expect.any(Number));
  });

  it('stores the photo in the media bucket under a random key of its own, with its type, never served publicly', async () => {
    const stamp = await activeStamp();
    const photo = new File([PNG], 'anh.png', { type: 'image/png' });
    const response = await new Phone().postForm(stamp.path, reportForm({ message: 'Bao bì khác màu' }, photo));
    expect(response.status).toBe(200);
    const [report] = await reportsFor(stamp.path);
    expect(report!.photoKey).toMatch(/^reports\/[0-9a-f-]{36}\.png$/);
    const object = await env.MEDIA.get(report!.photoKey!);
    expect(object?.httpMetadata?.contentType).toBe('image/png');
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(PNG);
    // The buyer's photo is for the reviewers only, never on the public media route.
    expect((await new Phone().request(`/media/${report!.photoKey}`)).status).toBe(404);
    const bareKey = report!.photoKey!.slice('reports/'.length);
    expect((await new Phone().request(`/media/${bareKey}`)).status).toBe(404);
  });

  it('refuses a file that is not a JPEG, PNG or WebP image, whatever its name says, and stores nothing', async () => {
    const stamp = await activeStamp();
    const fake = new File(['<script>alert(1)</script>'], 'anh.jpg', { type: 'image/jpeg' });
    const response = await new Phone().postForm(stamp.path, reportForm({ message: 'Có ảnh' }, fake));
    expect(response.status).toBe(415);
    const html = await response.text();
    expect(html).toContain('tệp không phải ảnh JPEG, PNG hoặc WebP');
    expect(html).toContain('Có ảnh</textarea>');
    expect(await reportsFor(stamp.path)).toEqual([]);
  });

  it.each([
    ['the 3 bytes FF D8 FF', new Uint8Array([0xff, 0xd8, 0xff])],
    ['a JPEG with a page appended', concat(tinyJpeg(), text('<html><script>alert(1)</script></html>'))],
    ['a PNG cut short', tinyPng().subarray(0, 40)],
  ])('refuses %s: 415, no report stored', async (_, bytes) => {
    const stamp = await activeStamp();
    const response = await new Phone().postForm(
      stamp.path,
      reportForm({ message: 'Có ảnh' }, new File([bytes], 'a.jpg')),
    );
    expect(response.status).toBe(415);
    expect(await reportsFor(stamp.path)).toEqual([]);
  });

  it('needs a message, and says so next to the field', async () => {
    const stamp = await activeStamp();
    const response = await new Phone().postForm(stamp.path, reportForm({ message: '   ', contact: '0912345678' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="report-message-error"');
    expect(html).toContain('value="0912345678"');
    expect(await reportsFor(stamp.path)).toEqual([]);
  });

  it('takes a report on an unknown serial, tied to the product its GTIN names', async () => {
    const { lot } = await activeStamp();
    const path = stampPath(lot, 'FAKE00000001');
    const response = await new Phone().postForm(path, reportForm({ message: 'Mã tem không tìm thấy' }));
    expect(response.status).toBe(200);
    const [report] = await reportsFor(path);
    expect(report).toMatchObject({ stampId: null, productId: lot.product.id, message: 'Mã tem không tìm thấy' });
  });

  it(`takes at most ${rateLimits.fakeReportsPerIp.limit} reports an hour from one address`, async () => {
    const stamp = await activeStamp();
    const phone = new Phone();
    for (let i = 0; i < rateLimits.fakeReportsPerIp.limit; i++) {
      expect((await phone.postForm(stamp.path, reportForm({ message: `Báo cáo ${i}` }))).status).toBe(200);
    }
    const refused = await phone.postForm(stamp.path, reportForm({ message: 'Thêm một báo cáo' }));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Bạn đã gửi nhiều báo cáo.');
    expect(await reportsFor(stamp.path)).toHaveLength(rateLimits.fakeReportsPerIp.limit);
    expect((await new Phone().postForm(stamp.path, reportForm({ message: 'Người khác' }))).status).toBe(200);
  });
});
