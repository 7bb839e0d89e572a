/**
 * Lots as the portal lists them, and the traceability events recorded on them (EPCIS subset, see
 * worker/domain/trace-event.ts). A lot page loads in one round trip; an event is written with its
 * input lots and its audit entry in one batch.
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import {
  communes,
  lots,
  producers,
  products,
  salesPointProducts,
  salesPoints,
  stampBatches,
  stamps,
  traceEventInputs,
  traceEvents,
  type traceEventTypes,
} from '../../db/schema';
import { aliased } from './aliased';
import { auditStatement } from './audit';
import type { Database } from './db';

/** Lots a list page shows, newest first: a producer makes a few a week, so years of them fit. */
export const LOT_LIST_LIMIT = 500;
/** Lots offered as a transformation's inputs: the newest, as processing follows intake closely. */
export const INPUT_LOT_CHOICES = 100;

/**
 * The outer lot's id inside a correlated subquery. A select from one table writes its columns
 * unqualified, and a bare "id" inside the subquery would name the subquery's own table.
 */
const outerLotId = sql`${lots}.${sql.identifier('id')}`;

const productsOf = (producerId: number) =>
  sql`(SELECT ${products.id} FROM ${products} WHERE ${products.producerId} = ${producerId})`;

export async function listProducerLots(db: Database, producerId: number) {
  const [producerRows, productRows, lotRows] = await db.batch([
    db.select({ id: producers.id, name: producers.name }).from(producers).where(eq(producers.id, producerId)),
    db
      .select({ id: products.id, nameVi: products.nameVi, nameEn: products.nameEn })
      .from(products)
      .where(eq(products.producerId, producerId))
      .orderBy(asc(products.nameVi)),
    db
      .select({
        id: lots.id,
        productId: lots.productId,
        lotCode: lots.lotCode,
        productionDate: lots.productionDate,
        bestBefore: lots.bestBefore,
        quantity: lots.quantity,
        eventCount: sql<number>`(SELECT count(*) FROM ${traceEvents} WHERE ${traceEvents.lotId} = ${outerLotId})`,
        stampCount: sql<number>`(SELECT coalesce(sum(${stampBatches.quantity}), 0) FROM ${stampBatches} WHERE ${stampBatches.lotId} = ${outerLotId})`,
      })
      .from(lots)
      .where(sql`${lots.productId} IN ${productsOf(producerId)}`)
      .orderBy(desc(lots.id))
      .limit(LOT_LIST_LIMIT),
  ]);
  const [producer] = producerRows;
  return producer ? { producer, products: productRows, lots: lotRows } : null;
}

/** A product of the producer, to create a lot for; null for another producer's or a missing one. */
export async function findProducerProduct(db: Database, producerId: number, productId: number) {
  const [row] = await db
    .select({ id: products.id, nameVi: products.nameVi })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.producerId, producerId)));
  return row ?? null;
}

