/**
 * A batch's print files: short-lived signed links to them, and the files themselves (PDF parts,
 * the CSV of URLs, one stamp's image), with PINs read from R2 while they are still kept there.
 */
import { currentPinKey, pinKeyForVersion, stampHost, type StampEnv } from '../config';
import { checkPrintLink, signPrintLink } from '../crypto/print-link';
import type { Database } from '../data/db';
import { findBatchStamp, listSheetStamps, type PortalBatch } from '../data/stamp-batches';
import { buildStampUrl, type StampIdentity } from '../domain/digital-link';
import { AppError, notFound } from '../domain/errors';
import { linkExpiry, type PrintLinkCheck } from '../domain/print-link';
import { livePinFiles, pinsCover } from '../domain/stamp-batch';
import { planBatchPrintFiles, sheetPositions } from '../print/batch-files';
import { buildStampCsv } from '../print/stamp-csv';
import { renderStampPng, renderStampSvg } from '../print/stamp-image';
import { buildStampSheetPdf, labelsPerSheet, type PrintStamp, type StampSheetTexts } from '../print/stamp-sheet';
import { readPinFiles } from '../storage/media-bucket';

export interface PrintDeps {
  db: Database;
  env: StampEnv & { MEDIA: R2Bucket };
}

/** The path a user may download one file of a batch at, for the next 15 minutes. */
export async function printLinkPath(env: StampEnv, userId: number, batchId: number, file: string, now: Date) {
  const { key, version } = currentPinKey(env);
  const claims = { userId, batchId, file, expires: linkExpiry(now), keyVersion: version };
  const sig = await signPrintLink(claims, key);
  const query = new URLSearchParams({ v: String(version), exp: String(claims.expires), sig });
  return `/portal/stamp-batches/${batchId}/files/${file}?${query}`;
}

export interface BatchPrintLinks {
  parts: { part: number; firstSheet: number; lastSheet: number; href: string | null }[];
  csvHref: string | null;
}

/** Every print file of a batch with a fresh link, or none where its PINs are no longer kept. */
export async function batchPrintLinks(
  env: StampEnv,
  data: PortalBatch,
  userId: number,
  now: Date,
): Promise<BatchPrintLinks> {
  const { batch } = data;
  const layout = batch.sheetLayout;
  const covered = (first: number, last: number) => pinsCover(batch.withPin, data.pinFiles, first, last, now);
  const plan = layout ? planBatchPrintFiles(data.lastSheet, data.lastSheetCount, layout) : [];
  return {
    parts: await Promise.all(
      plan.map(async (part) => ({
        part: part.part,
        firstSheet: part.firstSheet,
        lastSheet: part.lastSheet,
        href: covered(part.firstSheet, part.lastSheet)
          ? await printLinkPath(env, userId, batch.id, `part-${part.part}.pdf`, now)
          : null,
      })),
    ),
    csvHref: covered(1, data.lastSheet) ? await printLinkPath(env, userId, batch.id, 'stamps.csv', now) : null,
  };
}

/** Checks a print link's signature for this user: a forged or borrowed one is refused here. */
export async function checkPrintRequest(
  env: StampEnv,
  claims: { userId: number; batchId: number; file: string; expires: number; keyVersion: number },
  signature: string,
  now: Date,
): Promise<Exclude<PrintLinkCheck, 'forged'>> {
  const secret = pinKeyForVersion(env, claims.keyVersion);
  if (secret === null) throw new AppError('forbidden', { detail: 'not a print link' });
  const check = await checkPrintLink(claims, signature, secret, now);
  if (check === 'forged') throw new AppError('forbidden', { detail: 'print link signature does not match' });
  return check;
}

function identity(batch: PortalBatch['batch'], serial: string): StampIdentity {
  if (batch.gtin) return { kind: 'gtin', gtin: batch.gtin, lot: batch.lotCode, serial };
  if (batch.traceCode) return { kind: 'trace', traceCode: batch.traceCode, serial };
  throw new AppError('conflict', { detail: 'the product has neither a GTIN nor a trace code' });
}

export interface PrintFile {
  body: Uint8Array | string;
  type: string;
  filename: string;
}

/**
 * One print file of a batch; null when PINs it must carry went since the page was drawn (the
 * batch page then says what can still be printed).
 */
export async function buildPrintFile(
  deps: PrintDeps,
  data: PortalBatch,
  file: string,
  header: { producerName: string; texts: StampSheetTexts },
  now: Date,
): Promise<PrintFile | null> {
  const { batch } = data;
  const host = stampHost(deps.env);
  const keys = livePinFiles(data.pinFiles, now).map((pinFile) => pinFile.objectKey);
  const pins = batch.withPin ? await readPinFiles(deps.env.MEDIA, keys) : new Map<string, string>();
  const pinsGone = (serials: string[]) => batch.withPin && serials.some((serial) => !pins.has(serial));
  const toPrint = (serial: string): PrintStamp => {
    const url = buildStampUrl(host, identity(batch, serial));
    const pin = pins.get(serial);
    return pin ? { url, serial, pin } : { url, serial };
  };

  const image = /^([0-9A-Z]{12})\.(svg|png)$/.exec(file);
  if (image) {
    const [, serial, format] = image as unknown as [string, string, 'svg' | 'png'];
    const stamp = await findBatchStamp(deps.db, batch.id, serial);
    if (!stamp || stamp.status === 'void') throw notFound();
    return format === 'png'
      ? { body: await renderStampPng(toPrint(serial)), type: 'image/png', filename: file }
      : { body: renderStampSvg(toPrint(serial)), type: 'image/svg+xml; charset=utf-8', filename: file };
  }

  if (file === 'stamps.csv') {
    const stamps = (await listSheetStamps(deps.db, batch.id, { first: 1, last: data.lastSheet })).filter(
      (stamp) => stamp.status !== 'void',
    );
    if (pinsGone(stamps.map((stamp) => stamp.serial))) return null;
    const body = buildStampCsv(stamps.map((stamp) => toPrint(stamp.serial)));
    return { body, type: 'text/csv; charset=utf-8', filename: `tem-${batch.id}.csv` };
  }

  const layout = batch.sheetLayout;
  const partNumber = Number(/^part-(\d+)\.pdf$/.exec(file)?.[1]);
  const part = layout ? planBatchPrintFiles(data.lastSheet, data.lastSheetCount, layout)[partNumber - 1] : undefined;
  if (!layout || !part) throw notFound();
  const stamps = await listSheetStamps(deps.db, batch.id, { first: part.firstSheet, last: part.lastSheet });
  const positions = sheetPositions(stamps, {
    first: part.firstSheet,
    last: part.lastSheet,
    batchLast: data.lastSheet,
    perSheet: labelsPerSheet(layout),
  });
  if (pinsGone(positions.filter((stamp) => stamp !== null).map((stamp) => stamp.serial))) return null;
  const texts = header.texts;
  const pdf = await buildStampSheetPdf({
    stamps: positions.map((stamp) => (stamp ? toPrint(stamp.serial) : null)),
    header: {
      batchCode: String(batch.id),
      lotCode: batch.lotCode,
      productName: batch.productName,
      producerName: header.producerName,
    },
    texts: batch.withPin ? texts : { batch: texts.batch, lot: texts.lot, sheet: texts.sheet },
    layout,
    sheets: { first: part.firstSheet, total: data.lastSheet },
  });
  return { body: pdf, type: 'application/pdf', filename: `tem-${batch.id}-phan-${part.part}.pdf` };
}
