/**
 * Issuing and maintaining stamp batches: D1 holds the stamps and only the HMACs of their PINs;
 * R2 holds the PINs in clear until they are printed. The order of effects is what keeps the two
 * honest: the batch and its PIN-file row are written first, then the PINs; if storing the PINs
 * fails, the row goes too, so the batch page says those PINs cannot be printed rather than
 * offering a file that would come out without them.
 */
import { pinHmac } from '../crypto/pin';
import { generatePin, generateSerials } from '../crypto/stamp-codes';
import { currentPinKey, pinKeyForVersion, stampHost, type StampEnv } from '../config';
import {
  activateStamps,
  ensureTraceCode,
  findBatchSerials,
  findBatchStamp,
  findStampBatch,
  insertReplacementStamps,
  insertStampBatch,
  voidStamps,
} from '../data/stamp-batches';
import type { NewSerials, PinFileRecord, PlannedStamp } from '../data/stamp-batches';
import { forgetPinFile } from '../data/stamp-pin-files';
import type { Database } from '../data/db';
import { buildStampUrl, type StampIdentity } from '../domain/digital-link';
import { AppError, notFound, problem, refused } from '../domain/errors';
import {
  MAX_LABELS_PER_SHEET,
  MAX_STAMPS_PER_BATCH,
  MAX_STAMPS_PER_REPRINT,
  MIN_STAMPS_PER_BATCH,
  pinFileExpiry,
  replaceableCount,
  requireWholeIn,
  layoutProblemField,
  sheetOf,
} from '../domain/stamp-batch';
import type { StampSheetLayout } from '../print/sheet-layout';
import { checkStampSheetLayout, labelsPerSheet, unprintableReason, type PrintStamp } from '../print/stamp-sheet';
import { deleteObjects, newPinFileKey, putPinFile } from '../storage/media-bucket';

/** What issuing needs beyond the request: the database, and the environment's PIN keys and MEDIA bucket. */
export interface StampIssuer {
  db: Database;
  env: StampEnv & { MEDIA: R2Bucket };
  /** Where serials come from; tests pass one that collides on purpose. */
  newSerials?: NewSerials;
}

/** A stamp as printed: with a PIN only here, for the print file; the database keeps its HMAC. */
export interface IssuedStamp {
  serial: string;
  sheetNumber: number;
  pin?: string;
}

/** PINs signed at once: enough to overlap the crypto calls without holding 100,000 promises. */
const HMACS_AT_ONCE = 1_000;

interface Planned extends PlannedStamp {
  pin?: string;
}