/** A lot with its product, events (with inputs and sales points), where it went in, and its stamp batches. */
export async function findLot(db: Database, lotId: number) {
  const eventsOfLot = sql`(SELECT ${traceEvents.id} FROM ${traceEvents} WHERE ${traceEvents.lotId} = ${lotId})`;
  const [lotRows, eventRows, inputRows, usedInRows, batchRows] = await db.batch([
    db
      .select({
        id: lots.id,
        lotCode: lots.lotCode,
        productionDate: lots.productionDate,
        bestBefore: lots.bestBefore,
        quantity: lots.quantity,
        notes: lots.notes,
        createdAt: lots.createdAt,
        productId: aliased(products.id, 'product_id'),
        productName: products.nameVi,
        productNameEn: products.nameEn,
        gtin: products.gtin,
        producerId: products.producerId,
        producerName: producers.name,
        producerProvince: producers.provinceCode,
      })
      .from(lots)
      .innerJoin(products, eq(products.id, lots.productId))
      .innerJoin(producers, eq(producers.id, products.producerId))
      .where(eq(lots.id, lotId)),
    db
      .select({
        id: traceEvents.id,
        eventType: traceEvents.eventType,
        occurredAt: traceEvents.occurredAt,
        provinceCode: traceEvents.provinceCode,
        communeVi: communes.nameVi,
        communeEn: communes.nameEn,
        salesPointName: salesPoints.name,
        placeText: traceEvents.placeText,
        actor: traceEvents.actor,
        description: traceEvents.description,
        reportUrl: traceEvents.reportUrl,
        isPublic: traceEvents.isPublic,
        createdAt: traceEvents.createdAt,
      })
      .from(traceEvents)
      .leftJoin(communes, eq(communes.code, traceEvents.communeCode))
      .leftJoin(salesPoints, eq(salesPoints.id, traceEvents.salesPointId))
      .where(eq(traceEvents.lotId, lotId))
      .orderBy(asc(traceEvents.occurredAt), asc(traceEvents.id)),
    db
      .select({
        eventId: traceEventInputs.eventId,
        lotId: lots.id,
        lotCode: lots.lotCode,
        productId: aliased(products.id, 'product_id'),
        gtin: products.gtin,
        productName: products.nameVi,
      })
      .from(traceEventInputs)
      .innerJoin(lots, eq(lots.id, traceEventInputs.lotId))
      .innerJoin(products, eq(products.id, lots.productId))
      .where(sql`${traceEventInputs.eventId} IN ${eventsOfLot}`)
      .orderBy(asc(lots.lotCode)),
    db
      .select({ lotId: lots.id, lotCode: lots.lotCode, productName: products.nameVi })
      .from(traceEventInputs)
      .innerJoin(traceEvents, eq(traceEvents.id, traceEventInputs.eventId))
      .innerJoin(lots, eq(lots.id, traceEvents.lotId))
      .innerJoin(products, eq(products.id, lots.productId))
      .where(eq(traceEventInputs.lotId, lotId))
      .groupBy(lots.id)
      .orderBy(asc(lots.lotCode)),
    db
      .select({
        id: stampBatches.id,
        quantity: stampBatches.quantity,
        withPin: stampBatches.withPin,
        issuedAt: stampBatches.issuedAt,
        activatedAt: stampBatches.activatedAt,
        activeCount: sql<number>`(SELECT count(*) FROM ${stamps} WHERE ${stamps.batchId} = ${stampBatches}.${sql.identifier('id')} AND ${stamps.status} = 'active')`,
      })
      .from(stampBatches)
      .where(and(eq(stampBatches.lotId, lotId), sql`${stampBatches.quantity} > 0`))
      .orderBy(desc(stampBatches.id)),
  ]);
  const [lot] = lotRows;
  if (!lot) return null;
  const events = eventRows.map((event) => ({
    ...event,
    inputs: inputRows.filter((input) => input.eventId === event.id),
  }));
  return { lot, events, usedIn: usedInRows, batches: batchRows };
}

export type LotPage = NonNullable<Awaited<ReturnType<typeof findLot>>>;

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
      .where(and(eq(salesPoints.isActive, true), sql`${salesPointProducts.productId} IN ${productsOf(producerId)}`))
      .orderBy(asc(salesPoints.name)),
    db
      .select({ code: communes.code, nameVi: communes.nameVi, nameEn: communes.nameEn })
      .from(communes)
      .where(eq(communes.provinceCode, provinceCode))
      .orderBy(asc(communes.nameVi)),
  ]);
  return { inputLots, salesPoints: points, communes: communeRows };
}

/** Owner (producer id) of each of `lotIds` that exists. */
export async function lotOwners(db: Database, lotIds: number[]): Promise<Map<number, number>> {
  if (lotIds.length === 0) return new Map();
  const rows = await db
    .select({ id: lots.id, producerId: products.producerId })
    .from(lots)
    .innerJoin(products, eq(products.id, lots.productId))
    .where(inArray(lots.id, lotIds));
  return new Map(rows.map((row) => [row.id, row.producerId]));
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
