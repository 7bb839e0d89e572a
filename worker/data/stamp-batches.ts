/**
 * QR stamp batches: writing the stamps a service planned (serials, and scratch PINs only as
 * HMACs), activation, voiding and replacements, and the stamp lists print files are made from.
 *
 * A batch is never half-visible. Its row is written first with quantity 0, which no real batch
 * has, then the stamps in chunks, and the last chunk's D1 batch also sets the real quantity and
 * writes the audit row. If the request dies midway, the batch stays at quantity 0: every reader
 * here treats it as not issued (nothing to list, activate, void or reprint), and its serials were
 * never handed to anyone, so a scan of them cannot happen. Such leftovers can be deleted later.
 */
import { and, asc, desc, eq, getTableColumns, gt, is, SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { lots, products, stampBatches, stampPinFiles, stamps } from '../../db/schema';
import { generateTraceCode } from '../crypto/stamp-codes';
import { notFound } from '../domain/errors';
import type { StampSheetLayout } from '../print/sheet-layout';
import { aliased } from './aliased';
import { auditStatement } from './audit';
import { isViolation } from './constraints';
import type { Database } from './db';

/**
 * Rows per INSERT … SELECT over json_each: one bound parameter whatever the row count, about
 * 100 bytes a row with a PIN HMAC, so a statement stays near 100 KB.
 */
const STAMPS_PER_STATEMENT = 1_000;
/** Statements per D1 batch: 10,000 stamps a round trip, far inside the 30 s a batch may take. */
const STATEMENTS_PER_BATCH = 10;
/** A serial collision needs a 60-bit random value to repeat; a second one in a row means a bug. */
const MAX_ATTEMPTS = 3;

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

// ---------------------------------------------------------------- issuing

/** A stamp as the issuing service planned it: its serial, its sheet and, with a PIN, the PIN's HMAC. */
export interface PlannedStamp {
  serial: string;
  sheetNumber: number;
  pinHmac: string | null;
}

/** The stamp_pin_files row of a run of sheets whose PINs wait in the MEDIA bucket. */
export interface PinFileRecord {
  objectKey: string;
  expiresAt: string;
}

/** Where serials come from when one collides; tests pass one that collides on purpose. */
export type NewSerials = (count: number) => string[];

export interface NewStampBatch {
  lotId: number;
  withPin: boolean;
  keyVersion: number;
  issuedBy: number | null;
  labelsPerSheet: number;
  /** The label sheet the print files will use. */
  sheetLayout?: { layout: StampSheetLayout; preset: string | null };
  stamps: PlannedStamp[];
  /** Where the caller keeps this batch's PINs until they are printed. */
  pinFile?: PinFileRecord;
  newSerials: NewSerials;
}

const pinFileStatement = (
  db: Database,
  batchId: number,
  planned: PlannedStamp[],
  record: PinFileRecord | undefined,
): BatchItem<'sqlite'>[] =>
  record && planned.length > 0
    ? [
        db.insert(stampPinFiles).values({
          batchId,
          objectKey: record.objectKey,
          firstSheet: planned[0]!.sheetNumber,
          lastSheet: planned.at(-1)!.sheetNumber,
          expiresAt: record.expiresAt,
        }),
      ]
    : [];

/**
 * One INSERT … SELECT over json_each for a chunk of stamps, as certification-ingest writes its
 * rows: drizzle wants every column in the SELECT, so the others take their defaults.
 */
function insertStamps(db: Database, batchId: number, chunk: PlannedStamp[]) {
  const rows = JSON.stringify(chunk.map((s) => [s.serial, s.sheetNumber, s.pinHmac]));
  const values: Record<string, SQL> = {
    batch_id: sql`${batchId}`,
    serial: sql`value ->> 0`,
    sheet_number: sql`value ->> 1`,
    pin_hmac: sql`value ->> 2`,
  };
  const select = Object.values(getTableColumns(stamps)).map((column) => {
    if (values[column.name]) return values[column.name]!;
    if (is(column.default, SQL)) return column.default;
    return column.default === undefined ? sql`NULL` : sql`${column.default}`;
  });
  return db.insert(stamps).select(sql`SELECT ${sql.join(select, sql`, `)} FROM json_each(${rows})`);
}

/**
 * Writes `planned` as few D1 batches of several INSERT … SELECT statements; `finish` joins the
 * last D1 batch, so whatever it marks is written together with the last stamps. A serial that
 * is already taken rolls its D1 batch back; that batch's stamps get new serials and are retried.
 */
async function writeStamps(
  db: Database,
  batchId: number,
  planned: PlannedStamp[],
  finish: BatchItem<'sqlite'>[],
  newSerials: NewSerials,
) {
  const perBatch = STAMPS_PER_STATEMENT * STATEMENTS_PER_BATCH;
  const used = new Set(planned.map((s) => s.serial));
  for (let start = 0; start < planned.length; start += perBatch) {
    const group = planned.slice(start, start + perBatch);
    const isLast = start + perBatch >= planned.length;
    for (let attempt = 1; ; attempt++) {
      const statements: BatchItem<'sqlite'>[] = [];
      for (let at = 0; at < group.length; at += STAMPS_PER_STATEMENT) {
        statements.push(insertStamps(db, batchId, group.slice(at, at + STAMPS_PER_STATEMENT)));
      }
      if (isLast) statements.push(...finish);
      try {
        await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
        break;
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isViolation(error, 'UNIQUE', 'stamps.serial')) throw error;
        // The PINs stay: they are independent of the serial and already signed.
        for (const stamp of group) {
          let serial: string;
          do [serial] = newSerials(1) as [string];
          while (used.has(serial));
          used.add(serial);
          stamp.serial = serial;
        }
      }
    }
  }
}