/** Serials, sheets and PINs (with their HMACs) for `count` new stamps, sheets counted from `firstSheet`. */
async function planStamps(
  count: number,
  options: { labelsPerSheet: number; firstSheet: number; withPin: boolean; pinKey: string; keyVersion: number },
  newSerials: NewSerials,
): Promise<Planned[]> {
  const planned: Planned[] = newSerials(count).map((serial, i) => ({
    serial,
    sheetNumber: sheetOf(i, options.labelsPerSheet, options.firstSheet),
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

const toIssued = ({ serial, sheetNumber, pin }: Planned): IssuedStamp =>
  pin === undefined ? { serial, sheetNumber } : { serial, sheetNumber, pin };

/** Stores the PINs for printing; if that fails its row goes too, so the batch page says they are gone. */
async function keepPins(issuer: StampIssuer, pinFile: PinFileRecord, stamps: Planned[]): Promise<void> {
  try {
    await putPinFile(issuer.env.MEDIA, pinFile.objectKey, stamps);
  } catch (error) {
    await forgetPinFile(issuer.db, pinFile.objectKey);
    throw error;
  }
}

const newPinFile = (withPin: boolean, now: Date): PinFileRecord | undefined =>
  withPin ? { objectKey: newPinFileKey(), expiresAt: pinFileExpiry(now) } : undefined;

export interface NewBatch {
  lotId: number;
  quantity: number;
  withPin: boolean;
  labelsPerSheet: number;
  issuedBy: number | null;
  sheetLayout?: { layout: StampSheetLayout; preset: string | null };
}

/**
 * Issues `quantity` stamps for a lot, on sheets of `labelsPerSheet`. Stamps start 'issued' and
 * answer a scan only once activated. PINs are returned once, for the print file, and kept in R2
 * until printed.
 */
export async function issueStampBatch(
  issuer: StampIssuer,
  input: NewBatch,
  now = new Date(),
): Promise<{ batchId: number; stamps: IssuedStamp[] }> {
  requireWholeIn('quantity', input.quantity, MIN_STAMPS_PER_BATCH, MAX_STAMPS_PER_BATCH);
  requireWholeIn('labelsPerSheet', input.labelsPerSheet, 1, MAX_LABELS_PER_SHEET);
  const newSerials = issuer.newSerials ?? generateSerials;
  const { key, version } = currentPinKey(issuer.env);
  const planned = await planStamps(
    input.quantity,
    { labelsPerSheet: input.labelsPerSheet, firstSheet: 1, withPin: input.withPin, pinKey: key, keyVersion: version },
    newSerials,
  );
  const pinFile = newPinFile(input.withPin, now);
  const batchId = await insertStampBatch(issuer.db, {
    lotId: input.lotId,
    withPin: input.withPin,
    keyVersion: version,
    issuedBy: input.issuedBy,
    labelsPerSheet: input.labelsPerSheet,
    ...(input.sheetLayout ? { sheetLayout: input.sheetLayout } : {}),
    stamps: planned,
    ...(pinFile ? { pinFile } : {}),
    newSerials,
  });
  if (pinFile) await keepPins(issuer, pinFile, planned);
  return { batchId, stamps: planned.map(toIssued) };
}

/**
 * Replacement stamps for voided ones, with new serials and PINs, on new sheets after the last
 * one: at most as many as are voided and not yet replaced. A stamp's PIN is checked with its
 * batch's key version, so the replacements' PINs are signed with the batch's own key.
 */
export async function reprintVoided(
  issuer: StampIssuer,
  input: { batchId: number; count: number; labelsPerSheet: number; issuedBy: number | null },
  now = new Date(),
): Promise<IssuedStamp[]> {
  requireWholeIn('count', input.count, 1, MAX_STAMPS_PER_REPRINT);
  requireWholeIn('labelsPerSheet', input.labelsPerSheet, 1, MAX_LABELS_PER_SHEET);
  const batch = await findStampBatch(issuer.db, input.batchId);
  if (!batch) throw notFound();
  const pinKey = batch.withPin ? pinKeyForVersion(issuer.env, batch.keyVersion) : currentPinKey(issuer.env).key;
  if (pinKey === null) throw new AppError('conflict', { detail: `PIN key version ${batch.keyVersion} is retired` });
  const available = replaceableCount(batch.voidCount, batch.stampCount, batch.quantity);
  if (input.count > available) throw refused(problem('count', 'reprint_too_many', { available }));
  const newSerials = issuer.newSerials ?? generateSerials;
  const planned = await planStamps(
    input.count,
    {
      labelsPerSheet: input.labelsPerSheet,
      firstSheet: batch.lastSheet + 1,
      withPin: batch.withPin,
      pinKey,
      keyVersion: batch.keyVersion,
    },
    newSerials,
  );
  const pinFile = newPinFile(batch.withPin, now);
  await insertReplacementStamps(issuer.db, {
    batchId: input.batchId,
    issuedBy: input.issuedBy,
    keyVersion: batch.keyVersion,
    stamps: planned,
    ...(pinFile ? { pinFile } : {}),
    newSerials,
  });
  if (pinFile) await keepPins(issuer, pinFile, planned);
  return planned.map(toIssued);
}

/**
 * Activates a sheet, or the whole batch. Once the whole batch is on its packages, the PINs
 * waiting to be printed are let go: their rows go with the activation, then their objects.
 */
export async function activateBatch(
  deps: { db: Database; env: { MEDIA: R2Bucket } },
  input: { batchId: number; sheetNumber?: number; actorUserId: number | null },
): Promise<number> {
  const result = await activateStamps(deps.db, input);
  await deleteObjects(deps.env.MEDIA, result.releasedPinFiles);
  return result.activated;
}

/** Every character of the serial and PIN alphabet is narrower than W, so a label that fits these fits all. */
const WIDEST_SERIAL = 'WWWWWWWWWWWW';
const WIDEST_PIN = 'WWWWWWWW';
const LONGEST_TRACE_CODE = 'WWWWWWWW';

export interface BatchRequest {
  quantity: number;
  withPin: boolean;
  /** The preset chosen, or null for measurements typed in. */
  preset: string | null;
  layout: StampSheetLayout;
}

/**
 * A batch for a lot as the portal asks for it: the label sheet must hold the widest stamp the
 * batch can print (its problem is shown on the field to change), and a product without a GTIN
 * gets its trace code first.
 */
export async function issueBatchForLot(
  issuer: StampIssuer,
  lot: { id: number; productId: number; gtin: string | null; lotCode: string },
  request: BatchRequest,
  context: { issuedBy: number; pinLabel: string },
): Promise<number> {
  const host = stampHost(issuer.env);
  const sampleIdentity: StampIdentity = lot.gtin
    ? { kind: 'gtin', gtin: lot.gtin, lot: lot.lotCode, serial: WIDEST_SERIAL }
    : { kind: 'trace', traceCode: LONGEST_TRACE_CODE, serial: WIDEST_SERIAL };
  const sample: PrintStamp = {
    url: buildStampUrl(host, sampleIdentity),
    serial: WIDEST_SERIAL,
    ...(request.withPin ? { pin: WIDEST_PIN } : {}),
  };
  try {
    await checkStampSheetLayout(request.layout, sample, { pin: context.pinLabel });
  } catch (error) {
    const reason = unprintableReason(error);
    if (reason === null) throw error;
    throw refused(
      problem(layoutProblemField(reason, request.preset === null), 'stamp_layout_unfit', { problem: reason }),
    );
  }
  if (!lot.gtin) await ensureTraceCode(issuer.db, lot.productId, context.issuedBy);
  const { batchId } = await issueStampBatch(issuer, {
    lotId: lot.id,
    quantity: request.quantity,
    withPin: request.withPin,
    labelsPerSheet: labelsPerSheet(request.layout),
    issuedBy: context.issuedBy,
    sheetLayout: { layout: request.layout, preset: request.preset },
  });
  return batchId;
}

/** Activates one sheet (which must be one of the batch's) or the whole batch. */
export async function activateFromPortal(
  deps: { db: Database; env: { MEDIA: R2Bucket } },
  data: { batchId: number; lastSheet: number },
  request: { scope: 'batch' | 'sheet'; sheetNumber?: string | undefined },
  actorUserId: number,
): Promise<number> {
  if (request.scope === 'batch') return activateBatch(deps, { batchId: data.batchId, actorUserId });
  const typed = (request.sheetNumber ?? '').trim();
  const sheetNumber = /^\d{1,6}$/.test(typed) ? Number(typed) : 0;
  if (sheetNumber < 1 || sheetNumber > data.lastSheet) {
    throw refused(problem('sheetNumber', 'sheet_out_of_range', { last: data.lastSheet }));
  }
  return activateBatch(deps, { batchId: data.batchId, sheetNumber, actorUserId });
}

/** Voids pasted serials, every one of which must belong to the batch. */
export async function voidFromPortal(db: Database, batchId: number, serials: string[], actorUserId: number) {
  const found = await findBatchSerials(db, batchId, serials);
  const strangers = serials.filter((serial) => !found.has(serial));
  if (strangers.length > 0) {
    throw refused(problem('serials', 'serials_not_in_batch', { list: strangers.slice(0, 10).join(', ') }));
  }
  return (await voidStamps(db, { batchId, serials, actorUserId })).voided;
}

/** The serial of one printable (not void) stamp of the batch, for its single-stamp image. */
export async function printableSerial(db: Database, batchId: number, serial: string): Promise<string> {
  const stamp = await findBatchStamp(db, batchId, serial);
  if (!stamp || stamp.status === 'void') throw refused(problem('serial', 'serial_not_in_batch'));
  return stamp.serial;
}
