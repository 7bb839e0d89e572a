import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearOfWindowEdges } from '../support/rate-window';
import { scanEvents, stamps } from '../../db/schema';
import { testDb } from '../support/factories';
import {
  activeStamp,
  beaconFields,
  createStampedLot,
  issueStamps,
  Phone,
  stampPath,
  voidStamp,
} from '../support/stamps';
import { randomPrivateIp } from '../support/browser-session';

const counters = async (serial: string) => {
  const [row] = await testDb()
    .select({
      scanCount: stamps.scanCount,
      deviceCount: stamps.deviceCount,
      provinceCount: stamps.provinceCount,
      firstScannedAt: stamps.firstScannedAt,
      firstScanProvince: stamps.firstScanProvince,
      lastScannedAt: stamps.lastScannedAt,
    })
    .from(stamps)
    .where(eq(stamps.serial, serial));
  return row!;
};

const eventsOf = (serial: string) =>
  testDb().select().from(scanEvents).where(eq(scanEvents.serial, serial)).orderBy(scanEvents.id);

describe('counting scans', () => {
  // Counting up to a limit must not straddle the end of a rate-limit window.
  beforeEach(() => clearOfWindowEdges(), 30_000);
  it('never counts a GET or a HEAD of the page, nor a JSON or linkset read', async () => {
    const stamp = await activeStamp();
    const phone = new Phone({ regionCode: '39' });
    expect((await phone.open(stamp.path)).status).toBe(200);
    expect((await phone.request(stamp.path, { method: 'HEAD' })).status).toBe(200);
    await phone.request(stamp.path, { headers: { Accept: 'application/json' } });
    await phone.request(`${stamp.path}?linkType=linkset`);
    expect(await counters(stamp.serial)).toMatchObject({ scanCount: 0, deviceCount: 0, provinceCount: 0 });
    expect(await eventsOf(stamp.serial)).toEqual([]);
  });

  it('counts the beacon and records the scan without the IP address', async () => {
    const stamp = await activeStamp();
    const phone = new Phone({ regionCode: 'SG' });
    const token = beaconFields(await (await phone.open(stamp.path)).text())?.token;
    const beacon = await phone.beacon(stamp.path, {}, token);
    expect(beacon.status).toBe(204);
    const stored = await counters(stamp.serial);
    expect(stored).toMatchObject({ scanCount: 1, deviceCount: 1, provinceCount: 1, firstScanProvince: '79' });
    expect(stored.firstScannedAt).toBe(stored.lastScannedAt);
    const [event] = await eventsOf(stamp.serial);
    expect(event).toMatchObject({
      verdict: 'genuine_first',
      province: '79',
      country: 'VN',
      deviceId: phone.cookie('scan_device'),
      userAgentFamily: 'chrome',
      scannedAt: stored.firstScannedAt,
    });
    expect(event!.ipHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(event)).not.toContain(phone.ip);
  });

  it('hashes one address the same way within a day and differently from another address', async () => {
    const stamp = await activeStamp();
    const ip = '203.0.113.77';
    await new Phone({ ip }).scan(stamp.path);
    await new Phone({ ip }).scan(stamp.path);
    await new Phone({ ip: '203.0.113.78' }).scan(stamp.path);
    const [first, second, other] = (await eventsOf(stamp.serial)).map((event) => event.ipHash);
    expect(first).toBe(second);
    expect(other).not.toBe(first);
  });

  it('counts a device and a province once, however often they scan, and keeps the first place', async () => {
    const stamp = await activeStamp();
    const inDongNai = new Phone({ regionCode: '39' });
    await inDongNai.scan(stamp.path);
    await inDongNai.scan(stamp.path);
    await new Phone({ regionCode: '58' }).scan(stamp.path);
    await new Phone({ regionCode: 'HN' }).scan(stamp.path);
    await new Phone().scan(stamp.path);
    expect(await counters(stamp.serial)).toMatchObject({
      scanCount: 5,
      deviceCount: 4,
      provinceCount: 2,
      firstScanProvince: '75',
    });
    expect((await eventsOf(stamp.serial)).map((event) => event.verdict)).toEqual([
      'genuine_first',
      'genuine_repeat',
      'genuine_repeat',
      'genuine_repeat',
      'genuine_repeat',
    ]);
  });

  it('records the verdict the page showed, signed for this device', async () => {
    const stamp = await activeStamp();
    const first = new Phone();
    const token = beaconFields(await (await first.open(stamp.path)).text())!.token!;
    // Another phone scans before the first one's beacon arrives: its page had said "first scan".
    await new Phone().scan(stamp.path);
    expect((await first.beacon(stamp.path, {}, token)).status).toBe(204);
    expect((await eventsOf(stamp.serial)).map((event) => event.verdict)).toEqual(['genuine_first', 'genuine_first']);
  });

  it('counts nothing for a beacon without a valid ticket: none, forged, another phone’s, another stamp’s, used', async () => {
    const stamp = await activeStamp();
    const other = await activeStamp();
    const phone = new Phone();
    const token = beaconFields(await (await phone.open(stamp.path)).text())!.token!;
    const [stampId, , issued, nonce, mac] = token.split('.');
    const forgeries = [
      undefined,
      '',
      'not-a-token',
      [stampId, 'suspicious', issued, nonce, mac].join('.'),
      [stampId, 'genuine_first', issued, 'AAAAAAAAAAAAAAAA', mac].join('.'),
    ];
    for (const forged of forgeries) expect((await phone.beacon(stamp.path, {}, forged)).status).toBe(204);
    const stranger = new Phone();
    await stranger.open(stamp.path);
    expect((await stranger.beacon(stamp.path, {}, token)).status).toBe(204);
    expect((await phone.beacon(other.path, {}, token)).status).toBe(204);
    expect(await counters(stamp.serial)).toMatchObject({ scanCount: 0, deviceCount: 0 });

    expect((await phone.beacon(stamp.path, {}, token)).status).toBe(204);
    expect((await phone.beacon(stamp.path, {}, token)).status).toBe(204);
    expect(await counters(stamp.serial)).toMatchObject({ scanCount: 1, deviceCount: 1 });
    expect(await counters(other.serial)).toMatchObject({ scanCount: 0 });
    expect(await eventsOf(stamp.serial)).toHaveLength(1);
  });

  it('keeps a stamp a first scan after 100 forged beacons from one client, with or without cookies', async () => {
    const stamp = await activeStamp();
    const ip = randomPrivateIp();
    const token = beaconFields(await (await new Phone({ ip }).open(stamp.path)).text())!.token!;
    const [stampId, verdict, issued, , mac] = token.split('.');
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      // Each a browser without our cookie, as a script dropping cookies would be; every other one
      // with a ticket copied from a real page but a fresh nonce.
      const forged = [stampId, verdict, issued, `forged${String(i).padStart(10, '0')}`, mac].join('.');
      statuses.push((await new Phone({ ip }).beacon(stamp.path, {}, i % 2 ? forged : undefined)).status);
    }
    expect(statuses.filter((status) => status === 204)).toHaveLength(60);
    expect(statuses.slice(60)).toEqual(Array(40).fill(429));
    expect(await counters(stamp.serial)).toMatchObject({ scanCount: 0, deviceCount: 0 });
    expect(await eventsOf(stamp.serial)).toEqual([]);
    const page = await new Phone().scan(stamp.path);
    expect(await page.text()).toContain('data-verdict="genuine_first"');
  });

  it('counts a ticket replayed 100 times once', async () => {
    const stamp = await activeStamp();
    const phone = new Phone();
    const token = beaconFields(await (await phone.open(stamp.path)).text())!.token!;
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () => phone.beacon(stamp.path, {}, token).then((response) => response.status)),
    );
    for (let i = 0; i < 70; i++) statuses.push((await phone.beacon(stamp.path, {}, token)).status);
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(204));
    expect(await counters(stamp.serial)).toMatchObject({ scanCount: 1, deviceCount: 1 });
    expect(await eventsOf(stamp.serial)).toHaveLength(1);
  });

  it('takes at most 60 beacons a quarter hour from one address, then answers 429', async () => {
    const stamp = await activeStamp();
    const phone = new Phone();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await phone.beacon(stamp.path)).status);
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(204));
    expect(statuses[60]).toBe(429);
  });

  it.each([
    ['Sec-Purpose', 'prefetch'],
    ['Purpose', 'prefetch'],
  ])('does not count a beacon marked %s: %s', async (name, value) => {
    const stamp = await activeStamp();
    const response = await new Phone().beacon(stamp.path, { [name]: value });
    expect(response.status).toBe(204);
    expect((await counters(stamp.serial)).scanCount).toBe(0);
    expect(await eventsOf(stamp.serial)).toEqual([]);
  });

  it.each([
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Mozilla/5.0 (compatible; ZaloBot/1.0; +https://zalo.me)',
    'TelegramBot (like TwitterBot)',
    'WhatsApp/2.23.20.0',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  ])('does not count a link-preview or crawler robot: %s', async (userAgent) => {
    const stamp = await activeStamp();
    const robot = new Phone({ userAgent });
    expect((await robot.open(stamp.path)).status).toBe(200);
    expect((await robot.beacon(stamp.path)).status).toBe(204);
    expect((await counters(stamp.serial)).scanCount).toBe(0);
    expect(await eventsOf(stamp.serial)).toEqual([]);
  });

  it('refuses a beacon sent from another site, which could make a competitor’s stamp look copied', async () => {
    const stamp = await activeStamp();
    const response = await new Phone().beacon(stamp.path, { 'Sec-Fetch-Site': 'cross-site' });
    expect(response.status).toBe(403);
    expect((await counters(stamp.serial)).scanCount).toBe(0);
  });

  it('records scans of a void or not yet activated stamp without counting them', async () => {
    const lot = await createStampedLot();
    const { batchId, stamps: issued } = await issueStamps(lot, { quantity: 2, activate: false });
    const [notActive, voided] = issued;
    await voidStamp(batchId, voided!.serial);
    await new Phone().scan(notActive!.path);
    await new Phone().scan(voided!.path);
    expect(await counters(notActive!.serial)).toMatchObject({ scanCount: 0, deviceCount: 0, firstScannedAt: null });
    expect(await counters(voided!.serial)).toMatchObject({ scanCount: 0, deviceCount: 0 });
    expect((await eventsOf(notActive!.serial)).map((event) => event.verdict)).toEqual(['not_activated']);
    expect((await eventsOf(voided!.serial)).map((event) => event.verdict)).toEqual(['void']);
  });

  it('records a scan of an unknown serial against no stamp', async () => {
    const { lot } = await activeStamp();
    const serial = 'ZZZZ00001111';
    const page = await new Phone().scan(stampPath(lot, serial));
    expect(page.status).toBe(404);
    expect(beaconFields(await page.text())?.token).toBeTruthy();
    const [event] = await eventsOf(serial);
    expect(event).toMatchObject({ stampId: null, verdict: 'unknown' });
  });

  it('answers a beacon naming no stamp path with 400', async () => {
    const phone = new Phone();
    expect((await phone.beacon('/products')).status).toBe(400);
    const missing = await phone.request('/scans', { method: 'POST', body: new URLSearchParams({}) });
    expect(missing.status).toBe(400);
  });

  it('leaves exact counts after 20 beacons at once from 10 phones in 3 provinces', async () => {
    const stamp = await activeStamp();
    const regions = ['39', 'SG', 'HN'];
    const phones = Array.from({ length: 10 }, (_, i) => new Phone({ regionCode: regions[i % 3] }));
    // Each phone opens the page twice, which gives it its device id and two single-use tickets.
    const tickets: { phone: Phone; token: string }[] = [];
    for (const phone of phones) {
      for (let view = 0; view < 2; view++) {
        tickets.push({ phone, token: beaconFields(await (await phone.open(stamp.path)).text())!.token! });
      }
    }
    const answers = await Promise.all(
      tickets.map(({ phone, token }) => phone.beacon(stamp.path, {}, token).then((response) => response.status)),
    );
    expect(answers).toEqual(Array(20).fill(204));
    expect(await counters(stamp.serial)).toMatchObject({ scanCount: 20, deviceCount: 10, provinceCount: 3 });
    const events = await eventsOf(stamp.serial);
    expect(events).toHaveLength(20);
    expect(new Set(events.map((event) => event.deviceId)).size).toBe(10);
  });
});
