/**
 * Lots: one production run of one product. Creating one, the portal's list and lot page (in one
 * round trip each), and which producer owns a lot.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  communes,
  lots,
  producers,
  products,
  salesPoints,
  stampBatches,
  stamps,
  traceEventInputs,
  traceEvents,
} from '../../db/schema';
import { LOT_PATTERN } from '../domain/digital-link';
import { problem, refused } from '../domain/errors';
import { aliased } from './aliased';
import { auditStatement } from './audit';
import { withConstraints } from './constraints';
import type { Database } from './db';

/** Lots a list page shows, newest first: a producer makes a few a week, so years of them fit. */
export const LOT_LIST_LIMIT = 500;
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

export interface NewLot {
  productId: number;
  lotCode: string;
  productionDate?: string | null;
  bestBefore?: string | null;
  quantity?: number | null;
  notes?: string | null;
}

/**
 * A lot of a product; its code goes into the stamps' Digital Link URL, so it must fit GS1 AI 10 as
 * printed. With an actor (a person creating it in the portal) the audit entry is written with it.
 */
export async function createLot(db: Database, lot: NewLot, actorUserId?: number): Promise<number> {
  if (!LOT_PATTERN.test(lot.lotCode)) throw refused(problem('lotCode', 'lot_code_invalid'));
  const values = {
    productId: lot.productId,
    lotCode: lot.lotCode,
    productionDate: lot.productionDate ?? null,
    bestBefore: lot.bestBefore ?? null,
    quantity: lot.quantity ?? null,
    notes: lot.notes ?? null,
  };
  const insert = db.insert(lots).values(values).returning({ id: lots.id });
  return withConstraints(
    async () => {
      if (actorUserId === undefined) return (await insert)[0]!.id;
      const [rows] = await db.batch([
        insert,
        auditStatement(db, {
          actorUserId,
          action: 'lot.create',
          entity: 'lot',
          entityId: sql`(SELECT ${lots.id} FROM ${lots} WHERE ${lots.productId} = ${lot.productId} AND ${lots.lotCode} = ${lot.lotCode})`,
          after: values,
        }),
      ]);
      return rows[0]!.id;
    },
    { 'UNIQUE lots.product_id, lots.lot_code': problem('lotCode', 'lot_code_taken') },
  );
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
