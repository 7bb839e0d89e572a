import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SUSPICIOUS_DEVICE_COUNT, SUSPICIOUS_PROVINCE_COUNT } from '../../worker/domain/scan-verdict';
import { formatDate, vietnamDate } from '../../worker/domain/time';
import {
  activeStamp,
  addEvents,
  addSalesPoint,
  beaconFields,
  createStampedLot,
  issueStamps,
  Phone,
  stampPath,
  voidStamp,
} from '../support/stamps';
import { randomPrivateIp } from '../support/browser-session';
import { createSalesPoint, openAllWeek, stockAt } from '../support/sales-points';

const BUDGET_BYTES = 30 * 1024;
const todayShown = () => formatDate(vietnamDate(new Date()));

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const compressed = new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip')));
  return (await compressed.arrayBuffer()).byteLength;
}

/** Stylesheets a page links, as static assets. */
const linkedStylesheets = (html: string) =>
  [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1]!);

describe('the scan page at a stamp URL', () => {
  it('tells the first scanner the stamp is genuine and scanned for the first time', async () => {
    const stamp = await activeStamp();
    const response = await new Phone().open(stamp.path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('class="verdict ok"');
    expect(html).toContain('<h1>Tem chính hãng</h1>');
    expect(html).toContain('Đây là lần đầu tiên mã tem này được quét.');
    expect(html).toContain(`Mã tem: ${stamp.serial}`);
    expect(html).toContain('Sản phẩm đạt chứng nhận OCOP 4 sao');
    expect(html).toContain(stamp.lot.product.nameVi);
    expect(html).toContain(stamp.lot.lotCode);
  });

  it('shows a second device the repeat-scan evidence: how many scans, first on which day, where', async () => {
    const stamp = await activeStamp();
    await new Phone({ regionCode: '39' }).scan(stamp.path);
    const html = await (await new Phone({ regionCode: 'SG' }).open(stamp.path)).text();
    expect(html).toContain('class="verdict ok"');
    expect(html).toContain(
      `Mã tem này đã được quét 2 lần (tính cả lần này), lần đầu vào ngày ${todayShown()} tại Đồng Nai.`,
    );
  });

  it('tells the same phone opening the page again that it is a repeat scan', async () => {
    const stamp = await activeStamp();
    const phone = new Phone();
    await phone.scan(stamp.path);
    const html = await (await phone.open(stamp.path)).text();
    expect(html).toContain('đã được quét 2 lần');
  });

  it(`cautions, with the evidence and without calling it fake, once ${SUSPICIOUS_DEVICE_COUNT} devices scanned it`, async () => {
    const stamp = await activeStamp();
    for (let i = 1; i < SUSPICIOUS_DEVICE_COUNT; i++) await new Phone({ regionCode: '39' }).scan(stamp.path);
    const html = await (await new Phone({ regionCode: '39' }).open(stamp.path)).text();
    expect(html).toContain('class="verdict caution"');
    expect(html).toContain('<h1>Mã tem cần kiểm tra thêm</h1>');
    expect(html).toContain(`đã được quét ${SUSPICIOUS_DEVICE_COUNT} lần trên ${SUSPICIOUS_DEVICE_COUNT} thiết bị`);
    expect(html).toMatch(/<dt>Số thiết bị<\/dt><dd>5<\/dd>/);
    expect(html).toMatch(/<dt>Số tỉnh, thành phố<\/dt><dd>1<\/dd>/);
    expect(html).toContain(`<dd>${todayShown()} · Đồng Nai</dd>`);
    const banner = html.slice(html.indexOf('class="verdict'), html.indexOf('class="serial"'));
    expect(banner).toContain('Tem có thể đã bị sao chép');
    expect(banner.toLowerCase()).not.toContain('hàng giả');
  });

  it('does not caution when many phones scan behind one network, as a family or a shop on one Wi-Fi would', async () => {
    const stamp = await activeStamp();
    const ip = randomPrivateIp();
    for (let i = 1; i < SUSPICIOUS_DEVICE_COUNT + 2; i++) await new Phone({ ip, regionCode: '39' }).scan(stamp.path);
    const html = await (await new Phone({ ip, regionCode: '39' }).open(stamp.path)).text();
    expect(html).toContain('data-verdict="genuine_repeat"');
    expect(html).not.toContain('<h1>Mã tem cần kiểm tra thêm</h1>');
  });

  it(`cautions once scans come from ${SUSPICIOUS_PROVINCE_COUNT} provinces`, async () => {
    const stamp = await activeStamp();
    const phone = (regionCode: string) => new Phone({ regionCode });
    await phone('39').scan(stamp.path);
    await phone('HN').scan(stamp.path);
    const html = await (await phone('SG').open(stamp.path)).text();
    expect(html).toContain('class="verdict caution"');
    expect(html).toMatch(/<dt>Số tỉnh, thành phố<\/dt><dd>3<\/dd>/);
  });

  it('says a stamp not yet activated is not activated', async () => {
    const lot = await createStampedLot();
    const { stamps } = await issueStamps(lot, { quantity: 1, activate: false });
    const response = await new Phone().open(stamps[0]!.path);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('class="verdict caution"');
    expect(html).toContain('<h1>Tem chưa được kích hoạt</h1>');
  });

  it('warns about a void stamp and offers the report form', async () => {
    const stamp = await activeStamp();
    await voidStamp(stamp.batchId, stamp.serial);
    const html = await (await new Phone().open(stamp.path)).text();
    expect(html).toContain('class="verdict danger"');
    expect(html).toContain('<h1>Tem đã bị hủy</h1>');
    expect(html).toContain('href="#report"');
    expect(html).toContain('id="report"');
  });

  it('answers an unknown serial with 404, a suspected-counterfeit warning and the report form', async () => {
    const { lot } = await activeStamp();
    const response = await new Phone().open(stampPath(lot, '0000000000AB'));
    expect(response.status).toBe(404);
    expect(response.headers.get('link')).toBeNull();
    const html = await response.text();
    expect(html).toContain('class="verdict danger"');
    expect(html).toContain('<h1>Không tìm thấy mã tem</h1>');
    expect(html).toContain('Sản phẩm có thể là hàng giả.');
    expect(html).toContain('<a class="button alert" href="#report">Báo cáo nghi ngờ hàng giả</a>');
    expect(html).toContain('name="form" value="report"');
    expect(html).not.toContain(lot.product.nameVi);
  });

  it("treats a genuine serial under another product's GTIN, another lot or another trace code as unknown", async () => {
    const stamp = await activeStamp();
    const other = await createStampedLot();
    const traced = await activeStamp({ identifiedBy: 'trace' });
    const wrongPaths = [
      stampPath({ ...stamp.lot, gtin: other.gtin }, stamp.serial),
      stampPath({ ...stamp.lot, lotCode: other.lotCode }, stamp.serial),
      stampPath({ ...traced.lot, traceCode: 'TOTHER1' }, traced.serial),
      stampPath({ ...traced.lot, gtin: stamp.lot.gtin, lotCode: stamp.lot.lotCode }, traced.serial),
    ];
    for (const path of wrongPaths) {
      const response = await new Phone().open(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('<h1>Không tìm thấy mã tem</h1>');
    }
  });

  it('accepts the path in lower case and with a trailing slash, for GTIN and trace-code stamps', async () => {
    const gtinStamp = await activeStamp();
    const traceStamp = await activeStamp({ identifiedBy: 'trace' });
    for (const path of [gtinStamp.path, traceStamp.path]) {
      for (const variant of [path, path.toLowerCase(), `${path}/`, `${path.toLowerCase()}/`]) {
        const response = await new Phone().open(variant);
        expect(response.status, variant).toBe(200);
        expect(await response.text()).toContain('<h1>Tem chính hãng</h1>');
      }
    }
  });

  it('accepts a GTIN-13 in the path for the GTIN-14 printed on the stamp', async () => {
    const stamp = await activeStamp();
    const short = stamp.path.replace(`/01/${stamp.lot.gtin}/`, `/01/${stamp.lot.gtin!.slice(1)}/`);
    expect(short).not.toBe(stamp.path);
    expect((await new Phone().open(short)).status).toBe(200);
  });

  it.each([
    ['/01/123/10/LOT1/21/0123456789AB', 'mã GTIN không hợp lệ'],
    ['/01/08936045120018/10/LOT1/21/0123456789AB', 'số kiểm tra của mã GTIN không đúng'],
    ['/01/08936045120019/10/lo-1/21/0123456789AB', 'mã lô không hợp lệ'],
    ['/01/08936045120019/10/LOT1/21/0123456789AU', 'số sê-ri của tem không hợp lệ'],
    ['/01/08936045120019/10/LOT1', 'đường dẫn không phải mã tem'],
    ['/T/AB/0123456789AB', 'mã truy xuất không hợp lệ'],
    ['/t/abcd/01234', 'số sê-ri của tem không hợp lệ'],
  ])('answers the malformed path %s with a 400 page naming the problem', async (path, problem) => {
    const response = await new Phone().open(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain(problem);
  });

  it('shows a lapsed certification together with a genuine stamp', async () => {
    const expired = await activeStamp({ certifications: [{ stars: 4, validUntil: '2025-06-30' }] });
    const expiredHtml = await (await new Phone().open(expired.path)).text();
    expect(expiredHtml).toContain('class="verdict caution" data-verdict="certificate_lapsed"');
    expect(expiredHtml).toContain('<h1>Tem thật, nhưng chứng nhận OCOP không còn hiệu lực</h1>');
    expect(expiredHtml).not.toContain('class="stars"');
    expect(expiredHtml).toContain('chứng nhận OCOP 4 sao của sản phẩm đã hết hiệu lực từ ngày 01/07/2025');

    const revoked = await activeStamp({
      certifications: [
        {
          stars: 3,
          status: 'revoked',
          statusReason: 'Vi phạm an toàn thực phẩm',
          statusChangedAt: '2026-02-01T03:00:00.000Z',
        },
      ],
    });
    const revokedHtml = await (await new Phone().open(revoked.path)).text();
    expect(revokedHtml).toContain('<h1>Tem thật, nhưng chứng nhận OCOP không còn hiệu lực</h1>');
    expect(revokedHtml).toContain('chứng nhận OCOP 3 sao của sản phẩm đã bị thu hồi từ ngày 01/02/2026');
    expect(revokedHtml).toContain('<dd>Bị thu hồi (Vi phạm an toàn thực phẩm)</dd>');
  });

  it('shows the certification with its stars, decision, issuer and dates', async () => {
    const stamp = await activeStamp({ certifications: [{ stars: 5, decisionDate: '2025-03-10' }] });
    const html = await (await new Phone().open(stamp.path)).text();
    expect(html).toContain('5 sao OCOP');
    expect(html).toContain('1000/QĐ-UBND-');
    expect(html).toContain('<dd>UBND tỉnh Đồng Nai</dd>');
    expect(html).toContain('<dd>10/03/2025</dd>');
    expect(html).toContain('<dd>10/03/2028</dd>');
    expect(html).toContain('<dd>Còn hiệu lực</dd>');
  });

  it('speaks English with ?lang=en', async () => {
    const stamp = await activeStamp();
    const html = await (await new Phone().open(`${stamp.path}?lang=en`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Genuine stamp</h1>');
    expect(html).toContain('This is the first time this stamp has been scanned.');
    expect(html).toContain(`action="${stamp.path}?lang=en#report"`);
  });

  it("shows the lot's public events as its journey and its public tests, never a private event", async () => {
    const stamp = await activeStamp();
    await addEvents(stamp.lot, [
      { eventType: 'commissioning', description: 'Thu hoạch bưởi tại vườn', provinceCode: '75' },
      { eventType: 'inspecting', description: 'Kiểm nghiệm dư lượng', reportUrl: 'https://lab.example.vn/kq/123' },
      { eventType: 'shipping', description: 'Ghi chú nội bộ: giá vận chuyển 2 triệu', isPublic: false },
      { eventType: 'transformation', description: 'Đóng gói', actor: 'Tổ đóng gói số 2' },
      { eventType: 'inspecting', description: 'Kiểm tra cảm quan', reportUrl: 'javascript:alert(1)' },
    ]);
    const html = await (await new Phone().open(stamp.path)).text();
    expect(html).toContain('Thu hoạch bưởi tại vườn');
    expect(html).toContain('Đồng Nai');
    expect(html).toContain('Kiểm nghiệm dư lượng');
    expect(html).toContain('href="https://lab.example.vn/kq/123"');
    expect(html).toContain('Thực hiện: Tổ đóng gói số 2');
    expect(html).not.toContain('Ghi chú nội bộ');
    expect(html).not.toContain('javascript:');
    const journey = html.slice(html.indexOf('id="journey-title"'));
    const order = ['Thu hoạch bưởi', 'Kiểm nghiệm dư lượng', 'Đóng gói', 'Kiểm tra cảm quan'].map((text) =>
      journey.indexOf(text),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const tests = html.slice(html.indexOf('id="lot-title"'), html.indexOf('id="journey-title"'));
    expect(tests).toContain('Kiểm nghiệm dư lượng');
    expect(tests).not.toContain('Thu hoạch bưởi');
  });

  it('says so when no event, test or sales point is published yet, and still offers to buy online', async () => {
    const stamp = await activeStamp();
    const html = await (await new Phone().open(stamp.path)).text();
    expect(html).toContain('Chủ thể chưa công bố sự kiện nào của lô này.');
    expect(html).toContain('Chủ thể chưa công bố kết quả kiểm nghiệm của lô này.');
    expect(html).toContain('Chưa có điểm bán nào đăng ký sản phẩm này.');
    expect(html).toContain(`href="/products/${stamp.lot.product.slug}#buy-title">Mua trực tuyến</a>`);
  });

  it('lists the sales points stocking the product', async () => {
    const stamp = await activeStamp();
    const name = await addSalesPoint(stamp.lot);
    const html = await (await new Phone().open(stamp.path)).text();
    expect(html).toContain(`<strong>${name}</strong>`);
    // Kinds are named by the reference data (db/reference/sales-point-kinds.json).
    expect(html).toContain('(Trung tâm, cửa hàng giới thiệu và bán sản phẩm OCOP)');
  });

  it('shows the three nearest points stocking the product to a phone Cloudflare places, with distance and open-now', async () => {
    const stamp = await activeStamp();
    // Cloudflare places the phone in Buôn Ma Thuột; the points lie due north of it.
    const here = { latitude: 12.68, longitude: 108.04 };
    const at = async (name: string, kmNorth: number, openingHours = openAllWeek) => {
      const point = await createSalesPoint({
        name,
        provinceCode: '66',
        latitude: here.latitude + kmNorth / 111.2,
        longitude: here.longitude,
        openingHours,
      });
      await stockAt(point.id, stamp.lot.product.id);
      return point;
    };
    const farthest = await at('Điểm bán xa nhất', 30);
    await at('Điểm bán thứ ba', 12);
    await at('Điểm bán gần nhất', 1.5, [{ dayOfWeek: ['Monday'], opens: '00:00', closes: '00:00' }]);
    await at('Điểm bán thứ hai', 4);
    const html = await (await new Phone({ location: here }).open(stamp.path)).text();
    const section = html.slice(html.indexOf('id="buy-title"'));
    const names = [...section.matchAll(/<strong>(Điểm bán [^<]+)<\/strong>/g)].map((match) => match[1]);
    expect(names).toEqual(['Điểm bán gần nhất', 'Điểm bán thứ hai', 'Điểm bán thứ ba']);
    expect(section).not.toContain(farthest.slug);
    expect(section).toContain('· 1,5 km');
    expect(section).toContain('· 4 km');
    expect(section).toContain('· 12 km');
    const states = [...section.matchAll(/<span class="(open-now|closed-now)">/g)].map((match) => match[1]);
    expect(states).toEqual(['closed-now', 'open-now', 'open-now']);
  });

  it('lists stocking points without distances when Cloudflare cannot place the phone in Vietnam', async () => {
    const stamp = await activeStamp();
    const point = await createSalesPoint({ name: 'Điểm bán không đo khoảng cách', latitude: 12.7, longitude: 108.05 });
    await stockAt(point.id, stamp.lot.product.id);
    // Singapore: outside Vietnam, so no "near me" from the request's location.
    const html = await (await new Phone({ location: { latitude: 1.29, longitude: 103.85 } }).open(stamp.path)).text();
    const section = html.slice(html.indexOf('id="buy-title"'));
    expect(section).toContain('<strong>Điểm bán không đo khoảng cách</strong>');
    expect(section).not.toMatch(/ km</);
  });

  it('is never stored by a cache, links its linkset, and gives the phone a device id', async () => {
    const stamp = await activeStamp();
    const phone = new Phone();
    const response = await phone.open(stamp.path);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('link')).toBe(
      `<${stamp.path}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`,
    );
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith('scan_device='));
    expect(cookie).toMatch(/^scan_device=[A-Za-z0-9_-]{22}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const again = await phone.open(stamp.path);
    expect(again.headers.getSetCookie().some((header) => header.startsWith('scan_device='))).toBe(false);
  });

  it('works without JavaScript: plain forms posted to the stamp URL, the beacon its only script', async () => {
    const stamp = await activeStamp({ withPin: true });
    const html = await (await new Phone().open(stamp.path)).text();
    const forms = [...html.matchAll(/<form [^>]*>/g)].map((match) => match[0]);
    expect(forms).toEqual([
      `<form method="post" action="${stamp.path}#pin">`,
      `<form method="post" action="${stamp.path}#report" enctype="multipart/form-data">`,
    ]);
    // No inline script runs: the beacon's fields are a data block, its code a file the CSP allows.
    const scripts = [...html.matchAll(/<script([^>]*)>(.*?)<\/script>/gs)].map((match) => match[1]!.trim());
    expect(scripts).toEqual(['type="application/json" id="scan-beacon"', 'src="/scan-beacon.js" defer=""']);
    expect(beaconFields(html)?.path).toBe(stamp.path);
    expect(html).not.toMatch(/ on[a-z]+="/);
  });

  it(`stays within ${BUDGET_BYTES / 1024} KB gzipped with its CSS, even with a full journey and many sales points`, async () => {
    const stamp = await activeStamp({ withPin: true, images: 1 });
    const long = 'Mô tả chi tiết của sự kiện trong hành trình lô hàng, có dấu tiếng Việt đầy đủ. '.repeat(4);
    await addEvents(
      stamp.lot,
      Array.from({ length: 60 }, (_, i) => ({
        eventType: i % 3 === 0 ? ('inspecting' as const) : ('shipping' as const),
        occurredAt: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
        description: `${i}. ${long}`,
        actor: `Người thực hiện ${i}`,
        placeText: `Kho số ${i}, xã Bình Lợi`,
        reportUrl: `https://lab.example.vn/ket-qua/${i}`,
      })),
    );
    for (let i = 0; i < 25; i++) await addSalesPoint(stamp.lot, `Điểm bán sản phẩm OCOP số ${i} ở chợ trung tâm`);
    const html = await (await new Phone().open(stamp.path)).text();
    expect(html.match(/<li>/g)!.length).toBeGreaterThan(60);

    let total = await gzipSize(new TextEncoder().encode(html));
    for (const href of linkedStylesheets(html)) {
      const css = await env.ASSETS.fetch(new Request(`http://localhost${href}`));
      expect(css.status, href).toBe(200);
      total += await gzipSize(new Uint8Array(await css.arrayBuffer()));
    }
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
