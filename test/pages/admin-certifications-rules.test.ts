/**
 * The ingest rules of issue 13 through the administrators' CSV upload page,
 * the revocation form and the list: what the per-row report says, what is
 * stored, and what consumers read afterwards (with the edge cache on).
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { certifications, producers, products } from '../../db/schema';
import { parseCsv } from '../../worker/domain/csv';
import { signedIn } from '../support/admin';
import type { BrowserSession } from '../support/browser-session';
import { fetchCached } from '../support/cache';
import { testDb, today } from '../support/factories';
import { getJson, uniqueWord } from '../support/http';
import { councilRecord, recordsCsv, uniqueTaxCode } from '../support/ingest';

async function upload(browser: BrowserSession, csrf: string, records: Record<string, unknown>[]) {
  const form = new FormData();
  form.set('_csrf', csrf);
  form.set('file', new File([recordsCsv(records)], 'ket-qua.csv'));
  form.set('rows', '');
  const response = await browser.request('/admin/certifications/upload', { method: 'POST', body: form });
  expect(response.status).toBe(200);
  return response.text();
}

/** The cells of the report's row for a CSV line (the header is line 1). */
function reportRow(html: string, line: number) {
  const match = new RegExp(`<tr id="line-${line}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  if (!match) throw new Error(`no report row for line ${line}`);
  return match[1]!;
}

const storedOf = async (decisionNumber: string) =>
  (await testDb().select().from(certifications).where(eq(certifications.decisionNumber, decisionNumber)))[0];

async function taxCodeOf(decisionNumber: string) {
  const [row] = await testDb()
    .select({ taxCode: producers.taxCode })
    .from(certifications)
    .innerJoin(products, eq(products.id, certifications.productId))
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(eq(certifications.decisionNumber, decisionNumber));
  return row?.taxCode;
}

const slugOf = async (decisionNumber: string) => {
  const [row] = await testDb()
    .select({ slug: products.slug })
    .from(certifications)
    .innerJoin(products, eq(products.id, certifications.productId))
    .where(eq(certifications.decisionNumber, decisionNumber));
  return row!.slug;
};

const revocation = { status: 'revoked', revocation_reason: 'Vi phạm chất lượng', revocation_decision: '455/QĐ-UBND' };

describe('POST /admin/certifications/upload: producers by tax code', () => {
  it('reports a same-named producer with another tax code as a producer of its own, and the export keeps them apart', async () => {
    const { browser, csrf } = await signedIn('admin');
    const word = uniqueWord();
    const same = { producer_name: `HTX Trùng Tên Thử ${word}`, product_code: null, product_name: `Bưởi ${word}` };
    const a = councilRecord({ ...same, tax_code: '3600003331' });
    const b = councilRecord({ ...same, tax_code: '3600003332', decision_date: '2025-09-15' });
    const noCode = councilRecord({ ...same, tax_code: null });
    const html = await upload(browser, csrf, [a, b, noCode]);

    expect(reportRow(html, 2)).toContain('Tạo mới');
    expect(reportRow(html, 3)).toContain('Tạo mới');
    expect(reportRow(html, 3)).toContain(
      '<code>tax_code</code>: trong tỉnh đã có chủ thể cùng tên với mã số thuế khác (3600003331)',
    );
    expect(reportRow(html, 4)).toContain('Bị từ chối');
    expect(reportRow(html, 4)).toContain('<code>tax_code</code>: trong tỉnh có nhiều chủ thể cùng tên này');
    expect(await taxCodeOf(a.decision_number)).toBe('3600003331');
    expect(await taxCodeOf(b.decision_number)).toBe('3600003332');
    expect((await storedOf(a.decision_number))!.status).toBe('active');

    const exported = parseCsv(await (await browser.request('/admin/certifications.csv')).text());
    if (!exported.ok) throw new Error('the export is not CSV');
    const column = (name: string) => exported.header.indexOf(name);
    const rowOf = (decision: string) =>
      exported.rows.find((row) => row.fields[column('Số quyết định')] === decision)!.fields;
    expect(rowOf(a.decision_number)[column('Mã số thuế')]).toBe('3600003331');
    expect(rowOf(b.decision_number)[column('Mã số thuế')]).toBe('3600003332');
  });
});

describe('POST /admin/certifications/upload: a revocation stands', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers "unchanged" with the reason to last month’s file sent again, after a revocation in the file', async () => {
    const { browser, csrf } = await signedIn('admin');
    const original = councilRecord();
    expect(reportRow(await upload(browser, csrf, [original]), 2)).toContain('Tạo mới');
    expect(reportRow(await upload(browser, csrf, [{ ...original, ...revocation }]), 2)).toContain('Đã cập nhật');
    const replay = reportRow(await upload(browser, csrf, [original]), 2);
    expect(replay).toContain('Không đổi');
    expect(replay).toContain('<code>status</code>: chứng nhận này đã bị thu hồi (quyết định 455/QĐ-UBND)');
    expect((await storedOf(original.decision_number))!.status).toBe('revoked');
  });

  it('keeps a revocation made on the revoke form, dated by the day in Vietnam', async () => {
    const { browser, csrf } = await signedIn('admin');
    const original = councilRecord();
    await upload(browser, csrf, [original]);
    const stored = (await storedOf(original.decision_number))!;
    // 20:00 UTC on 1 September is 03:00 on 2 September in Vietnam.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-09-01T20:00:00.000Z') });
    const revoked = await browser.post(`/admin/certifications/${stored.id}/revoke`, {
      _csrf: csrf,
      reason: 'Không duy trì chất lượng',
      decisionNumber: '456/QĐ-UBND',
    });
    vi.useRealTimers();
    expect(revoked.status).toBe(303);
    expect((await storedOf(original.decision_number))!.statusChangedAt).toBe('2025-09-01T20:00:00.000Z');

    const replay = reportRow(await upload(browser, csrf, [original]), 2);
    expect(replay).toContain('Không đổi');
    expect(replay).toContain('quyết định 456/QĐ-UBND');
    const slug = await slugOf(original.decision_number);
    const page = await (await browser.request(`/products/${slug}`)).text();
    expect(page).toContain('đã bị thu hồi từ ngày 02/09/2025');
    const json = await getJson<{ standing: { since: string } }>(`/api/v1/products/${slug}`);
    expect(json.body.standing.since).toBe('2025-09-02');
  });
});

describe('POST /admin/certifications/upload: what a decision date allows', () => {
  it('refuses a valid-until date past 36 months and a criteria set not in force, naming the column', async () => {
    const { browser, csrf } = await signedIn('admin');
    const tooLong = councilRecord({ decision_date: '2022-12-01', group: 'food', valid_until: '2035-01-01' });
    const before148 = councilRecord({ decision_date: '2021-06-10', criteria_version: '148' });
    const badDate = councilRecord({ decision_date: '31/02/2025', group: 'food' });
    const html = await upload(browser, csrf, [tooLong, before148, badDate]);
    expect(reportRow(html, 2)).toContain(
      '<code>valid_until</code>: chứng nhận có hiệu lực tối đa 36 tháng kể từ ngày quyết định, tức đến hết ngày 2025-12-01',
    );
    expect(reportRow(html, 3)).toContain(
      '<code>criteria_version</code>: bộ tiêu chí 148 không áp dụng vào ngày quyết định',
    );
    const dateOnly = reportRow(html, 4);
    expect(dateOnly).toContain('<code>decision_date</code>');
    expect(dateOnly).not.toContain('<code>group</code>');
    for (const record of [tooLong, before148, badDate]) expect(await storedOf(record.decision_number)).toBeUndefined();
  });
});

describe('GET /admin/certifications: 1 and 2 star results', () => {
  it('never lists them as valid or with a valid-until date, in the list, the filters or the export', async () => {
    const { browser, csrf } = await signedIn('admin');
    const twoStars = councilRecord({ stars: 2, score: 45, product_name: `Trà ${uniqueWord()}` });
    await upload(browser, csrf, [twoStars]);
    const stored = (await storedOf(twoStars.decision_number))!;

    const list = await (await browser.request('/admin/certifications?stars=1-2')).text();
    const row = new RegExp(`<tr id="certification-${stored.id}">([\\s\\S]*?)</tr>`).exec(list)![1]!;
    expect(row).toContain('Không phải chứng nhận OCOP (dưới 3 sao)');
    expect(row).not.toContain('Còn hiệu lực');
    expect(row).not.toContain('<time');
    expect(row).not.toContain('/revoke"');
    for (const filter of ['status=active', 'expiring=3650']) {
      expect(await (await browser.request(`/admin/certifications?${filter}`)).text()).not.toContain(
        `id="certification-${stored.id}"`,
      );
    }

    const exported = parseCsv(await (await browser.request('/admin/certifications.csv?stars=1-2')).text());
    if (!exported.ok) throw new Error('the export is not CSV');
    const fields = exported.rows.find((r) => r.fields[0] === twoStars.decision_number)!.fields;
    expect(fields[exported.header.indexOf('Hiệu lực đến')]).toBe('');
    expect(fields[exported.header.indexOf('Tình trạng')]).toBe('Không phải chứng nhận OCOP (dưới 3 sao)');
  });
});

describe('the admin pages with the edge cache on', () => {
  it('show an upload and a revocation on the next request of the cached search and product page', async () => {
    const { browser, csrf } = await signedIn('admin');
    const original = councilRecord({ decision_date: '2025-08-01', tax_code: uniqueTaxCode() });
    const word = original.product_name.split(' ').at(-1)!;
    await upload(browser, csrf, [original]);
    const slug = await slugOf(original.decision_number);
    const search = `/api/v1/products?q=${word}`;
    const stars = async () =>
      (await (await fetchCached(search)).json<{ data: { stars: number }[] }>()).data.map((p) => p.stars);
    expect(await stars()).toEqual([4]);
    await fetchCached(`/products/${slug}`);
    expect((await fetchCached(search)).headers.get('x-cache')).toBe('HIT');
    expect((await fetchCached(`/products/${slug}`)).headers.get('x-cache')).toBe('HIT');

    const upgrade = { ...original, decision_number: `${original.decision_number}-U`, decision_date: '2025-10-01' };
    await upload(browser, csrf, [{ ...upgrade, stars: 3, score: 68 }]);
    expect(await stars()).toEqual([3]);
    expect(await (await fetchCached(`/products/${slug}`)).text()).toContain('3 sao OCOP');

    const current = (await storedOf(upgrade.decision_number))!;
    const revoked = await browser.post(`/admin/certifications/${current.id}/revoke`, {
      _csrf: csrf,
      reason: 'Vi phạm',
      decisionNumber: '457/QĐ-UBND',
    });
    expect(revoked.status).toBe(303);
    expect(await stars()).toEqual([]);
    const page = await fetchCached(`/products/${slug}`);
    expect(page.headers.get('x-cache')).toBe('MISS');
    expect(await page.text()).toContain(`đã bị thu hồi từ ngày ${today().split('-').reverse().join('/')}`);
  });
});
