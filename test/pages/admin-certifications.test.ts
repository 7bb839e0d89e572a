import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { certifications, products } from '../../db/schema';
import { RECORD_FIELDS } from '../../worker/domain/certification-record';
import { parseCsv } from '../../worker/domain/csv';
import { addDays } from '../../worker/domain/dashboard';
import { auditFor, signedIn } from '../support/admin';
import { BrowserSession } from '../support/browser-session';
import { createProduct, testDb, today, uniqueSuffix, type ProductSpec } from '../support/factories';
import { getJson, uniqueWord } from '../support/http';
import { councilRecord } from '../support/ingest';

// ---------------------------------------------------------------- helpers

const COLUMNS = [
  'decision_number',
  'decision_date',
  'issuing_body',
  'level',
  'producer_name',
  'producer_kind',
  'tax_code',
  'province_code',
  'commune_code',
  'product_code',
  'product_name',
  'group',
  'score',
  'stars',
] as const;
type CouncilRow = ReturnType<typeof councilRecord>;
const councilRow = (overrides: Partial<Record<(typeof COLUMNS)[number], string>> = {}): CouncilRow =>
  councilRecord(overrides);

const csvOf = (rows: CouncilRow[], columns: readonly string[] = COLUMNS) =>
  [columns, ...rows.map((row) => columns.map((column) => row[column as keyof CouncilRow]))]
    .map((cells) => cells.join(','))
    .join('\r\n') + '\r\n';

/** The upload form as a browser sends it: multipart, an empty file part when no file was chosen. */
function uploadForm(csrf: string, parts: { file?: string; rows?: string }) {
  const form = new FormData();
  form.set('_csrf', csrf);
  form.set(
    'file',
    new File(parts.file === undefined ? [] : [parts.file], parts.file === undefined ? '' : 'ket-qua.csv'),
  );
  form.set('rows', parts.rows ?? '');
  return form;
}

async function upload(browser: BrowserSession, csrf: string, parts: { file?: string; rows?: string }) {
  return browser.request('/admin/certifications/upload', { method: 'POST', body: uploadForm(csrf, parts) });
}

/** The opening tag and the cells of the report's row for a CSV line. */
function reportRow(html: string, line: number) {
  const match = new RegExp(`(<tr id="line-${line}"[^>]*>)([\\s\\S]*?)</tr>`).exec(html);
  if (!match) throw new Error(`no report row for line ${line}`);
  return { tag: match[1]!, cells: match[2]! };
}

const unescapeHtml = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

const storedCertifications = (decisionNumber: string) =>
  testDb().select().from(certifications).where(eq(certifications.decisionNumber, decisionNumber));

/** A product made by the factory and the id of its only certification. */
async function certified(spec: ProductSpec) {
  const product = await createProduct(spec);
  const [certification] = await testDb().select().from(certifications).where(eq(certifications.productId, product.id));
  return { ...product, certificationId: certification!.id, decisionNumber: certification!.decisionNumber };
}

const listed = (html: string, product: { slug: string }) => html.includes(`href="/products/${product.slug}"`);

// ---------------------------------------------------------------- upload

