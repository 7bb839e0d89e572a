import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, stampBatches, stamps } from '../../db/schema';
import { env } from 'cloudflare:workers';
import { activateStamps, listBatchStamps, voidStamps } from '../../worker/data/stamp-batches';
import { createLot } from '../../worker/data/lots';
import { issueStampBatch, reprintVoided, type NewBatch, type StampIssuer } from '../../worker/services/stamp-batches';
import { PIN_PATTERN, SERIAL_PATTERN } from '../../worker/domain/stamp-codes';
import { generateSerials } from '../../worker/crypto/stamp-codes';
import { verifyPin } from '../../worker/crypto/pin';
import { createProduct, createUser, testDb } from '../support/factories';

const PIN_KEY = 'khoa-thu-nghiem-ma-pin';

const lotCode = () => crypto.randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase();

/** The issuing service with the PIN secret PIN_KEY as key version `keyVersion`. */
const issuerWith = (keyVersion = 1, newSerials?: StampIssuer['newSerials']): StampIssuer => ({
  db: testDb(),
  env: { ...env, STAMP_PIN_KEYS: JSON.stringify({ [keyVersion]: PIN_KEY }), STAMP_PIN_KEY_VERSION: String(keyVersion) },
  ...(newSerials ? { newSerials } : {}),
});

async function newLot() {
  const product = await createProduct();
  return createLot(testDb(), { productId: product.id, lotCode: lotCode() });
}

async function issue(
  overrides: Partial<NewBatch> & { keyVersion?: number; newSerials?: StampIssuer['newSerials'] } = {},
) {
  const user = await createUser('producer_member');
  const { keyVersion, newSerials, ...batch } = overrides;
  const result = await issueStampBatch(issuerWith(keyVersion, newSerials), {
    lotId: batch.lotId ?? (await newLot()),
    quantity: 10,
    withPin: false,
    labelsPerSheet: 4,
    issuedBy: user.id,
    ...batch,
  });
  return { ...result, userId: user.id };
}

/** The field problem an error refuses a request for. */
const refusal = (problem: string) => ({ problems: [expect.objectContaining({ problem })] });

const storedStamps = (batchId: number) =>
  testDb().select().from(stamps).where(eq(stamps.batchId, batchId)).orderBy(stamps.id);