/**
 * Writes a new batch of planned stamps, 'issued' until activated: they answer a scan only once
 * the stamps are on the packages. Answers the batch's id.
 */
export async function insertStampBatch(db: Database, input: NewStampBatch): Promise<number> {
  const [lot] = await db.select({ id: lots.id }).from(lots).where(eq(lots.id, input.lotId));
  if (!lot) throw notFound();
  const [batch] = await db
    .insert(stampBatches)
    .values({
      lotId: input.lotId,
      quantity: 0,
      withPin: input.withPin,
      keyVersion: input.keyVersion,
      issuedBy: input.issuedBy,
      sheetLayout: input.sheetLayout?.layout ?? null,
      sheetPreset: input.sheetLayout?.preset ?? null,
    })
    .returning({ id: stampBatches.id });
  const batchId = batch!.id;
  const quantity = input.stamps.length;
  await writeStamps(
    db,
    batchId,
    input.stamps,
    [
      db.update(stampBatches).set({ quantity }).where(eq(stampBatches.id, batchId)),
      auditStatement(db, {
        actorUserId: input.issuedBy,
        action: 'stamp_batch.issue',
        entity: 'stamp_batch',
        entityId: batchId,
        after: {
          lotId: input.lotId,
          quantity,
          withPin: input.withPin,
          keyVersion: input.keyVersion,
          labelsPerSheet: input.labelsPerSheet,
        },
      }),
      ...pinFileStatement(db, batchId, input.stamps, input.withPin ? input.pinFile : undefined),
    ],
    input.newSerials,
  );
  return batchId;
}

// ---------------------------------------------------------------- reading a batch

export interface StampBatchSummary {
  id: number;
  lotId: number;
  quantity: number;
  withPin: boolean;
  keyVersion: number;
  issuedBy: number | null;
  issuedAt: string;
  activatedAt: string | null;
  /** Stamps written for the batch, reprints included. */
  stampCount: number;
  voidCount: number;
  lastSheet: number;
}

