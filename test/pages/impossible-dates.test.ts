/**
 * Every date a person types into a form: an impossible one (month 13 or 0, 30 February) is refused
 * with 400 and the field named, never a 500. The date fields are those of worker/schemas: a lot's
 * production and best-before dates, a traceability event's time, and a council result's decision
 * and valid-until dates (API and the administration's upload form, refused per record).
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { lots, traceEvents } from '../../db/schema';
import { signedIn as signedInAs } from '../support/admin';
import { createProduct, testDb } from '../support/factories';
import { councilRecord, createApiToken, postIngest, type IngestReport } from '../support/ingest';
import { postForm, signedIn } from '../support/portal';
import { memberWithLot, newLotCode } from '../support/portal-stamps';

const IMPOSSIBLE_DATES = [
  '2026-13-01',
  '2026-00-10',
  '2026-02-30',
  '2025-02-29',
  '2026-04-31',
  '2026-01-00',
  '0000-01-01',
];

/** The field's own error is shown beside it, and the summary names it by its label. */
function expectFieldRefused(html: string, field: string, label: string) {
  expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
  expect(html).toContain(`id="${field}-error"`);
  expect(html).toMatch(new RegExp(`<a href="#${field}">${label}`));
}

describe('POST /portal/lots with an impossible date', () => {
  for (const field of ['productionDate', 'bestBefore'] as const) {
    it.each(IMPOSSIBLE_DATES)(`answers 400 naming ${field} for %s`, async (date) => {
      const { browser, user } = await signedIn('producer_member');
      const product = await createProduct({ producerId: user.producerId! });
      const response = await postForm(browser, '/portal/lots', {
        productId: String(product.id),
        lotCode: newLotCode(),
        productionDate: '',
        bestBefore: '',
        quantity: '',
        notes: '',
        [field]: date,
      });
      expect(response.status).toBe(400);
      expectFieldRefused(await response.text(), field, field === 'productionDate' ? 'Ngày sản xuất' : 'Hạn sử dụng');
      expect(await testDb().select().from(lots).where(eq(lots.productId, product.id))).toHaveLength(0);
    });
  }
});

describe('POST /portal/lots/:id/events with an impossible time', () => {
  it.each([
    ...IMPOSSIBLE_DATES.map((date) => `${date}T10:00`),
    '2026-03-05T24:00',
    '2026-03-05T10:60',
    '2026-03-05',
    '0099-03-05T10:00',
  ])('answers 400 naming occurredAt for %s', async (occurredAt) => {
    const { browser, lotId } = await memberWithLot();
    const response = await postForm(browser, `/portal/lots/${lotId}/events`, {
      eventType: 'commissioning',
      occurredAt,
      placeKind: 'area',
      provinceCode: '75',
      isPublic: '1',
    });
    expect(response.status).toBe(400);
    expectFieldRefused(await response.text(), 'occurredAt', 'Thời điểm \\(giờ Việt Nam\\)');
    expect(await testDb().select().from(traceEvents).where(eq(traceEvents.lotId, lotId))).toHaveLength(0);
  });
});

describe('council results with an impossible date', () => {
  let secret: string;
  beforeAll(async () => {
    secret = (await createApiToken()).secret;
  });

  for (const field of ['decision_date', 'valid_until'] as const) {
    it.each(IMPOSSIBLE_DATES)(
      `POST /api/v1/admin/certifications rejects the record naming ${field} for %s`,
      async (date) => {
        const response = await postIngest(
          JSON.stringify([councilRecord({ [field]: date })]),
          'application/json',
          secret,
        );
        expect(response.status).toBe(200);
        const report = await response.json<IngestReport>();
        expect(report.results[0]).toMatchObject({ outcome: 'rejected' });
        expect(report.results[0]!.errors).toContainEqual(expect.objectContaining({ field, code: 'invalid_date' }));
      },
    );
  }

  it('the upload form rejects the row and names the column, without a 500', async () => {
    const { browser, csrf } = await signedInAs('admin');
    const header = Object.keys(councilRecord()).join(',');
    const row = Object.values(councilRecord({ decision_date: '2026-13-01' })).join(',');
    const body = new FormData();
    body.set('_csrf', csrf);
    body.set('rows', `${header}\n${row}`);
    const response = await browser.request('/admin/certifications/upload', { method: 'POST', body });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<code>decision_date</code>: không phải ngày hợp lệ');
  });
});
