/**
 * The traceability events recorded on lots (EPCIS subset, see worker/domain/trace-event.ts): the
 * choices the event form offers, and an event written with its input lots and its audit entry in
 * one batch.
 */
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import {
  communes,
  lots,
  products,
  salesPointProducts,
  salesPoints,
  traceEventInputs,
  traceEvents,
  type traceEventTypes,
} from '../../db/schema';
import { auditStatement } from './audit';
import type { Database } from './db';

const productsOf = (producerId: number) =>
  sql`(SELECT ${products.id} FROM ${products} WHERE ${products.producerId} = ${producerId})`;

/** Lots offered as a transformation's inputs: the newest, as processing follows intake closely. */
export const INPUT_LOT_CHOICES = 100;

/** What the event form offers: the producer's other lots as inputs, its sales points, the communes of a province. */
export async function eventFormChoices(db: Database, producerId: number, lotId: number, provinceCode: string) {
  const [inputLots, points, communeRows] = await db.batch([
    db
      .select({ id: lots.id, lotCode: lots.lotCode, productName: products.nameVi })
      .from(lots)
      .innerJoin(products, eq(products.id, lots.productId))
      .where(and(eq(products.producerId, producerId), ne(lots.id, lotId)))
      .orderBy(desc(lots.id))
      .limit(INPUT_LOT_CHOICES),
    db
      .selectDistinct({ id: salesPoints.id, name: salesPoints.name, provinceCode: salesPoints.provinceCode })
      .from(salesPoints)
      .innerJoin(salesPointProducts, eq(salesPointProducts.salesPointId, salesPoints.id))
      .where(and(eq(salesPoints.status, 'active'), sql`${salesPointProducts.productId} IN ${productsOf(producerId)}`))
      .orderBy(asc(salesPoints.name)),
    db
      .select({ code: communes.code, nameVi: communes.nameVi, nameEn: communes.nameEn })
      .from(communes)
      .where(eq(communes.provinceCode, provinceCode))
      .orderBy(asc(communes.nameVi)),
  ]);
  return { inputLots, salesPoints: points, communes: communeRows };
}

export interface NewTraceEvent {
  lotId: number;
  eventType: (typeof traceEventTypes)[number];
  occurredAt: string;
  provinceCode: string | null;
  communeCode: string | null;
  salesPointId: number | null;
  placeText: string | null;
  actor: string | null;
  description: string | null;
  reportUrl: string | null;
  isPublic: boolean;
  inputLotIds: number[];
}

/**
 * One event with its input lots and audit entry, in one batch. The inputs find their event as
 * the newest row of trace_events: a D1 batch is one transaction, so no other insert can come between.
 */
export async function recordTraceEvent(db: Database, actorUserId: number, event: NewTraceEvent) {
  const { inputLotIds, ...row } = event;
  const insertEvent = db.insert(traceEvents).values({ ...row, createdBy: actorUserId });
  const audit = auditStatement(db, {
    actorUserId,
    action: 'trace_event.create',
    entity: 'lot',
    entityId: event.lotId,
    after: event,
  });
  if (inputLotIds.length === 0) {
    await db.batch([insertEvent, audit]);
    return;
  }
  const newest = sql`(SELECT max(${traceEvents.id}) FROM ${traceEvents})`;
  await db.batch([
    insertEvent,
    db
      .insert(traceEventInputs)
      .select(sql`SELECT ${newest}, value FROM json_each(${JSON.stringify([...new Set(inputLotIds)])})`),
    audit,
  ]);
}

/**
 * Shows or hides an event (of `lotId`, checked by the caller) on the public scan page; the event
 * itself stays, as EPCIS never deletes one.
 */
export async function setTraceEventVisibility(
  db: Database,
  actorUserId: number,
  input: { lotId: number; eventId: number; isPublic: boolean },
): Promise<void> {
  await db.batch([
    db
      .update(traceEvents)
      .set({ isPublic: input.isPublic })
      .where(and(eq(traceEvents.id, input.eventId), eq(traceEvents.lotId, input.lotId))),
    auditStatement(db, {
      actorUserId,
      action: input.isPublic ? 'trace_event.show' : 'trace_event.hide',
      entity: 'lot',
      entityId: input.lotId,
      after: { eventId: input.eventId },
    }),
  ]);
}