/** A fully issued batch with its stamp counts; null for an unknown batch or one whose issuance never finished. */
export async function findStampBatch(db: Database, batchId: number): Promise<StampBatchSummary | null> {
  const [row] = await db
    .select({
      id: stampBatches.id,
      lotId: stampBatches.lotId,
      quantity: stampBatches.quantity,
      withPin: stampBatches.withPin,
      keyVersion: stampBatches.keyVersion,
      issuedBy: stampBatches.issuedBy,
      issuedAt: stampBatches.issuedAt,
      activatedAt: stampBatches.activatedAt,
      stampCount: sql<number>`count(${stamps.id})`,
      voidCount: sql<number>`coalesce(sum(${stamps.status} = 'void'), 0)`,
      lastSheet: sql<number>`coalesce(max(${stamps.sheetNumber}), 0)`,
    })
    .from(stampBatches)
    .leftJoin(stamps, eq(stamps.batchId, stampBatches.id))
    .where(and(eq(stampBatches.id, batchId), gt(stampBatches.quantity, 0)))
    .groupBy(stampBatches.id);
  return row ?? null;
}

export interface PrintFileStamp {
  serial: string;
  sheetNumber: number;
  status: 'issued' | 'active' | 'void';
}

/** A page of a fully issued batch's stamps in issue order, for print files; empty for an unfinished batch. */
export async function listBatchStamps(
  db: Database,
  batchId: number,
  page: { offset: number; limit: number },
): Promise<PrintFileStamp[]> {
  return db
    .select({ serial: stamps.serial, sheetNumber: stamps.sheetNumber, status: stamps.status })
    .from(stamps)
    .innerJoin(stampBatches, eq(stampBatches.id, stamps.batchId))
    .where(and(eq(stamps.batchId, batchId), gt(stampBatches.quantity, 0)))
    .orderBy(asc(stamps.id))
    .limit(page.limit)
    .offset(page.offset);
}

// ---------------------------------------------------------------- activating, voiding, reprinting

// D1 reports affected rows in meta.changes; typed here so the module also compiles for the Node benchmark.
const changes = (result: unknown) => (result as { meta: { changes: number } }).meta.changes;

/**
 * Activates the 'issued' stamps of a sheet, or of the whole batch (which also stamps the batch's
 * activation time). Void and already active stamps are left as they are. Activating the whole
 * batch means its stamps are on the packages, so the PINs waiting to be printed are let go:
 * their rows go in the same D1 batch, and the caller deletes the objects named in `releasedPinFiles`.
 */
export async function activateStamps(
  db: Database,
  input: { batchId: number; sheetNumber?: number; actorUserId: number | null },
): Promise<{ activated: number; releasedPinFiles: string[] }> {
  if (!(await findStampBatch(db, input.batchId))) throw notFound();
  const wholeBatch = input.sheetNumber === undefined;
  const activate = db
    .update(stamps)
    .set({ status: 'active', activatedAt: now })
    .where(
      and(
        eq(stamps.batchId, input.batchId),
        eq(stamps.status, 'issued'),
        wholeBatch ? undefined : eq(stamps.sheetNumber, input.sheetNumber!),
      ),
    );
  const audit = auditStatement(db, {
    actorUserId: input.actorUserId,
    action: 'stamp_batch.activate',
    entity: 'stamp_batch',
    entityId: input.batchId,
    after: { sheetNumber: input.sheetNumber ?? null },
  });
  if (!wholeBatch) {
    const [result] = await db.batch([activate, audit]);
    return { activated: changes(result), releasedPinFiles: [] };
  }
  const [result, , , released] = await db.batch([
    activate,
    audit,
    db
      .update(stampBatches)
      .set({ activatedAt: sql`coalesce(${stampBatches.activatedAt}, ${now})` })
      .where(eq(stampBatches.id, input.batchId)),
    db
      .delete(stampPinFiles)
      .where(eq(stampPinFiles.batchId, input.batchId))
      .returning({ objectKey: stampPinFiles.objectKey }),
  ]);
  return { activated: changes(result), releasedPinFiles: released.map((row) => row.objectKey) };
}

/**
 * Voids stamps of a batch (spoiled in printing or sticking). A void stamp keeps its serial for
 * good: the unique index means no later stamp can ever carry it again.
 */
