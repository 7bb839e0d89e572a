import { describe, expect, it } from 'vitest';
import { addDays } from '../../worker/domain/dashboard';
import { SUSPICIOUS_DEVICE_COUNT, SUSPICIOUS_PROVINCE_COUNT } from '../../worker/domain/scan-verdict';
import { formatDate } from '../../worker/domain/time';
import { createProduct, today } from '../support/factories';
import { signedIn } from '../support/portal';
import { batchFor, insertScans, lotFor, memberWithLot, setCounters } from '../support/portal-stamps';

/** The instant `hours` after midnight of a Vietnamese day, in UTC. */
const vietnamTime = (day: string, hours: number) =>
  new Date(Date.parse(`${day}T00:00:00+07:00`) + hours * 3_600_000).toISOString();

const bar = (day: string, count: number) => `<title>${formatDate(day).slice(0, 5)}: ${count}</title>`;

describe('GET /portal/scans', () => {
  it("counts the last 30 Vietnamese days of the member's scans, per day and per province", async () => {
    const { browser, lotId } = await memberWithLot();
    const { stamps } = await batchFor(lotId, { quantity: 3 });
    const [first, second] = stamps.map((stamp) => stamp.serial) as [string, string];
    const day = today();
    await insertScans([
      // 00:30 in Vietnam is still the previous day in UTC: it counts for today.
      { serial: first, scannedAt: vietnamTime(day, 0.5), province: '79' },
      { serial: first, scannedAt: vietnamTime(day, 0.6), province: '79' },
      { serial: second, scannedAt: vietnamTime(day, 0.7), province: '79' },
      { serial: second, scannedAt: vietnamTime(addDays(day, -1), 10), province: '75' },
      { serial: second, scannedAt: vietnamTime(addDays(day, -1), 11), province: '75' },
      { serial: first, scannedAt: vietnamTime(addDays(day, -2), 9), province: null },
      { serial: first, scannedAt: vietnamTime(addDays(day, -40), 9), province: '01' },
    ]);
    const foreignLot = await lotFor((await createProduct()).id);
    const foreign = await batchFor(foreignLot.lotId, { quantity: 1 });
    await insertScans([{ serial: foreign.stamps[0]!.serial, scannedAt: vietnamTime(day, 1), province: '01' }]);

    const response = await browser.request('/portal/scans');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Tổng cộng 6 lượt quét');
    expect(html).toContain(bar(day, 3));
    expect(html).toContain(bar(addDays(day, -1), 2));
    expect(html).toContain(bar(addDays(day, -2), 1));
    expect(html).toMatch(/Hồ Chí Minh: <strong>3<\/strong>[\s\S]*Đồng Nai: <strong>2<\/strong>/);
    expect(html).toContain('Không rõ nơi quét: <strong>1</strong>');
    expect(html).not.toContain('Hà Nội: <strong>');
  });

  it('lists the stamps past a suspicion threshold with their evidence, and no others', async () => {
    const { browser, lotId, lotCode } = await memberWithLot({ nameVi: 'Tinh dầu bưởi thử' });
    const { stamps } = await batchFor(lotId, { quantity: 3 });
    const [devices, provinces, ordinary] = stamps.map((stamp) => stamp.serial) as [string, string, string];
    const firstScan = new Date(Date.now() - 86_400_000).toISOString();
    await setCounters(devices, {
      status: 'active',
      scanCount: 9,
      deviceCount: SUSPICIOUS_DEVICE_COUNT,
      provinceCount: 1,
      firstScannedAt: firstScan,
      firstScanProvince: '75',
    });
    await setCounters(provinces, {
      status: 'active',
      scanCount: 3,
      deviceCount: 2,
      provinceCount: SUSPICIOUS_PROVINCE_COUNT,
    });
    await insertScans([
      { serial: provinces, province: '75' },
      { serial: provinces, province: '79' },
      { serial: provinces, province: '01' },
    ]);
    await setCounters(ordinary, {
      status: 'active',
      scanCount: 4,
      deviceCount: SUSPICIOUS_DEVICE_COUNT - 1,
      provinceCount: SUSPICIOUS_PROVINCE_COUNT - 1,
    });
    const foreignLot = await lotFor((await createProduct()).id);
    const foreign = (await batchFor(foreignLot.lotId, { quantity: 1 })).stamps[0]!.serial;
    await setCounters(foreign, { status: 'active', deviceCount: 50 });

    const html = await (await browser.request('/portal/scans')).text();
    expect(html).toContain(`Tem ${devices}: Tinh dầu bưởi thử, lô ${lotCode}`);
    expect(html).toContain(`9 lượt quét trên ${SUSPICIOUS_DEVICE_COUNT} thiết bị, ở 1 tỉnh, thành phố`);
    expect(html).toContain('tại Đồng Nai');
    expect(html).toContain(`Tem ${provinces}:`);
    expect(html).toMatch(/Nơi quét: (?:Đồng Nai|Hồ Chí Minh|Hà Nội), (?:Đồng Nai|Hồ Chí Minh|Hà Nội), /);
    expect(html).not.toContain(ordinary);
    expect(html).not.toContain(foreign);
  });

  it('says so when there is nothing to show, and refuses staff', async () => {
    const { browser } = await signedIn('producer_member');
    const html = await (await browser.request('/portal/scans')).text();
    expect(html).toContain('Chưa có lượt quét nào trong 30 ngày qua.');
    expect(html).toContain('Không có tem nào cần kiểm tra.');
    const staff = await signedIn('staff');
    expect((await staff.browser.request('/portal/scans')).status).toBe(403);
  });
});
