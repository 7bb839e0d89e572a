/**
 * Lots and the QR stamp batches issued for them: issuing (serials, optional scratch PINs stored
 * only as HMACs), activation, voiding and reprinting, and the stamp list a print file is made from.
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
import { LOT_PATTERN } from '../domain/digital-link';
import { generatePin, generateSerials, generateTraceCode } from '../crypto/stamp-codes';
import { pinHmac } from '../crypto/pin';
import type { StampSheetLayout } from '../print/sheet-layout';
import { aliased } from './aliased';
import { auditStatement } from './audit';
import type { Database } from './db';

export const MIN_STAMPS_PER_BATCH = 1;
export const MAX_STAMPS_PER_BATCH = 100_000;
/** A reprint is written in one D1 batch, so it is all there or not at all. */
export const MAX_STAMPS_PER_REPRINT = 10_000;
export const MAX_LABELS_PER_SHEET = 1_000;

/**
 * Rows per INSERT … SELECT over json_each: one bound parameter whatever the row count, about
 * 100 bytes a row with a PIN HMAC, so a statement stays near 100 KB.
 */
const STAMPS_PER_STATEMENT = 1_000;
/** Statements per D1 batch: 10,000 stamps a round trip, far inside the 30 s a batch may take. */
const STATEMENTS_PER_BATCH = 10;
/** A serial collision needs a 60-bit random value to repeat; a second one in a row means a bug. */
const MAX_ATTEMPTS = 3;
/** PINs signed at once: enough to overlap the crypto calls without holding 100,000 promises. */
const HMACS_AT_ONCE = 1_000;

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

// ---------------------------------------------------------------- lots

export interface NewLot {
  productId: number;
  lotCode: string;
  productionDate?: string | null;
  bestBefore?: string | null;
  quantity?: number | null;
  notes?: string | null;
}

export type CreateLotResult = { lotId: number } | { error: 'invalid_lot_code' | 'duplicate' };

/** Whether a failed write broke the unique index on `columns` ("table.column, …"); drizzle wraps D1's error. */
function isUniqueViolation(error: unknown, columns: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes(`UNIQUE constraint failed: ${columns}`)) return true;
  }
  return false;
}

/**
 * A lot of a product; its code goes into the stamps' Digital Link URL, so it must fit GS1 AI 10 as
 * printed. With an actor (a person creating it in the portal) the audit entry is written with it.
 */
export async function createLot(db: Database, lot: NewLot, actorUserId?: number): Promise<CreateLotResult> {
  if (!LOT_PATTERN.test(lot.lotCode)) return { error: 'invalid_lot_code' };
  const values = {
    productId: lot.productId,
    lotCode: lot.lotCode,
    productionDate: lot.productionDate ?? null,
    bestBefore: lot.bestBefore ?? null,
    quantity: lot.quantity ?? null,
    notes: lot.notes ?? null,
  };
  const insert = db.insert(lots).values(values).returning({ id: lots.id });
  try {
    if (actorUserId === undefined) return { lotId: (await insert)[0]!.id };
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
    return { lotId: rows[0]!.id };
  } catch (error) {
    if (isUniqueViolation(error, 'lots.product_id, lots.lot_code')) return { error: 'duplicate' };
    throw error;
  }
}

// ---------------------------------------------------------------- issuing

export interface IssueStampBatch {
  lotId: number;
  quantity: number;
  withPin: boolean;
  labelsPerSheet: number;
  issuedBy: number | null;
  /** The PIN secret of `keyVersion`; unused without PINs. */
  pinKey: string;
  keyVersion: number;
  /** Where serials come from; tests pass one that collides on purpose. */
  newSerials?: (count: number) => string[];
  /** The label sheet the print files will use (its labels per sheet must be `labelsPerSheet`). */
  sheetLayout?: { layout: StampSheetLayout; preset: string | null };
  /** Where the caller keeps this batch's PINs until they are printed (see stamp-pin-files.ts). */
  pinFile?: PinFileRecord;
}

