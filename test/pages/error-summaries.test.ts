/**
 * Every form a person can get refused answers with the form again, led by a summary that takes the
 * focus as the page loads, names each field by the label the form shows and links to it, and never
 * shows a field's internal name: the portal, the administration, a one-time link, the sign-in form
 * and the scan page's report form.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { producers } from '../../db/schema';
import { createInvitationRow, signedIn as signedInAdmin } from '../support/admin';
import { BrowserSession } from '../support/browser-session';
import { createProducer, createProduct, createUser, testDb } from '../support/factories';
import { postForm, signedIn } from '../support/portal';
import { activeStamp, Phone } from '../support/stamps';

/** The summary block of a page: the element carrying the error-summary (or, on the scan page, the report's) alert. */
function summaryOf(html: string): string {
  const start = html.search(/<div class="(?:error-summary|note warn)" role="alert" tabindex="-1" autofocus=""/);
  expect(start, 'no focused summary on the page').toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</div>', start));
}

/** The summary links each field by its label and never names a field as the code knows it. */
function expectSummary(html: string, links: [href: string, label: string][], internalNames: string[]) {
  const summary = summaryOf(html);
  for (const [href, label] of links) expect(summary).toContain(`<a href="${href}">${label}</a>:`);
  expect(summary).not.toContain('<code>');
  // What a person reads: the text, without the markup (whose ids may well be the field names).
  const text = summary.replace(/<[^>]+>/g, '');
  for (const name of internalNames) expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
}

describe('portal forms', () => {
  it('the new lot form: the summary comes before the heading, with Mã lô and Hạn sử dụng', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const response = await postForm(browser, '/portal/lots', {
      productId: String(product.id),
      lotCode: 'lô 1',
      productionDate: '2026-05-10',
      bestBefore: '2026-05-01',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expectSummary(
      html,
      [
        ['#lotCode', 'Mã lô'],
        ['#bestBefore', 'Hạn sử dụng'],
      ],
      ['lotCode', 'bestBefore'],
    );
    expect(html.indexOf('class="error-summary"')).toBeLessThan(html.indexOf('<h1>'));
  });

  it('the stock form far down the product page: one summary at the top, naming the change by its label', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const response = await postForm(browser, `/portal/products/${product.id}/stock`, {
      target: 'product',
      delta: '0',
      reason: 'received',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expectSummary(html, [['#delta', 'Số lượng thay đổi (ví dụ: 10 hoặc -3)']], ['delta']);
    expect(html.match(/class="error-summary"/g)).toHaveLength(1);
    expect(html.indexOf('class="error-summary"')).toBeLessThan(html.indexOf('<h1>'));
  });

  it("a pack size's GTIN: the link lands on that form's own field", async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const response = await postForm(browser, `/portal/products/${product.id}/variants`, {
      labelVi: 'Hộp',
      price: '1000',
      gtin: '8934588012229',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expectSummary(html, [['#new-gtin', 'Mã vạch GTIN']], ['gtin']);
    expect(html).toContain('id="new-gtin"');
  });
});

describe('administration forms', () => {
  it('an invitation for a login that has an account', async () => {
    const existing = await createUser('buyer');
    const { browser, csrf } = await signedInAdmin('admin');
    const response = await browser.post('/admin/invitations', { _csrf: csrf, role: 'staff', login: existing.email! });
    expect(response.status).toBe(400);
    const html = await response.text();
    expectSummary(html, [['#login', 'Email hoặc số điện thoại']], ['login']);
    expect(html).toContain(`value="${existing.email}"`);
  });

  it('a role change without an organisation', async () => {
    const target = await createUser('staff');
    const { browser, csrf } = await signedInAdmin('admin');
    const response = await browser.post(`/admin/users/${target.id}/role`, { _csrf: csrf, role: 'producer_member' });
    expect(response.status).toBe(400);
    expectSummary(
      await response.text(),
      [['#producerId', 'Mã chủ thể (số, chỉ cho thành viên chủ thể)']],
      ['producerId'],
    );
  });

  it('a claim link for a login that has an account, shown beside its organisation', async () => {
    const producerId = await createProducer({ taxCode: `0${Date.now().toString().slice(-9)}` });
    const existing = await createUser('buyer');
    const { browser, csrf } = await signedInAdmin('admin');
    const response = await browser.post(`/admin/organisations/${producerId}/claim-link`, {
      _csrf: csrf,
      login: existing.email!,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expectSummary(html, [[`#claim-${producerId}-login`, 'Email hoặc số điện thoại']], ['login']);
    expect(html).toContain(`id="claim-${producerId}-login"`);
    const [row] = await testDb().select().from(producers).where(eq(producers.id, producerId));
    expect(row!.claimedAt).toBeNull();
  });

  it('an API token without a scope', async () => {
    const { browser, csrf } = await signedInAdmin('admin');
    const response = await browser.post('/admin/api-tokens', { _csrf: csrf, name: 'Sở Nông nghiệp' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expectSummary(html, [['#scopes', 'Quyền']], ['scopes']);
    expect(html).toContain('value="Sở Nông nghiệp"');
  });
});

describe('forms outside the areas', () => {
  it('a one-time link with passwords that differ', async () => {
    const { path } = await createInvitationRow();
    const browser = new BrowserSession();
    const _csrf = await browser.csrfFrom('/login');
    const response = await browser.post(path, {
      _csrf,
      displayName: 'An',
      password: 'mot-mat-khau-moi-2026',
      passwordConfirm: 'mot-mat-khau-khac-2026',
    });
    expect(response.status).toBe(400);
    expectSummary(await response.text(), [['#passwordConfirm', 'Nhập lại mật khẩu']], ['passwordConfirm']);
  });

  it('the sign-in form with a login too long to be one', async () => {
    const browser = new BrowserSession();
    const _csrf = await browser.csrfFrom('/login');
    const response = await browser.post('/login', { _csrf, login: `${'a'.repeat(300)}@x.vn`, password: 'x' });
    expect(response.status).toBe(400);
    expectSummary(await response.text(), [['#login', 'Email hoặc số điện thoại']], ['login']);
  });

  it('the sign-in form with a wrong password: the message first, focused', async () => {
    const browser = new BrowserSession();
    const response = await browser.signIn('nobody@example.vn', 'wrong');
    expect(response.status).toBe(401);
    expect(summaryOf(await response.text())).toContain('mật khẩu không đúng');
  });

  it("the scan page's report form without a message", async () => {
    const stamp = await activeStamp();
    const form = new FormData();
    form.set('form', 'report');
    form.set('message', ' ');
    const response = await new Phone().postForm(stamp.path, form);
    expect(response.status).toBe(400);
    expectSummary(await response.text(), [['#report-message', 'Bạn thấy điều gì bất thường?']], ['message']);
  });
});