export async function voidStamps(
  db: Database,
  input: { batchId: number; serials: string[]; actorUserId: number | null },
): Promise<{ voided: number }> {
  if (!(await findStampBatch(db, input.batchId))) throw notFound();
  const [result] = await db.batch([
    db
      .update(stamps)
      .set({ status: 'void', voidedAt: now })
      .where(
        and(
          eq(stamps.batchId, input.batchId),
          sql`${stamps.status} <> 'void'`,
          sql`${stamps.serial} IN (SELECT value FROM json_each(${JSON.stringify(input.serials)}))`,
        ),
      ),
    auditStatement(db, {
      actorUserId: input.actorUserId,
      action: 'stamp_batch.void',
      entity: 'stamp_batch',
      entityId: input.batchId,
      after: { serials: input.serials },
    }),
  ]);
  return { voided: changes(result) };
}

export interface ReplacementStamps {
  batchId: number;
  issuedBy: number | null;
  keyVersion: number;
  /** Planned on new sheets after the batch's last one. */
  stamps: PlannedStamp[];
  /** Where the caller keeps the replacements' new PINs until they are printed. */
  pinFile?: PinFileRecord;
  newSerials: NewSerials;
}

/**
 * Replacement stamps for voided ones, with new serials, in the same batch, on new sheets after
 * the last one. A reprint holds at most MAX_STAMPS_PER_REPRINT stamps, which fit one D1 batch, so
 * the replacements and their audit row land together.
 */
export async function insertReplacementStamps(db: Database, input: ReplacementStamps): Promise<void> {
  await writeStamps(
    db,
    input.batchId,
    input.stamps,
    [
      auditStatement(db, {
        actorUserId: input.issuedBy,
        action: 'stamp_batch.reprint',
        entity: 'stamp_batch',
        entityId: input.batchId,
        after: {
          quantity: input.stamps.length,
          keyVersion: input.keyVersion,
          firstSheet: input.stamps[0]?.sheetNumber,
        },
      }),
      ...pinFileStatement(db, input.batchId, input.stamps, input.pinFile),
    ],
    input.newSerials,
  );
}

// ---------------------------------------------------------------- the portal's reads

/** A batch with its lot, product and producer, its stamp counts and its waiting PIN files; null when not issued. */
export async function findBatchForPortal(db: Database, batchId: number) {
  const [batchRows, statusRows, lastSheetRows, pinFiles] = await db.batch([
    db
      .select({
        id: stampBatches.id,
        quantity: stampBatches.quantity,
        withPin: stampBatches.withPin,
        keyVersion: stampBatches.keyVersion,
        issuedAt: stampBatches.issuedAt,
        activatedAt: stampBatches.activatedAt,
        sheetLayout: stampBatches.sheetLayout,
        sheetPreset: stampBatches.sheetPreset,
        lotId: aliased(lots.id, 'lot_id'),
        lotCode: lots.lotCode,
        productId: aliased(products.id, 'product_id'),
        productName: products.nameVi,
        gtin: products.gtin,
        traceCode: products.traceCode,
        producerId: products.producerId,
      })
      .from(stampBatches)
      .innerJoin(lots, eq(lots.id, stampBatches.lotId))
      .innerJoin(products, eq(products.id, lots.productId))
      .where(and(eq(stampBatches.id, batchId), gt(stampBatches.quantity, 0))),
    db
      .select({ status: stamps.status, count: sql<number>`count(*)` })
      .from(stamps)
      .where(eq(stamps.batchId, batchId))
      .groupBy(stamps.status),
    db
      .select({ sheetNumber: stamps.sheetNumber, count: sql<number>`count(*)` })
      .from(stamps)
      .where(
        and(
          eq(stamps.batchId, batchId),
          sql`${stamps.sheetNumber} = (SELECT max(${stamps.sheetNumber}) FROM ${stamps} WHERE ${stamps.batchId} = ${batchId})`,
        ),
      )
      .groupBy(stamps.sheetNumber),
    db.select().from(stampPinFiles).where(eq(stampPinFiles.batchId, batchId)).orderBy(asc(stampPinFiles.firstSheet)),
  ]);
  const [batch] = batchRows;
  if (!batch) return null;
  const counts = { issued: 0, active: 0, void: 0 };
  for (const row of statusRows) counts[row.status] = row.count;
  const last = lastSheetRows[0] ?? { sheetNumber: 0, count: 0 };
  return { batch, counts, lastSheet: last.sheetNumber, lastSheetCount: last.count, pinFiles };
}