/** The stamp_pin_files row of a run of sheets whose PINs wait in the MEDIA bucket. */
export interface PinFileRecord {
  objectKey: string;
  expiresAt: string;
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

export interface IssuedStamp {
  serial: string;
  sheetNumber: number;
  /** Present only here, for the print file: the database keeps its HMAC. */
  pin?: string;
}

export type IssueError = 'quantity_out_of_range' | 'labels_per_sheet_out_of_range' | 'lot_not_found';

export type IssueResult = { batchId: number; stamps: IssuedStamp[] } | { error: IssueError };

interface PlannedStamp extends IssuedStamp {
  pinHmac: string | null;
}

const isWholeIn = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

/** Serials, sheets and PINs (with their HMACs) for `count` new stamps, sheets counted from `firstSheet`. */
async function planStamps(
  count: number,
  options: { labelsPerSheet: number; firstSheet: number; withPin: boolean; pinKey: string; keyVersion: number },
  newSerials: (count: number) => string[],
): Promise<PlannedStamp[]> {
  const serials = newSerials(count);
  const planned: PlannedStamp[] = serials.map((serial, i) => ({
    serial,
    sheetNumber: options.firstSheet + Math.floor(i / options.labelsPerSheet),
    pinHmac: null,
  }));
  if (!options.withPin) return planned;
  for (let start = 0; start < planned.length; start += HMACS_AT_ONCE) {
    await Promise.all(
      planned.slice(start, start + HMACS_AT_ONCE).map(async (stamp) => {
        stamp.pin = generatePin();
        stamp.pinHmac = await pinHmac(stamp.pin, options.pinKey, options.keyVersion);
      }),
    );
  }
  return planned;
}

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
  newSerials: (count: number) => string[],
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
        if (attempt >= MAX_ATTEMPTS || !isUniqueViolation(error, 'stamps.serial')) throw error;
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

const toIssued = ({ serial, sheetNumber, pin }: PlannedStamp): IssuedStamp =>
  pin === undefined ? { serial, sheetNumber } : { serial, sheetNumber, pin };

/**
 * Issues `quantity` stamps for a lot, on sheets of `labelsPerSheet`. Stamps start 'issued' and
 * answer a scan only once activated. PINs are returned once, for the print file, and never stored.
 */
export async function issueStampBatch(db: Database, input: IssueStampBatch): Promise<IssueResult> {
  if (!isWholeIn(input.quantity, MIN_STAMPS_PER_BATCH, MAX_STAMPS_PER_BATCH)) return { error: 'quantity_out_of_range' };
  if (!isWholeIn(input.labelsPerSheet, 1, MAX_LABELS_PER_SHEET)) return { error: 'labels_per_sheet_out_of_range' };
  const [lot] = await db.select({ id: lots.id }).from(lots).where(eq(lots.id, input.lotId));
  if (!lot) return { error: 'lot_not_found' };

  const newSerials = input.newSerials ?? generateSerials;
  const planned = await planStamps(input.quantity, { ...input, firstSheet: 1 }, newSerials);
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
  await writeStamps(
    db,
    batchId,
    planned,
    [
      db.update(stampBatches).set({ quantity: input.quantity }).where(eq(stampBatches.id, batchId)),
      auditStatement(db, {
        actorUserId: input.issuedBy,
        action: 'stamp_batch.issue',
        entity: 'stamp_batch',
        entityId: batchId,
        after: {
          lotId: input.lotId,
          quantity: input.quantity,
          withPin: input.withPin,
          keyVersion: input.keyVersion,
          labelsPerSheet: input.labelsPerSheet,
        },
      }),
      ...pinFileStatement(db, batchId, planned, input.withPin ? input.pinFile : undefined),
    ],
    newSerials,
  );
  return { batchId, stamps: planned.map(toIssued) };
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
): Promise<{ activated: number; releasedPinFiles: string[] } | { error: 'not_found' }> {
  if (!(await findStampBatch(db, input.batchId))) return { error: 'not_found' };
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
): Promise<{ voided: number } | { error: 'not_found' }> {
  if (!(await findStampBatch(db, input.batchId))) return { error: 'not_found' };
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

export interface ReprintVoided {
  batchId: number;
  count: number;
  labelsPerSheet: number;
  issuedBy: number | null;
  /** Must be the batch's own key version: a stamp's PIN is checked with its batch's. */
  keyVersion: number;
  pinKey: string;
  newSerials?: (count: number) => string[];
  /** Where the caller keeps the replacements' new PINs until they are printed. */
  pinFile?: PinFileRecord;
}

export type ReprintError =
  'not_found' | 'count_out_of_range' | 'labels_per_sheet_out_of_range' | 'nothing_to_replace' | 'key_version_mismatch';

/**
 * Replacement stamps for voided ones, with new serials, in the same batch, on new sheets after
 * the last one. At most as many as are voided and not yet replaced: the batch's quantity stays
 * what was ordered, so stamps written beyond it are the replacements already made.
 */
export async function reprintVoided(
  db: Database,
  input: ReprintVoided,
): Promise<{ batchId: number; stamps: IssuedStamp[] } | { error: ReprintError }> {
  if (!isWholeIn(input.count, 1, MAX_STAMPS_PER_REPRINT)) return { error: 'count_out_of_range' };
  if (!isWholeIn(input.labelsPerSheet, 1, MAX_LABELS_PER_SHEET)) return { error: 'labels_per_sheet_out_of_range' };
  const batch = await findStampBatch(db, input.batchId);
  if (!batch) return { error: 'not_found' };
  if (batch.withPin && input.keyVersion !== batch.keyVersion) return { error: 'key_version_mismatch' };
  const replaceable = batch.voidCount - (batch.stampCount - batch.quantity);
  if (input.count > replaceable) return { error: 'nothing_to_replace' };

  const newSerials = input.newSerials ?? generateSerials;
  const planned = await planStamps(
    input.count,
    {
      labelsPerSheet: input.labelsPerSheet,
      firstSheet: batch.lastSheet + 1,
      withPin: batch.withPin,
      pinKey: input.pinKey,
      keyVersion: batch.keyVersion,
    },
    newSerials,
  );
  // MAX_STAMPS_PER_REPRINT fits one D1 batch, so the replacements and their audit row land together.
  await writeStamps(
    db,
    input.batchId,
    planned,
    [
      auditStatement(db, {
        actorUserId: input.issuedBy,
        action: 'stamp_batch.reprint',
        entity: 'stamp_batch',
        entityId: input.batchId,
        after: { quantity: input.count, keyVersion: batch.keyVersion, firstSheet: batch.lastSheet + 1 },
      }),
      ...pinFileStatement(db, input.batchId, planned, batch.withPin ? input.pinFile : undefined),
    ],
    newSerials,
  );
  return { batchId: input.batchId, stamps: planned.map(toIssued) };
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
      if (attempt >= MAX_ATTEMPTS || !isUniqueViolation(error, 'products.trace_code')) throw error;
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
