import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { stampBatches, stamps } from '../../db/schema';
import { findPinState, findScanPage, recordScan, storePinDecision, type CountedScan } from '../../worker/data/scans';
import { testDb } from '../support/factories';
import { activeStamp, addEvents, createStampedLot, issueStamps } from '../support/stamps';

const noThrottle = { key: 'scan:test:none', windowStart: '2026-01-01T00:00:00.000Z' };

const scanOf = (stampId: number | null, serial: string, overrides: Partial<CountedScan> = {}): CountedScan => ({
  stampId,
  serial,
  scannedAt: new Date().toISOString(),
  verdict: 'genuine_first',
  province: '75',
  country: 'VN',
  deviceId: 'device-a',
  ipHash: null,
  userAgentFamily: 'chrome',
  beaconNonce: crypto.randomUUID(),
  ...overrides,
});

const lookup = (serial: string, gtin: string | null, overrides = {}) => ({
  serial,
  gtin: gtin === null ? null : `0${gtin}`,
  deviceId: null,
  ipHash: null,
  province: null,
  ...overrides,
});

describe('findScanPage', () => {
  it("reads the stamp, its product's certifications and the lot's public events in one row", async () => {
    const stamp = await activeStamp();
    await addEvents(stamp.lot, [
      { eventType: 'commissioning', description: 'công khai' },
      { eventType: 'shipping', description: 'riêng tư', isPublic: false },
    ]);
    const row = await findScanPage(testDb(), lookup(stamp.serial, stamp.lot.gtin), noThrottle);
    expect(row).toMatchObject({
      serial: stamp.serial,
      status: 'active',
      lotCode: stamp.lotCode,
      productSlug: stamp.lot.product.slug,
      gtinMatches: true,
      deviceSeen: false,
      provinceSeen: true,
      throttleCount: 0,
    });
    expect(row!.history).toHaveLength(1);
    expect(row!.history[0]).toMatchObject({ stars: 4, status: 'active' });
    expect(row!.events.map((event) => event.description)).toEqual(['công khai']);
  });

  it('tells whether this device, this network and this province have a counted scan of the stamp', async () => {
    const stamp = await activeStamp();
    const db = testDb();
    await recordScan(
      db,
      scanOf(stamp.stampId, stamp.serial, { deviceId: 'device-a', ipHash: 'network-a', province: '75' }),
    );
    const seen = await findScanPage(
      db,
      lookup(stamp.serial, stamp.lot.gtin, { deviceId: 'device-a', ipHash: 'network-a', province: '75' }),
      noThrottle,
    );
    expect(seen).toMatchObject({ deviceSeen: true, networkSeen: true, provinceSeen: true });
    const unseen = await findScanPage(
      db,
      lookup(stamp.serial, stamp.lot.gtin, { deviceId: 'device-b', ipHash: 'network-b', province: '79' }),
      noThrottle,
    );
    expect(unseen).toMatchObject({ deviceSeen: false, networkSeen: false, provinceSeen: false, scanCount: 1 });
  });

  it('does not find a stamp of an issuance that never finished', async () => {
    const lot = await createStampedLot();
    const { batchId, stamps: issued } = await issueStamps(lot, { quantity: 1 });
    await testDb().update(stampBatches).set({ quantity: 0 }).where(eq(stampBatches.id, batchId));
    expect(await findScanPage(testDb(), lookup(issued[0]!.serial, lot.gtin), noThrottle)).toBeNull();
  });
});

describe('recordScan', () => {
  it('counts only an active stamp, and records the scan either way', async () => {
    const lot = await createStampedLot();
    const { stamps: issued } = await issueStamps(lot, { quantity: 1, activate: false });
    const db = testDb();
    const [row] = await db.select().from(stamps).where(eq(stamps.serial, issued[0]!.serial));
    await recordScan(db, scanOf(row!.id, row!.serial, { verdict: 'not_activated' }));
    const [after] = await db.select().from(stamps).where(eq(stamps.id, row!.id));
    expect(after).toMatchObject({ scanCount: 0, deviceCount: 0, provinceCount: 0, firstScannedAt: null });
  });

  it('counts a page view once: the same nonce again records and counts nothing', async () => {
    const stamp = await activeStamp();
    const db = testDb();
    const once = scanOf(stamp.stampId, stamp.serial, { ipHash: 'network-a' });
    expect(await recordScan(db, once)).toBe(true);
    expect(await recordScan(db, { ...once, deviceId: 'device-b', ipHash: 'network-b', province: '79' })).toBe(false);
    const [after] = await db.select().from(stamps).where(eq(stamps.id, stamp.stampId));
    expect(after).toMatchObject({ scanCount: 1, deviceCount: 1, networkCount: 1, provinceCount: 1 });
  });

  it('counts each network once', async () => {
    const stamp = await activeStamp();
    const db = testDb();
    for (const ipHash of ['network-a', 'network-a', 'network-b', null]) {
      await recordScan(db, scanOf(stamp.stampId, stamp.serial, { ipHash }));
    }
    const [after] = await db.select().from(stamps).where(eq(stamps.id, stamp.stampId));
    expect(after).toMatchObject({ scanCount: 4, networkCount: 2 });
  });

  it('counts a scan without a device id as a new device and one without a place as no new province', async () => {
    const stamp = await activeStamp();
    const db = testDb();
    await recordScan(db, scanOf(stamp.stampId, stamp.serial, { deviceId: null, province: null }));
    await recordScan(db, scanOf(stamp.stampId, stamp.serial, { deviceId: null, province: null }));
    const [after] = await db.select().from(stamps).where(eq(stamps.id, stamp.stampId));
    expect(after).toMatchObject({ scanCount: 2, deviceCount: 2, provinceCount: 0, firstScanProvince: null });
  });
});

describe('storePinDecision', () => {
  it('writes only over the state the decision was made from', async () => {
    const stamp = await activeStamp({ withPin: true });
    const db = testDb();
    const state = (await findPinState(db, stamp.stampId))!;
    expect(await storePinDecision(db, stamp.stampId, state, { pinFailedAttempts: 1 })).toBe(true);
    // A second entry decided from the same, now stale, state must not overwrite the first.
    expect(await storePinDecision(db, stamp.stampId, state, { pinFailedAttempts: 1 })).toBe(false);
    const claimed = { pinClaimedAt: new Date().toISOString(), pinClaimProvince: '75' };
    const fresh = (await findPinState(db, stamp.stampId))!;
    expect(await storePinDecision(db, stamp.stampId, fresh, claimed)).toBe(true);
    expect(await storePinDecision(db, stamp.stampId, fresh, { pinClaimedAt: new Date().toISOString() })).toBe(false);
    expect(await findPinState(db, stamp.stampId)).toMatchObject({ ...claimed, pinFailedAttempts: 1 });
  });
});
