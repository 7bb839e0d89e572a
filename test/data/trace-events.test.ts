import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, traceEventInputs, traceEvents } from '../../db/schema';
import { findLot, listProducerLots, lotOwners } from '../../worker/data/lots';
import { recordTraceEvent, setTraceEventVisibility, type NewTraceEvent } from '../../worker/data/trace-events';
import { activateStamps } from '../../worker/data/stamp-batches';
import { createProduct, createUser, testDb } from '../support/factories';
import { batchFor, lotFor } from '../support/portal-stamps';

const event = (lotId: number, overrides: Partial<NewTraceEvent> = {}): NewTraceEvent => ({
  lotId,
  eventType: 'commissioning',
  occurredAt: '2026-03-05T07:30:00.000Z',
  provinceCode: '75',
  communeCode: null,
  salesPointId: null,
  placeText: null,
  actor: 'Tổ thu hoạch ấp 3',
  description: null,
  reportUrl: null,
  isPublic: true,
  inputLotIds: [],
  ...overrides,
});

describe('recordTraceEvent', () => {
  it('writes a transformation with its inputs and an audit entry on the lot', async () => {
    const db = testDb();
    const user = await createUser('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const [output, honey, mint] = [await lotFor(product.id), await lotFor(product.id), await lotFor(product.id)];
    await recordTraceEvent(
      db,
      user.id,
      event(output.lotId, { eventType: 'transformation', inputLotIds: [honey.lotId, mint.lotId, honey.lotId] }),
    );
    const page = await findLot(db, output.lotId);
    expect(page!.events).toHaveLength(1);
    expect(page!.events[0]!.inputs.map((input) => input.lotCode).sort()).toEqual([honey.lotCode, mint.lotCode].sort());
    expect((await findLot(db, honey.lotId))!.usedIn).toEqual([
      { lotId: output.lotId, lotCode: output.lotCode, productName: product.nameVi },
    ]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'trace_event.create'), eq(auditLog.entityId, String(output.lotId))));
    expect(audit).toHaveLength(1);
  });

  it('writes nothing at all when an input lot does not exist', async () => {
    const db = testDb();
    const user = await createUser('producer_member');
    const { lotId } = await lotFor((await createProduct({ producerId: user.producerId! })).id);
    await expect(
      recordTraceEvent(db, user.id, event(lotId, { eventType: 'transformation', inputLotIds: [999_999_999] })),
    ).rejects.toThrow();
    expect(await db.select().from(traceEvents).where(eq(traceEvents.lotId, lotId))).toEqual([]);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'trace_event.create'), eq(auditLog.entityId, String(lotId)))),
    ).toEqual([]);
  });

  it('links inputs to their own event even when events are recorded on several lots one after another', async () => {
    const db = testDb();
    const user = await createUser('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const [a, b, input] = [await lotFor(product.id), await lotFor(product.id), await lotFor(product.id)];
    await recordTraceEvent(db, user.id, event(a.lotId));
    await recordTraceEvent(db, user.id, event(b.lotId, { eventType: 'transformation', inputLotIds: [input.lotId] }));
    const [transformation] = await db.select().from(traceEvents).where(eq(traceEvents.lotId, b.lotId));
    const inputs = await db.select().from(traceEventInputs).where(eq(traceEventInputs.lotId, input.lotId));
    expect(inputs).toEqual([{ eventId: transformation!.id, lotId: input.lotId }]);
  });
});

describe('setTraceEventVisibility', () => {
  it('changes only an event of the named lot', async () => {
    const db = testDb();
    const user = await createUser('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const [mine, other] = [await lotFor(product.id), await lotFor(product.id)];
    await recordTraceEvent(db, user.id, event(other.lotId));
    const [row] = await db.select().from(traceEvents).where(eq(traceEvents.lotId, other.lotId));
    await setTraceEventVisibility(db, user.id, { lotId: mine.lotId, eventId: row!.id, isPublic: false });
    expect((await db.select().from(traceEvents).where(eq(traceEvents.id, row!.id)))[0]!.isPublic).toBe(true);
    await setTraceEventVisibility(db, user.id, { lotId: other.lotId, eventId: row!.id, isPublic: false });
    expect((await db.select().from(traceEvents).where(eq(traceEvents.id, row!.id)))[0]!.isPublic).toBe(false);
  });
});

describe('listProducerLots, findLot and lotOwners', () => {
  it("counts each lot's events, issued and active stamps, and tells whose a lot is", async () => {
    const db = testDb();
    const user = await createUser('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const { lotId } = await lotFor(product.id);
    await recordTraceEvent(db, user.id, event(lotId));
    const { batchId } = await batchFor(lotId, { quantity: 7, labelsPerSheet: 4 });
    await activateStamps(db, { batchId, sheetNumber: 1, actorUserId: user.id });
    const data = await listProducerLots(db, user.producerId!);
    expect(data!.lots).toEqual([expect.objectContaining({ id: lotId, eventCount: 1, stampCount: 7 })]);
    expect((await findLot(db, lotId))!.batches).toEqual([expect.objectContaining({ id: batchId, activeCount: 4 })]);
    const foreign = await lotFor((await createProduct()).id);
    const owners = await lotOwners(db, [lotId, foreign.lotId, 999_999_999]);
    expect(owners.get(lotId)).toBe(user.producerId);
    expect(owners.has(foreign.lotId)).toBe(true);
    expect(owners.has(999_999_999)).toBe(false);
  });
});
