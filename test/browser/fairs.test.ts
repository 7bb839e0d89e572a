import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { blockingViolations, describeViolations, launchChromium } from './chromium';

const baseUrl = inject('baseUrl');

// Demo accounts of db/seed/demo-accounts.ts, as `npm start` prints them.
const STAFF = { email: 'canbo@ocop.example', password: 'demo-can-bo-2026' };
const PRODUCERS = [
  { email: 'sonan@ocop.example', password: 'demo-son-an-2026', name: 'Công ty Cổ phần Sơn An Hương Sơn' },
  { email: 'binhloi@ocop.example', password: 'demo-binh-loi-2026', name: 'HTX Dịch vụ - Nông nghiệp Bình Lợi' },
];
/** The narrowest phones still sold in Vietnam. */
const NARROW = { width: 360, height: 740 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Vietnam's date `days` from today, as a date field takes it. */
const vietnamDate = (days: number) =>
  new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

const phone = () => browser.newContext({ viewport: NARROW, isMobile: true, hasTouch: true, locale: 'vi-VN' });

/**
 * The page fits a 360 px screen without sideways scrolling, runs no script of its own (its links
 * and forms work with JavaScript off) and has no serious accessibility fault.
 */
async function expectUsable(page: Page, path?: string) {
  if (path) {
    const response = await page.goto(`${baseUrl}${path}`);
    expect(response?.status(), path).toBe(200);
  }
  const where = path ?? page.url();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(NARROW.width);
  // JSON-LD is data, not a script that runs.
  const scripts = await page.evaluate(
    () => Array.from(document.scripts).filter((script) => script.type !== 'application/ld+json').length,
  );
  expect(scripts, where).toBe(0);
  const violations = await blockingViolations(page);
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([]);
}

async function signIn(context: BrowserContext, account: { email: string; password: string }, home: string) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Email hoặc số điện thoại/).fill(account.email);
  await page.getByLabel(/Mật khẩu/).fill(account.password);
  await Promise.all([page.waitForURL(`${baseUrl}${home}`), page.getByRole('button', { name: 'Đăng nhập' }).tap()]);
  return page;
}

/** A producer applies with its first product that may be entered; returns that product's name. */
async function apply(account: (typeof PRODUCERS)[number], fairName: string, fairId: number) {
  const context = await phone();
  try {
    const page = await signIn(context, account, '/portal');
    await expectUsable(page, '/portal/fairs');
    await page.locator(`a[href="/portal/fairs/${fairId}/apply"]`).tap();
    await page.waitForURL(`${baseUrl}/portal/fairs/${fairId}/apply`);
    await expectUsable(page);
    expect(await page.textContent('h1')).toBe(`Đăng ký: ${fairName}`);
    const box = page.locator('input[name="productIds"]:not([disabled])').first();
    const label = (await page.locator(`label[for="${await box.getAttribute('id')}"]`).textContent())!
      .split(' · ')[0]!
      .trim();
    await box.check();
    await page.getByLabel(/Ghi chú cho ban tổ chức/).fill('Xin gian gần lối vào chính');
    await Promise.all([
      page.waitForURL(/\/portal\/fairs\?applied=1/),
      page.getByRole('button', { name: 'Gửi đăng ký' }).tap(),
    ]);
    await expectUsable(page);
    expect(await page.locator('.alert-success').textContent()).toContain('Đã gửi đăng ký.');
    return label;
  } finally {
    await context.close();
  }
}