describe('issueStampBatch', () => {
  it('writes the batch, its stamps on numbered sheets and an audit row', async () => {
    const db = testDb();
    const { batchId, stamps: issued, userId } = await issue({ quantity: 10, labelsPerSheet: 4 });
    expect(issued.map((s) => s.sheetNumber)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3]);
    expect(issued.every((s) => SERIAL_PATTERN.test(s.serial) && s.pin === undefined)).toBe(true);
    const [batch] = await db.select().from(stampBatches).where(eq(stampBatches.id, batchId));
    expect(batch).toMatchObject({ quantity: 10, withPin: false, keyVersion: 1, issuedBy: userId });
    const rows = await storedStamps(batchId);
    expect(rows.map((r) => [r.serial, r.sheetNumber, r.status, r.pinHmac])).toEqual(
      issued.map((s) => [s.serial, s.sheetNumber, 'issued', null]),
    );
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'stamp_batch'), eq(auditLog.entityId, String(batchId))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: userId,
      action: 'stamp_batch.issue',
      after: { quantity: 10, withPin: false, keyVersion: 1 },
    });
    expect(audit[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('stores only HMACs of the PINs, which verify under the batch key version', async () => {
    const { batchId, stamps: issued } = await issue({ quantity: 5, withPin: true, keyVersion: 3 });
    expect(issued.every((s) => PIN_PATTERN.test(s.pin ?? ''))).toBe(true);
    const rows = await storedStamps(batchId);
    for (const [i, row] of rows.entries()) {
      expect(row.pinHmac).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(issued[i]!.pin);
      expect(await verifyPin(issued[i]!.pin!, row.pinHmac!, PIN_KEY, 3)).toBe(true);
      expect(await verifyPin(issued[i]!.pin!, row.pinHmac!, PIN_KEY, 2)).toBe(false);
    }
    const [audit] = await testDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'stamp_batch'), eq(auditLog.entityId, String(batchId))));
    expect(audit!.after).toMatchObject({ withPin: true, keyVersion: 3, quantity: 5 });
    expect(JSON.stringify(audit)).not.toContain(issued[0]!.pin);
  });

  it('takes 1 to 100,000 stamps and refuses other quantities and unknown lots', async () => {
    const lotId = await newLot();
    const base = { lotId, withPin: false, labelsPerSheet: 10, issuedBy: null };
    for (const quantity of [0, -1, 1.5, 100_001]) {
      await expect(issueStampBatch(issuerWith(), { ...base, quantity })).rejects.toMatchObject(refusal('out_of_range'));
    }
    await expect(issueStampBatch(issuerWith(), { ...base, quantity: 1, labelsPerSheet: 0 })).rejects.toMatchObject({
      problems: [{ field: 'labelsPerSheet', problem: 'out_of_range', params: { min: 1, max: 1_000 } }],
    });
    await expect(issueStampBatch(issuerWith(), { ...base, quantity: 1, lotId: 999_999_999 })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await testDb().select().from(stampBatches).where(eq(stampBatches.lotId, lotId))).toEqual([]);
    const one = await issueStampBatch(issuerWith(), { ...base, quantity: 1 });
    expect(one.stamps).toHaveLength(1);
  });

  it('gives every batch serials no other batch has', async () => {
    const lotId = await newLot();
    const a = await issue({ lotId, quantity: 50 });
    const b = await issue({ lotId, quantity: 50 });
    const serials = new Set([...a.stamps, ...b.stamps].map((s) => s.serial));
    expect(serials.size).toBe(100);
  });

  it('retries with new serials when one is already taken, instead of failing', async () => {
    const taken = await issue({ quantity: 1 });
    let calls = 0;
    const collideOnce = (count: number) => {
      calls++;
      return calls === 1 ? [taken.stamps[0]!.serial, ...generateSerials(count - 1)] : generateSerials(count);
    };
    const { batchId, stamps: issued } = await issue({ quantity: 3, newSerials: collideOnce });
    expect(calls).toBeGreaterThan(1);
    expect(issued.map((s) => s.serial)).not.toContain(taken.stamps[0]!.serial);
    expect((await storedStamps(batchId)).map((r) => r.serial)).toEqual(issued.map((s) => s.serial));
    const [batch] = await testDb().select().from(stampBatches).where(eq(stampBatches.id, batchId));
    expect(batch!.quantity).toBe(3);
  });

  it('issues 20,000 stamps with PINs in chunks', async () => {
    const { batchId, stamps: issued } = await issue({ quantity: 20_000, withPin: true, labelsPerSheet: 40 });
    expect(issued).toHaveLength(20_000);
    const [count] = await testDb()
      .select({ n: sql<number>`count(*)`, sheets: sql<number>`max(${stamps.sheetNumber})` })
      .from(stamps)
      .where(eq(stamps.batchId, batchId));
    expect(count).toEqual({ n: 20_000, sheets: 500 });
  }, 60_000);
});