describe('POST /admin/certifications/upload', () => {
  it('reports every row: created rows link their product, rejected rows are marked and say what is wrong', async () => {
    const { user: admin, browser, csrf } = await signedIn('admin');
    const good = councilRow();
    const bad = councilRow({ stars: '9', issuing_body: '' });
    const response = await upload(browser, csrf, { file: csvOf([good, bad]) });
    expect(response.status).toBe(200);
    const html = await response.text();

    const [stored] = await storedCertifications(good.decision_number);
    const [product] = await testDb().select().from(products).where(eq(products.id, stored!.productId));
    const created = reportRow(html, 2);
    expect(created.tag).not.toContain('is-rejected');
    expect(created.cells).toContain('Tạo mới');
    expect(created.cells).toContain(`<a href="/products/${product!.slug}">${good.product_name}</a>`);

    const rejected = reportRow(html, 3);
    expect(rejected.tag).toContain('class="is-rejected"');
    expect(rejected.cells).toContain('✗');
    expect(rejected.cells).toContain('Bị từ chối');
    expect(rejected.cells).toContain('<code>stars</code>: số sao phải là số nguyên từ 1 đến 5');
    expect(rejected.cells).toContain('<code>issuing_body</code>: bắt buộc');
    expect(rejected.cells).not.toContain('href="/products/');

    expect(html).toMatch(/<strong>1<\/strong> Tạo mới/);
    expect(html).toMatch(/<li class="is-rejected"><strong>1<\/strong> Bị từ chối/);
    expect(await storedCertifications(bad.decision_number)).toHaveLength(0);
    const [entry] = await auditFor('certification', stored!.id);
    expect(entry).toMatchObject({ action: 'certification.ingested', actorUserId: admin.id });
  });

  it('ingests CSV text pasted into the text area', async () => {
    const { browser, csrf } = await signedIn('admin');
    const row = councilRow();
    const response = await upload(browser, csrf, { rows: csvOf([row]) });
    expect(response.status).toBe(200);
    expect(reportRow(await response.text(), 2).cells).toContain('Tạo mới');
    expect(await storedCertifications(row.decision_number)).toHaveLength(1);
  });

  it('refuses a file without a required column with a 400 form naming the column, and writes nothing', async () => {
    const { browser, csrf } = await signedIn('admin');
    const row = councilRow();
    const response = await upload(browser, csrf, {
      file: csvOf(
        [row],
        COLUMNS.filter((c) => c !== 'stars'),
      ),
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('action="/admin/certifications/upload"');
    expect(html).toMatch(/id="file-error"><ul><li><code>stars<\/code>: thiếu cột bắt buộc<\/li>/);
    expect(html).toMatch(/<input id="file"[^>]*aria-invalid="true"/);
    expect(await storedCertifications(row.decision_number)).toHaveLength(0);
  });

  it('refuses a form with neither a file nor pasted text, and one with both', async () => {
    const { browser, csrf } = await signedIn('admin');
    const empty = await upload(browser, csrf, {});
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('hãy chọn tệp CSV hoặc dán nội dung CSV');
    const row = councilRow();
    const both = await upload(browser, csrf, { file: csvOf([row]), rows: csvOf([row]) });
    expect(both.status).toBe(400);
    expect(await both.text()).toContain('không dùng cả hai cùng lúc');
    expect(await storedCertifications(row.decision_number)).toHaveLength(0);
  });
});

describe('POST /admin/certifications/upload/rejected.csv', () => {
  it('hands back exactly the rejected rows, with the cells as sent and their errors', async () => {
    const { browser, csrf } = await signedIn('admin');
    const good = councilRow();
    const badStars = councilRow({ stars: '7' });
    const badDate = councilRow({ decision_date: '31/02/2025' });
    const report = await (await upload(browser, csrf, { file: csvOf([badStars, good, badDate]) })).text();
    const hidden = /<input type="hidden" name="csv" value="([^"]*)"/.exec(report)?.[1];
    expect(hidden).toBeDefined();

    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('csv', unescapeHtml(hidden!));
    const response = await browser.request('/admin/certifications/upload/rejected.csv', { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="rejected-rows.csv"');

    const parsed = parseCsv(await response.text());
    if (!parsed.ok) throw new Error('the rejected rows are not CSV');
    expect(parsed.header).toEqual([...RECORD_FIELDS, 'errors']);
    const cell = (row: string[], field: string) => row[parsed.header.indexOf(field)];
    const rows = parsed.rows.map((row) => row.fields);
    expect(rows.map((row) => cell(row, 'decision_number'))).toEqual([
      badStars.decision_number,
      badDate.decision_number,
    ]);
    expect(rows.map((row) => cell(row, 'product_name'))).toEqual([badStars.product_name, badDate.product_name]);
    expect(cell(rows[0]!, 'stars')).toBe('7');
    expect(cell(rows[1]!, 'decision_date')).toBe('31/02/2025');
    expect(cell(rows[0]!, 'errors')).toBe('stars: số sao phải là số nguyên từ 1 đến 5');
    expect(cell(rows[1]!, 'errors')).toContain('decision_date: không phải ngày hợp lệ');
  });
});

// ---------------------------------------------------------------- list and export

describe('GET /admin/certifications', () => {
  it('filters by province, stars, level, status (expired by date too) and expiry window', async () => {
    const recent = addDays(today(), -3);
    const hanoi = await certified({ provinceCode: '01', certifications: [{ stars: 4, decisionDate: recent }] });
    const central = await certified({ certifications: [{ stars: 5, level: 'central', decisionDate: recent }] });
    const twoStars = await certified({ certifications: [{ stars: 2, decisionDate: recent }] });
    const lapsed = await certified({
      certifications: [{ stars: 4, decisionDate: recent, validUntil: addDays(today(), -1) }],
    });
    const expired = await certified({ certifications: [{ stars: 3, status: 'expired', decisionDate: recent }] });
    const revoked = await certified({ certifications: [{ stars: 4, status: 'revoked', decisionDate: recent }] });
    const expiring = await certified({
      certifications: [{ stars: 3, decisionDate: recent, validUntil: addDays(today(), 10) }],
    });
    const { browser } = await signedIn('admin');
    const list = async (query: string) => {
      const response = await browser.request(`/admin/certifications?${query}`);
      expect(response.status, query).toBe(200);
      return response.text();
    };

    const byProvince = await list('province=01');
    expect(listed(byProvince, hanoi)).toBe(true);
    expect(listed(byProvince, central)).toBe(false);

    const fiveStars = await list('stars=5');
    expect(listed(fiveStars, central)).toBe(true);
    expect(listed(fiveStars, hanoi)).toBe(false);
    const notCertified = await list('stars=1-2');
    expect(listed(notCertified, twoStars)).toBe(true);
    expect(listed(notCertified, hanoi)).toBe(false);

    const centralLevel = await list('level=central');
    expect(listed(centralLevel, central)).toBe(true);
    expect(listed(centralLevel, hanoi)).toBe(false);

    const expiredList = await list('status=expired');
    expect([lapsed, expired, hanoi, revoked].map((p) => listed(expiredList, p))).toEqual([true, true, false, false]);
    const activeList = await list('status=active');
    expect([hanoi, expiring, lapsed, expired, revoked].map((p) => listed(activeList, p))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(activeList).toContain(`href="/admin/certifications/${hanoi.certificationId}/revoke"`);
    const revokedList = await list('status=revoked');
    expect([revoked, hanoi].map((p) => listed(revokedList, p))).toEqual([true, false]);
    expect(revokedList).not.toContain(`href="/admin/certifications/${revoked.certificationId}/revoke"`);

    const withinMonth = await list('expiring=30');
    expect([expiring, lapsed, hanoi].map((p) => listed(withinMonth, p))).toEqual([true, false, false]);
    expect(listed(await list('expiring=5'), expiring)).toBe(false);

    expect((await browser.request('/admin/certifications?stars=6')).status).toBe(400);
  });
});

describe('GET /admin/certifications.csv', () => {
  it('exports the filtered list as a CSV attachment', async () => {
    const recent = addDays(today(), -2);
    const wanted = await certified({ provinceCode: '01', certifications: [{ stars: 5, decisionDate: recent }] });
    const otherStars = await certified({ provinceCode: '01', certifications: [{ stars: 3, decisionDate: recent }] });
    const otherProvince = await certified({ provinceCode: '79', certifications: [{ stars: 5, decisionDate: recent }] });
    const { browser } = await signedIn('admin');
    const response = await browser.request('/admin/certifications.csv?province=01&stars=5');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="certifications-${today()}.csv"`);

    const parsed = parseCsv(await response.text());
    if (!parsed.ok) throw new Error('the export is not CSV');
    expect(parsed.header[0]).toBe('Số quyết định');
    const decisions = parsed.rows.map((row) => row.fields[0]);
    expect(decisions).toContain(wanted.decisionNumber);
    expect(decisions).not.toContain(otherStars.decisionNumber);
    expect(decisions).not.toContain(otherProvince.decisionNumber);
    const provinceColumn = parsed.header.indexOf('Tỉnh, thành phố');
    const starsColumn = parsed.header.indexOf('Số sao');
    expect(new Set(parsed.rows.map((row) => `${row.fields[provinceColumn]} ${row.fields[starsColumn]}`))).toEqual(
      new Set(['Hà Nội 5']),
    );
  });
});

// ---------------------------------------------------------------- revocation

describe('POST /admin/certifications/:id/revoke', () => {
  it('revokes with a reason: the product leaves the catalogue and the audit log records who and why', async () => {
    const word = uniqueWord();
    const product = await certified({ nameVi: `Rượu nếp ${word}`, certifications: [{ stars: 4 }] });
    const searched = async () =>
      (await getJson<{ data: { slug: string }[] }>(`/api/v1/products?q=${word}`)).body.data.map((p) => p.slug);
    expect(await searched()).toEqual([product.slug]);

    const { user: admin, browser, csrf } = await signedIn('admin');
    const path = `/admin/certifications/${product.certificationId}/revoke`;
    const form = await browser.request(path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="reason"');

    const decisionNumber = `455/QĐ-UBND-${uniqueSuffix()}`;
    const reason = 'Không duy trì chất lượng sau kiểm tra định kỳ';
    const response = await browser.post(path, { _csrf: csrf, reason, decisionNumber });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/certifications?revoked=1');
    expect(await (await browser.request(response.headers.get('location')!)).text()).toContain(
      'Đã thu hồi chứng nhận; danh mục sản phẩm đã được cập nhật.',
    );

    const [stored] = await testDb().select().from(certifications).where(eq(certifications.id, product.certificationId));
    expect(stored).toMatchObject({ status: 'revoked', statusReason: reason, revocationDecision: decisionNumber });
    expect(await searched()).toEqual([]);
    const [entry] = await auditFor('certification', product.certificationId);
    expect(entry).toMatchObject({
      action: 'certification.revoked',
      actorUserId: admin.id,
      before: { status: 'active' },
      after: { status: 'revoked', reason, revocation_decision: decisionNumber },
    });
  });

  it('refuses a revocation without a reason with a 400 naming the field, and writes nothing', async () => {
    const product = await certified({ certifications: [{ stars: 4 }] });
    const { browser, csrf } = await signedIn('admin');
    const decisionNumber = `456/QĐ-UBND-${uniqueSuffix()}`;
    const response = await browser.post(`/admin/certifications/${product.certificationId}/revoke`, {
      _csrf: csrf,
      reason: '   ',
      decisionNumber,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<a href="#reason">Lý do thu hồi</a>: bắt buộc');
    expect(html).toMatch(/<textarea id="reason"[^>]*aria-invalid="true"/);
    expect(html).toContain(`value="${decisionNumber}"`);

    const [stored] = await testDb().select().from(certifications).where(eq(certifications.id, product.certificationId));
    expect(stored).toMatchObject({ status: 'active', statusReason: null, revocationDecision: null });
    expect(await auditFor('certification', product.certificationId)).toEqual([]);
  });
});

// ---------------------------------------------------------------- overview

/** The figures the overview shows: a table row's count by its label, and the totals. */
function overviewFigures(html: string) {
  const number = (text: string | undefined) => (text === undefined ? 0 : Number(text.replace(/\D/g, '')));
  const row = (section: string, label: string) => {
    const part = new RegExp(`<section id="${section}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
    return number(new RegExp(`<th scope="row">${label}</th><td class="num">([\\d.]+)</td>`).exec(part)?.[1]);
  };
  return {
    hanoi: row('by-province', 'Hà Nội'),
    beverage: row('by-group', 'Đồ uống'),
    fiveStars: row('by-stars', '5 sao'),
    listed: number(/id="listed-total">([\d.]+) sản phẩm/.exec(html)?.[1]),
    expiring: number(/id="expiring-count">([\d.]+) chứng nhận/.exec(html)?.[1]),
  };
}

describe('GET /admin/certifications/overview', () => {
  it('counts listed products by province, group and stars, and the certifications expiring within 90 days', async () => {
    const { browser } = await signedIn('staff');
    const read = async () => {
      const response = await browser.request('/admin/certifications/overview');
      expect(response.status).toBe(200);
      return response.text();
    };
    const before = overviewFigures(await read());

    await createProduct({ provinceCode: '01', groupId: '148.beverage', certifications: [{ stars: 5 }] });
    const soon = await certified({
      provinceCode: '01',
      certifications: [{ stars: 5, validUntil: addDays(today(), 20) }],
    });
    // None of these is listed today: unpublished, below three stars, lapsed.
    await createProduct({ provinceCode: '01', groupId: '148.beverage', isPublished: false });
    await createProduct({ provinceCode: '01', groupId: '148.beverage', certifications: [{ stars: 2 }] });
    await createProduct({ provinceCode: '01', certifications: [{ stars: 5, validUntil: addDays(today(), -1) }] });

    const html = await read();
    expect(overviewFigures(html)).toEqual({
      hanoi: before.hanoi + 2,
      beverage: before.beverage + 1,
      fiveStars: before.fiveStars + 2,
      listed: before.listed + 2,
      expiring: before.expiring + 1,
    });
    const expiringSection = /<section id="expiring">[\s\S]*?<\/section>/.exec(html)![0];
    expect(listed(expiringSection, soon)).toBe(true);
    expect(html.match(/<svg class="bar-chart"/g)).toHaveLength(3);
    // Staff see the figures but not the administrators' list behind them.
    expect(expiringSection).not.toContain('href="/admin/certifications?expiring=90"');
    expect(expiringSection).not.toContain('/revoke"');
  });

  it('links administrators to the filtered list of expiring certifications', async () => {
    await certified({ certifications: [{ stars: 4, validUntil: addDays(today(), 30) }] });
    const { browser } = await signedIn('admin');
    const html = await (await browser.request('/admin/certifications/overview')).text();
    expect(html).toContain('href="/admin/certifications?expiring=90"');
  });
});

// ---------------------------------------------------------------- access

describe('access to /admin/certifications', () => {
  const ADMIN_PAGES = ['/admin/certifications', '/admin/certifications.csv', '/admin/certifications/upload'];

  it('sends anonymous visitors to sign in and refuses producer members', async () => {
    const anonymous = new BrowserSession();
    for (const path of [...ADMIN_PAGES, '/admin/certifications/overview']) {
      const response = await anonymous.request(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const { browser } = await signedIn('producer_member');
    for (const path of [...ADMIN_PAGES, '/admin/certifications/overview']) {
      expect((await browser.request(path)).status, path).toBe(403);
    }
  });

  it('lets staff read the overview only: upload, list, export and revocation answer 403', async () => {
    const product = await certified({ certifications: [{ stars: 4 }] });
    const revoke = `/admin/certifications/${product.certificationId}/revoke`;
    const { browser, csrf } = await signedIn('staff');
    const overview = await browser.request('/admin/certifications/overview');
    expect(overview.status).toBe(200);
    const html = await overview.text();
    expect(html).toContain('href="/admin/certifications/overview"');
    expect(html).not.toContain('href="/admin/certifications/upload"');
    for (const path of [...ADMIN_PAGES, revoke]) expect((await browser.request(path)).status, path).toBe(403);
    expect((await upload(browser, csrf, { rows: csvOf([councilRow()]) })).status).toBe(403);
    const refused = await browser.post(revoke, { _csrf: csrf, reason: 'x', decisionNumber: 'y' });
    expect(refused.status).toBe(403);
    const [stored] = await testDb().select().from(certifications).where(eq(certifications.id, product.certificationId));
    expect(stored?.status).toBe('active');
  });

  it('opens every page to administrators, the upload form with both templates and the limits', async () => {
    const { browser } = await signedIn('admin');
    for (const path of [...ADMIN_PAGES, '/admin/certifications/overview']) {
      expect((await browser.request(path)).status, path).toBe(200);
    }
    const form = await (await browser.request('/admin/certifications/upload')).text();
    expect(form).toContain('href="/examples/certifications.csv"');
    expect(form).toContain('href="/examples/certifications-vi.csv"');
    expect(form).toContain('Tối đa 5 MB và 10.000 dòng mỗi lần nạp');
    expect(form).toContain('enctype="multipart/form-data"');
  });
});