describe('fairs on a 360 × 740 phone', () => {
  it('staff create a fair, producers apply, staff accept two into booths and publish it running, and the public pages show them', async () => {
    const name = `Hội chợ OCOP thử nghiệm ${Date.now().toString(36)}`;
    const staffContext = await phone();
    const staff = await signIn(staffContext, STAFF, '/admin');
    try {
      // Staff create the fair: taking applications from today, opening in three days.
      await expectUsable(staff, '/admin/fairs');
      await expectUsable(staff, '/admin/fairs/new');
      await staff.getByLabel('Tên (tiếng Việt)').fill(name);
      await staff.getByLabel(/^Tên địa điểm/).fill('Quảng trường tỉnh Đồng Nai');
      await staff.getByLabel('Tỉnh, thành phố').selectOption('75');
      await staff.getByLabel('Ngày khai mạc').fill(vietnamDate(3));
      await staff.getByLabel('Ngày bế mạc').fill(vietnamDate(5));
      await staff.getByLabel(/^Giờ mở cửa hằng ngày/).fill('08:00');
      await staff.getByLabel(/^Giờ đóng cửa hằng ngày/).fill('21:00');
      await staff.getByLabel(/^Ngày bắt đầu nhận hồ sơ/).fill(vietnamDate(0));
      await staff.getByLabel(/^Hạn nhận hồ sơ/).fill(vietnamDate(2));
      await staff.getByLabel('Các khu').fill('ocop | Khu sản phẩm OCOP | OCOP products');
      await staff.getByLabel('Sơ đồ gian').fill('ocop | K01..K06');
      await Promise.all([
        staff.waitForURL(/\/admin\/fairs\/\d+\?created=1/),
        staff.getByRole('button', { name: 'Lưu hội chợ' }).tap(),
      ]);
      const fairPath = new URL(staff.url()).pathname;
      const fairId = Number(fairPath.split('/').pop());
      await expectUsable(staff);

      // Published, it takes applications.
      await Promise.all([staff.waitForURL(/\?published=1/), staff.getByRole('button', { name: 'Công bố' }).tap()]);
      const shown = [];
      for (const producer of PRODUCERS) shown.push(await apply(producer, name, fairId));

      // Staff accept both into booths.
      await expectUsable(staff, fairPath);
      for (const [i, producer] of PRODUCERS.entries()) {
        const item = staff.locator('li.exhibitor', { hasText: producer.name });
        const exhibitorId = /exhibitors\/(\d+)\/accept/.exec(
          (await item.locator('form').first().getAttribute('action'))!,
        )![1];
        await item.getByLabel('Gian', { exact: true }).fill(`K0${i + 1}`);
        await Promise.all([
          staff.waitForURL(new RegExp(`\\?decided=1#exhibitor-${exhibitorId}$`)),
          item.getByRole('button', { name: 'Nhận vào gian' }).tap(),
        ]);
        await staff.waitForLoadState('load');
      }
      await expectUsable(staff);
      expect(await staff.locator('li.exhibitor.is-accepted').count()).toBe(2);

      // The organisers bring the opening forward to today: applications are over, the fair runs.
      await expectUsable(staff, `${fairPath}/edit`);
      await staff.getByLabel('Ngày khai mạc').fill(vietnamDate(0));
      await staff.getByLabel(/^Ngày bắt đầu nhận hồ sơ/).fill('');
      await staff.getByLabel(/^Hạn nhận hồ sơ/).fill('');
      await Promise.all([staff.waitForURL(/\?saved=1/), staff.getByRole('button', { name: 'Lưu hội chợ' }).tap()]);
      expect(await staff.locator('.fair-status').first().textContent()).toBe('Đang diễn ra');

      // The public fair page shows the plan and both exhibitors in their booths.
      const visitor = await (await phone()).newPage();
      await expectUsable(visitor, '/fairs');
      await visitor.getByRole('link', { name }).tap();
      await visitor.waitForURL(/\/fairs\/[a-z0-9-]+$/);
      await expectUsable(visitor);
      const fairUrl = visitor.url();
      expect(await visitor.locator('svg.booth-plan .plan-booths.is-taken rect').count()).toBe(2);
      for (const [i, producer] of PRODUCERS.entries()) {
        const booth = visitor.locator(`#booth-K0${i + 1}`);
        expect(await booth.textContent()).toContain(producer.name);
        expect(await booth.textContent()).toContain(shown[i]!);
      }

      // Each product shown: its page says where to find it today.
      for (const [i] of PRODUCERS.entries()) {
        await visitor.goto(fairUrl);
        await visitor
          .locator(`#booth-K0${i + 1} .booth-products a`)
          .first()
          .tap();
        await visitor.waitForURL(/\/products\//);
        const notice = visitor.locator('.fair-notices a');
        expect(await notice.textContent()).toBe(`Đang có mặt tại ${name}, gian K0${i + 1}`);
        expect(await notice.getAttribute('href')).toBe(new URL(fairUrl).pathname);
      }
      await visitor.context().close();
    } finally {
      await staffContext.close();
    }
  });
});