describe('activateStamps', () => {
  it('activates one sheet, then the rest of the batch, never a void stamp', async () => {
    const db = testDb();
    const { batchId, stamps: issued, userId } = await issue({ quantity: 6, labelsPerSheet: 3 });
    expect(await voidStamps(db, { batchId, serials: [issued[5]!.serial], actorUserId: userId })).toEqual({
      voided: 1,
    });
    expect(await activateStamps(db, { batchId, sheetNumber: 1, actorUserId: userId })).toEqual({
      activated: 3,
      releasedPinFiles: [],
    });
    let rows = await storedStamps(batchId);
    expect(rows.map((r) => r.status)).toEqual(['active', 'active', 'active', 'issued', 'issued', 'void']);
    expect(rows[0]!.activatedAt).not.toBeNull();
    let [batch] = await db.select().from(stampBatches).where(eq(stampBatches.id, batchId));
    expect(batch!.activatedAt).toBeNull();

    expect(await activateStamps(db, { batchId, actorUserId: userId })).toEqual({ activated: 2, releasedPinFiles: [] });
    rows = await storedStamps(batchId);
    expect(rows.map((r) => r.status)).toEqual(['active', 'active', 'active', 'active', 'active', 'void']);
    [batch] = await db.select().from(stampBatches).where(eq(stampBatches.id, batchId));
    expect(batch!.activatedAt).not.toBeNull();
    expect(await activateStamps(db, { batchId, actorUserId: userId })).toEqual({ activated: 0, releasedPinFiles: [] });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stamp_batch.activate'), eq(auditLog.entityId, String(batchId))));
    expect(audit).toHaveLength(3);
  });

  it('answers not_found for an unknown batch', async () => {
    await expect(activateStamps(testDb(), { batchId: 999_999_999, actorUserId: null })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('voidStamps and reprintVoided', () => {
  it('replaces voided stamps with new serials on new sheets, never reusing a serial', async () => {
    const db = testDb();
    const { batchId, stamps: issued, userId } = await issue({ quantity: 4, labelsPerSheet: 2, withPin: true });
    const spoiled = [issued[1]!.serial, issued[2]!.serial];
    expect(await voidStamps(db, { batchId, serials: [...spoiled, 'NOTINBATCH00'], actorUserId: userId })).toEqual({
      voided: 2,
    });
    expect(await voidStamps(db, { batchId, serials: spoiled, actorUserId: userId })).toEqual({ voided: 0 });

    const base = { batchId, labelsPerSheet: 2, issuedBy: userId };
    await expect(reprintVoided(issuerWith(), { ...base, count: 3 })).rejects.toMatchObject({
      problems: [{ field: 'count', problem: 'reprint_too_many', params: { available: 2 } }],
    });
    // The batch's PINs were signed with key version 1: once it is retired, no replacement can be signed.
    await expect(reprintVoided(issuerWith(2), { ...base, count: 2 })).rejects.toMatchObject({ code: 'conflict' });
    const reprint = await reprintVoided(issuerWith(), { ...base, count: 2 });
    expect(reprint.map((s) => s.sheetNumber)).toEqual([3, 3]);
    expect(reprint.every((s) => PIN_PATTERN.test(s.pin ?? ''))).toBe(true);
    const before = new Set(issued.map((s) => s.serial));
    expect(reprint.some((s) => before.has(s.serial))).toBe(false);

    const rows = await storedStamps(batchId);
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.status === 'void').map((r) => r.serial)).toEqual(spoiled);
    await expect(reprintVoided(issuerWith(), { ...base, count: 1 })).rejects.toMatchObject(refusal('reprint_too_many'));
    const [batch] = await db.select().from(stampBatches).where(eq(stampBatches.id, batchId));
    expect(batch!.quantity).toBe(4);
  });
});

describe('listBatchStamps', () => {
  it('pages a batch in issue order with sheet and status', async () => {
    const { batchId, stamps: issued } = await issue({ quantity: 5, labelsPerSheet: 2 });
    const page = await listBatchStamps(testDb(), batchId, { offset: 2, limit: 2 });
    expect(page).toEqual([
      { serial: issued[2]!.serial, sheetNumber: 2, status: 'issued' },
      { serial: issued[3]!.serial, sheetNumber: 2, status: 'issued' },
    ]);
  });

  it('shows nothing of a batch whose issuance never finished', async () => {
    const db = testDb();
    const lotId = await newLot();
    const [batch] = await db
      .insert(stampBatches)
      .values({ lotId, quantity: 0, keyVersion: 1 })
      .returning({ id: stampBatches.id });
    await db.insert(stamps).values({ batchId: batch!.id, serial: generateSerials(1)[0]! });
    expect(await listBatchStamps(db, batch!.id, { offset: 0, limit: 10 })).toEqual([]);
    await expect(activateStamps(db, { batchId: batch!.id, actorUserId: null })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