export type PortalBatch = NonNullable<Awaited<ReturnType<typeof findBatchForPortal>>>;

/** Batches of a producer's lots, newest first. */
export async function listProducerBatches(db: Database, producerId: number, limit = 200) {
  return db
    .select({
      id: stampBatches.id,
      quantity: stampBatches.quantity,
      withPin: stampBatches.withPin,
      issuedAt: stampBatches.issuedAt,
      activatedAt: stampBatches.activatedAt,
      lotId: lots.id,
      lotCode: lots.lotCode,
      productName: products.nameVi,
    })
    .from(stampBatches)
    .innerJoin(lots, eq(lots.id, stampBatches.lotId))
    .innerJoin(products, eq(products.id, lots.productId))
    .where(and(eq(products.producerId, producerId), gt(stampBatches.quantity, 0)))
    .orderBy(desc(stampBatches.id))
    .limit(limit);
}

/** The stamps printed on sheets `first` to `last` of a batch, sheet by sheet in issue order. */
export function listSheetStamps(db: Database, batchId: number, sheets: { first: number; last: number }) {
  return db
    .select({ serial: stamps.serial, sheetNumber: stamps.sheetNumber, status: stamps.status })
    .from(stamps)
    .where(and(eq(stamps.batchId, batchId), sql`${stamps.sheetNumber} BETWEEN ${sheets.first} AND ${sheets.last}`))
    .orderBy(asc(stamps.sheetNumber), asc(stamps.id));
}

export async function findBatchStamp(db: Database, batchId: number, serial: string) {
  const [row] = await db
    .select({ serial: stamps.serial, sheetNumber: stamps.sheetNumber, status: stamps.status })
    .from(stamps)
    .where(and(eq(stamps.batchId, batchId), eq(stamps.serial, serial)));
  return row ?? null;
}

/**
 * The trace code a product without a GTIN prints in its stamps' URLs (/T/{code}/{serial}), given
 * the first time it needs one: 8 random Crockford characters, unique by the column's index.
 * Null for a product with a GTIN, whose stamps print the GTIN instead.
 */
export async function ensureTraceCode(db: Database, productId: number, actorUserId: number): Promise<string | null> {
  for (let attempt = 1; ; attempt++) {
    const [product] = await db
      .select({ gtin: products.gtin, traceCode: products.traceCode })
      .from(products)
      .where(eq(products.id, productId));
    if (!product || product.gtin) return null;
    if (product.traceCode) return product.traceCode;
    const traceCode = generateTraceCode();
    try {
      await db.batch([
        db
          .update(products)
          .set({ traceCode })
          .where(and(eq(products.id, productId), sql`${products.traceCode} IS NULL`)),
        auditStatement(db, {
          actorUserId,
          action: 'product.assign_trace_code',
          entity: 'product',
          entityId: productId,
          after: { traceCode },
        }),
      ]);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isViolation(error, 'UNIQUE', 'products.trace_code')) throw error;
    }
  }
}

/** Which of `serials` belong to the batch (void or not). */
export async function findBatchSerials(db: Database, batchId: number, serials: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ serial: stamps.serial })
    .from(stamps)
    .where(
      and(
        eq(stamps.batchId, batchId),
        sql`${stamps.serial} IN (SELECT value FROM json_each(${JSON.stringify(serials)}))`,
      ),
    );
  return new Set(rows.map((row) => row.serial));
}
