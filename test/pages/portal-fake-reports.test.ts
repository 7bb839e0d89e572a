import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, fakeReports } from '../../db/schema';
import { createFakeReport, type NewFakeReport } from '../../worker/data/fake-reports';
import { createProduct, testDb, uniqueSuffix } from '../support/factories';
import { postForm, signedIn } from '../support/portal';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A report as the scan page files it, with a message no other test uses. */
async function report(productId: number | null, overrides: Partial<NewFakeReport> = {}) {
  const message = `Tem in mờ, nghi hàng giả ${uniqueSuffix()}`;
  const { reportId } = await createFakeReport(testDb(), {
    stampId: null,
    scannedPath: '/T/DN0042/ABCDEFGHJKMN',
    productId,
    message,
    photoKey: null,
    contact: '0912345678',
    province: '79',
    ...overrides,
  });
  return { reportId, message };
}

const reportRow = async (id: number) => (await testDb().select().from(fakeReports).where(eq(fakeReports.id, id)))[0]!;

describe('GET /portal/fake-reports', () => {
  it('shows a member the reports about their own products only', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId!, nameVi: 'Rượu nhung hươu thử' });
    const own = await report(product.id);
    const foreign = await report((await createProduct()).id);
    const nobody = await report(null);
    const response = await browser.request('/portal/fake-reports');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(own.message);
    expect(html).toContain('Rượu nhung hươu thử');
    expect(html).toContain('Hồ Chí Minh');
    expect(html).not.toContain(foreign.message);
    expect(html).not.toContain(nobody.message);
  });

  it('filters by status and refuses an unknown one with 400', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const open = await report(product.id);
    const dismissed = await report(product.id);
    await testDb().update(fakeReports).set({ status: 'dismissed' }).where(eq(fakeReports.id, dismissed.reportId));
    const html = await (await browser.request('/portal/fake-reports?status=open')).text();
    expect(html).toContain(open.message);
    expect(html).not.toContain(dismissed.message);
    expect((await browser.request('/portal/fake-reports?status=closed')).status).toBe(400);
  });
});

describe('POST /portal/fake-reports/:id/review', () => {
  it('confirms a report, records who and when, and audits the change', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const { reportId } = await report(product.id);
    const response = await postForm(browser, `/portal/fake-reports/${reportId}/review`, { status: 'confirmed' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/portal/fake-reports?reviewed=1#report-${reportId}`);
    expect(await reportRow(reportId)).toMatchObject({ status: 'confirmed', reviewedBy: user.id });
    expect((await reportRow(reportId)).reviewedAt).not.toBeNull();
    const [audit] = await testDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fake_report.review'), eq(auditLog.entityId, String(reportId))));
    expect(audit).toMatchObject({
      actorUserId: user.id,
      before: { status: 'open' },
      after: { status: 'confirmed' },
    });
    expect(await (await browser.request('/portal/fake-reports?reviewed=1')).text()).toContain(
      'Đã lưu kết quả xem xét.',
    );
  });

  it("answers 404 for another organisation's report and 400 for a status it does not know", async () => {
    const { browser, user } = await signedIn('producer_member');
    const foreign = await report((await createProduct()).id);
    const response = await postForm(browser, `/portal/fake-reports/${foreign.reportId}/review`, {
      status: 'dismissed',
    });
    expect(response.status).toBe(404);
    expect((await reportRow(foreign.reportId)).status).toBe('open');
    const own = await report((await createProduct({ producerId: user.producerId! })).id);
    const bad = await postForm(browser, `/portal/fake-reports/${own.reportId}/review`, { status: 'open' });
    expect(bad.status).toBe(400);
    expect((await reportRow(own.reportId)).status).toBe('open');
  });
});

describe('GET /portal/fake-reports/:id/photo', () => {
  it("serves the buyer's photo to the producer, privately, and to nobody else", async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const photoKey = `reports/${crypto.randomUUID()}.png`;
    await env.MEDIA.put(photoKey, PNG, { httpMetadata: { contentType: 'image/png' } });
    const { reportId } = await report(product.id, { photoKey });
    const response = await browser.request(`/portal/fake-reports/${reportId}/photo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
    expect(await (await browser.request('/portal/fake-reports')).text()).toContain(
      `/portal/fake-reports/${reportId}/photo`,
    );

    const outsider = await signedIn('producer_member');
    expect((await outsider.browser.request(`/portal/fake-reports/${reportId}/photo`)).status).toBe(404);
    const withoutPhoto = await report(product.id);
    expect((await browser.request(`/portal/fake-reports/${withoutPhoto.reportId}/photo`)).status).toBe(404);
  });
});

describe('/admin/fake-reports', () => {
  it('shows staff every report, including codes that name no product, and lets them review', async () => {
    const { browser, user } = await signedIn('staff');
    const product = await createProduct({ nameVi: 'Bưởi da xanh thử' });
    const about = await report(product.id);
    const nobody = await report(null);
    const html = await (await browser.request('/admin/fake-reports')).text();
    expect(html).toContain(about.message);
    expect(html).toContain(nobody.message);
    expect(html).toContain('Mã không thuộc sản phẩm nào trên hệ thống');
    const response = await postForm(
      browser,
      `/admin/fake-reports/${nobody.reportId}/review`,
      { status: 'dismissed' },
      '/admin/fake-reports',
    );
    expect(response.status).toBe(303);
    expect(await reportRow(nobody.reportId)).toMatchObject({ status: 'dismissed', reviewedBy: user.id });
  });

  it('is closed to producer members', async () => {
    const { browser } = await signedIn('producer_member');
    expect((await browser.request('/admin/fake-reports')).status).toBe(403);
  });
});
