/**
 * Stamp batches: issuing one for a lot, the batch page (print files, activation, voiding,
 * replacements) and the short-lived downloads of its print files.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Messages } from '../../../web/messages';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import type { Values } from '../../../web/pages/portal/Fields';
import { PrintLinkExpiredPage } from '../../../web/pages/portal/PrintLinkExpiredPage';
import { StampBatchesPage } from '../../../web/pages/portal/StampBatchesPage';
import { StampBatchPage, type BatchForm, type StampBatchView } from '../../../web/pages/portal/StampBatchPage';
import { StampIssuePage } from '../../../web/pages/portal/StampIssuePage';
import {
  activateStamps,
  ensureTraceCode,
  findBatchForPortal,
  findBatchSerials,
  findBatchStamp,
  issueStampBatch,
  listProducerBatches,
  listSheetStamps,
  MAX_STAMPS_PER_BATCH,
  reprintVoided,
  voidStamps,
  type IssuedStamp,
  type PortalBatch,
} from '../../data/stamp-batches';
import { deletePinObjects, forgetPinFile, newPinFile, readPins, storePins } from '../../data/stamp-pin-files';
import type { LotPage } from '../../data/trace-events';
import { buildStampUrl, type StampIdentity } from '../../domain/digital-link';
import { producerDataAccess } from '../../domain/policy';
import {
  checkPrintLink,
  linkExpiry,
  PRINT_FILE_NAME,
  PRINT_LINK_TTL_SECONDS,
  printLinkKey,
  signPrintLink,
} from '../../domain/print-link';
import { formatInstant } from '../../domain/time';
import { enforce } from '../../lib/auth';
import type { AppEnv } from '../../lib/context';
import { csrfToken } from '../../lib/csrf';
import { AppError, notFound, type FieldIssue } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { currentPinKey, pinKeyForVersion, stampHost } from '../../lib/stamp-config';
import { planBatchPrintFiles, sheetPositions } from '../../print/batch-files';
import { buildStampCsv } from '../../print/stamp-csv';
import { renderStampPng, renderStampSvg } from '../../print/stamp-image';
import {
  buildStampSheetPdf,
  checkStampSheetLayout,
  labelsPerSheet,
  STAMP_SHEET_PRESETS,
  StampPrintError,
  type PrintStamp,
  type StampSheetPresetId,
} from '../../print/stamp-sheet';
import {
  activateForm,
  CUSTOM_SHEET,
  customLayoutKeys,
  issueForm,
  printLinkQuery,
  reprintForm,
  stampImageQuery,
  voidForm,
} from '../../schemas/traceability';
import { pick } from '../present';
import { ownedLot, producerParamOf } from './lots';
import { producerInScope, signedInUser, typedValues, validateForm } from './scope';

export const stampBatchPages = new Hono<AppEnv>();

const BATCH = '/stamp-batches/:id{[0-9]+}';
const LINK_MINUTES = PRINT_LINK_TTL_SECONDS / 60;

async function ownedBatch(c: Context<AppEnv>): Promise<PortalBatch> {
  const data = await findBatchForPortal(c.var.db, Number(c.req.param('id')));
  if (!data) throw notFound();
  enforce(producerDataAccess(signedInUser(c), data.batch.producerId));
  return data;
}

stampBatchPages.get('/stamp-batches', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/stamp-batches" />);
  const [data, batches] = await Promise.all([
    findProducerName(c, scope.producerId),
    listProducerBatches(c.var.db, scope.producerId),
  ]);
  return c.html(
    <StampBatchesPage
      ctx={pageContext(c)}
      csrfToken={csrfToken(c)}
      producerName={data}
      producerParam={scope.producerParam}
      batches={batches.map((batch) => ({
        id: batch.id,
        productName: batch.productName,
        lotCode: batch.lotCode,
        quantity: batch.quantity,
        withPin: batch.withPin,
        issuedAt: formatInstant(batch.issuedAt),
        activatedAt: batch.activatedAt ? formatInstant(batch.activatedAt) : null,
      }))}
    />,
  );
});

async function findProducerName(c: Context<AppEnv>, producerId: number): Promise<string> {
  const row = await c.var.db.query.producers.findFirst({
    columns: { name: true },
    where: (producers, { eq }) => eq(producers.id, producerId),
  });
  if (!row) throw notFound();
  return row.name;
}

// ---------------------------------------------------------------- issuing

/** The label sheet choices in the visitor's language, custom last. */
const sheetOptions = (t: Messages) => [
  ...(Object.keys(STAMP_SHEET_PRESETS) as StampSheetPresetId[]).map((id) => ({
    value: id,
    label: t.portal.stamps.presets[id],
  })),
  { value: CUSTOM_SHEET, label: t.portal.stamps.custom },
];

function renderIssue(
  c: Context<AppEnv>,
  page: LotPage,
  values: Values,
  issues: FieldIssue[] = [],
  status: ContentfulStatusCode = StatusCodes.OK,
) {
  const ctx = pageContext(c);
  const { t, locale } = ctx;
  const { lot } = page;
  return c.html(
    <StampIssuePage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      lot={{ id: lot.id, code: lot.lotCode, productName: pick(locale, lot.productName, lot.productNameEn) }}
      producerName={lot.producerName}
      producerParam={producerParamOf(c, lot.producerId)}
      sheets={sheetOptions(t)}
      customFields={customLayoutKeys.map((name) => ({ name, label: t.portal.stamps[name] }))}
      maxQuantity={MAX_STAMPS_PER_BATCH}
      values={values}
      issues={issues}
    />,
    status,
  );
}

stampBatchPages.get('/lots/:id{[0-9]+}/stamp-batches/new', async (c) =>
  renderIssue(c, await ownedLot(c), { sheetPreset: 'a4-40', withPin: '1' }),
);

/** The field a layout problem is shown on: the choice of sheet, or the measurement to change. */
function layoutIssue(error: StampPrintError, custom: boolean, t: Messages): FieldIssue {
  const field = !custom
    ? 'sheetPreset'
    : error.code === 'no_room_for_header'
      ? 'marginTopMm'
      : error.code === 'qr_too_small' || error.code === 'text_does_not_fit'
        ? 'labelWidthMm'
        : 'columns';
  return { field, message: t.portal.fieldErrors.layout[error.code] };
}

/** Every character of the serial and PIN alphabet is narrower than W, so a label that fits these fits all. */
const WIDEST_SERIAL = 'WWWWWWWWWWWW';
const WIDEST_PIN = 'WWWWWWWW';
const LONGEST_TRACE_CODE = 'WWWWWWWW';

stampBatchPages.post('/lots/:id{[0-9]+}/stamp-batches', async (c) => {
  const page = await ownedLot(c);
  const { lot } = page;
  const { t, db } = c.var;
  const body = await readForm(c);
  const typed = typedValues(body);
  const refuse = (issues: FieldIssue[], status: ContentfulStatusCode = StatusCodes.BAD_REQUEST) =>
    renderIssue(c, page, typed, issues, status);
  const form = validateForm(c, issueForm(t), body);
  if (!form.ok) return refuse(form.issues);
  const { quantity, withPin, preset, layout } = form.data;

  const host = stampHost(c.env);
  const sample: PrintStamp = {
    url: buildStampUrl(host, identity({ gtin: lot.gtin, traceCode: LONGEST_TRACE_CODE }, lot.lotCode, WIDEST_SERIAL)),
    serial: WIDEST_SERIAL,
    ...(withPin ? { pin: WIDEST_PIN } : {}),
  };
  try {
    await checkStampSheetLayout(layout, sample, { pin: t.portal.stamps.sheetTexts.pin });
  } catch (error) {
    if (!(error instanceof StampPrintError)) throw error;
    return refuse([layoutIssue(error, preset === null, t)]);
  }

  const user = signedInUser(c);
  if (!lot.gtin) await ensureTraceCode(db, lot.productId, user.id);
  const pinKey = currentPinKey(c.env);
  const pinFile = withPin ? newPinFile(new Date()) : undefined;
  const result = await issueStampBatch(db, {
    lotId: lot.id,
    quantity,
    withPin,
    labelsPerSheet: labelsPerSheet(layout),
    issuedBy: user.id,
    pinKey: pinKey.key,
    keyVersion: pinKey.version,
    sheetLayout: { layout, preset },
    pinFile,
  });
  if ('error' in result) {
    // The form's own checks and the layout check above leave nothing else for a lot that exists.
    throw new AppError('conflict', { detail: `stamp batch not issued: ${result.error}` });
  }
  if (pinFile) await keepPins(c, pinFile.objectKey, result.stamps);
  return c.redirect(`/portal/stamp-batches/${result.batchId}?issued=${quantity}`, StatusCodes.SEE_OTHER);
});

/** Stores the PINs for printing; if that fails its row goes too, so the batch page says they are gone. */
async function keepPins(c: Context<AppEnv>, objectKey: string, stamps: IssuedStamp[]) {
  try {
    await storePins(c.env.MEDIA, objectKey, stamps);
  } catch (error) {
    await forgetPinFile(c.var.db, objectKey);
    throw error;
  }
}

// ---------------------------------------------------------------- the batch page

function identity(
  product: { gtin: string | null; traceCode: string | null },
  lotCode: string,
  serial: string,
): StampIdentity {
  if (product.gtin) return { kind: 'gtin', gtin: product.gtin, lot: lotCode, serial };
  if (product.traceCode) return { kind: 'trace', traceCode: product.traceCode, serial };
  throw new AppError('conflict', { detail: 'the product has neither a GTIN nor a trace code' });
}

const now = () => new Date();
const livePinFiles = (data: PortalBatch, at: Date) =>
  data.pinFiles.filter((file) => Date.parse(file.expiresAt) > at.getTime());

/** Whether every sheet from `first` to `last` still has its PINs (always, for a batch without PINs). */
function pinsCover(data: PortalBatch, first: number, last: number, at: Date): boolean {
  if (!data.batch.withPin) return true;
  const files = livePinFiles(data, at);
  for (let sheet = first; sheet <= last; sheet++) {
    if (!files.some((file) => file.firstSheet <= sheet && sheet <= file.lastSheet)) return false;
  }
  return true;
}

const replaceable = (data: PortalBatch) => {
  const written = data.counts.issued + data.counts.active + data.counts.void;
  return data.counts.void - (written - data.batch.quantity);
};

async function signedLink(c: Context<AppEnv>, batchId: number, file: string): Promise<string> {
  const { key, version } = currentPinKey(c.env);
  const claims = { userId: signedInUser(c).id, batchId, file, expires: linkExpiry(now()), keyVersion: version };
  const sig = await signPrintLink(claims, await printLinkKey(key));
  const query = new URLSearchParams({ v: String(version), exp: String(claims.expires), sig });
  return `/portal/stamp-batches/${batchId}/files/${file}?${query}`;
}

function layoutLabel(batch: PortalBatch['batch'], t: Messages): string {
  const preset = batch.sheetPreset;
  if (preset && Object.hasOwn(STAMP_SHEET_PRESETS, preset)) {
    return t.portal.stamps.presets[preset as StampSheetPresetId];
  }
  const layout = batch.sheetLayout;
  if (!layout) return t.portal.lots.notSet;
  return t.portal.stamps.customLayout(layout.columns, layout.rows, layout.labelWidthMm, layout.labelHeightMm);
}

async function toBatchView(c: Context<AppEnv>, data: PortalBatch): Promise<StampBatchView> {
  const { t } = c.var;
  const { batch } = data;
  const at = now();
  const layout = batch.sheetLayout;
  const parts = layout ? planBatchPrintFiles(data.lastSheet, data.lastSheetCount, layout) : [];
  const files = await Promise.all(
    parts.map(async (part) => ({
      label: t.portal.stamps.part(part.part, part.firstSheet, part.lastSheet),
      href: pinsCover(data, part.firstSheet, part.lastSheet, at)
        ? await signedLink(c, batch.id, `part-${part.part}.pdf`)
        : null,
    })),
  );
  const live = livePinFiles(data, at);
  const earliestExpiry = live.map((file) => file.expiresAt).sort()[0];
  return {
    id: batch.id,
    producerName: await findProducerName(c, batch.producerId),
    producerParam: producerParamOf(c, batch.producerId),
    productName: batch.productName,
    lotId: batch.lotId,
    lotCode: batch.lotCode,
    issuedAt: formatInstant(batch.issuedAt),
    quantity: batch.quantity,
    withPin: batch.withPin,
    layout: layoutLabel(batch, t),
    counts: data.counts,
    activatedAt: batch.activatedAt ? formatInstant(batch.activatedAt) : null,
    lastSheet: data.lastSheet,
    files,
    csvHref: pinsCover(data, 1, data.lastSheet, at) ? await signedLink(c, batch.id, 'stamps.csv') : null,
    pinsKeptUntil: earliestExpiry ? formatInstant(earliestExpiry) : null,
    pinsMissing: !pinsCover(data, 1, data.lastSheet, at),
    replaceable: replaceable(data),
    linkMinutes: LINK_MINUTES,
  };
}

function batchNotice(c: Context<AppEnv>): string | undefined {
  const s = c.var.t.portal.stamps;
  const count = (name: string) => {
    const value = c.req.query(name);
    return value && /^\d{1,6}$/.test(value) ? Number(value) : null;
  };
  const issued = count('issued');
  if (issued !== null) return s.issued(issued);
  const activated = count('activated');
  if (activated !== null) return s.activated(activated);
  const voided = count('voided');
  if (voided !== null) return s.voided(voided);
  const reprinted = count('reprinted');
  if (reprinted !== null) return s.reprinted(reprinted);
  return undefined;
}

async function renderBatch(
  c: Context<AppEnv>,
  data: PortalBatch,
  failed?: { form: BatchForm; issues: FieldIssue[]; values: Values },
  status: ContentfulStatusCode = StatusCodes.OK,
) {
  return c.html(
    <StampBatchPage
      ctx={pageContext(c)}
      csrfToken={csrfToken(c)}
      view={await toBatchView(c, data)}
      failed={failed}
      notice={failed ? undefined : batchNotice(c)}
    />,
    status,
  );
}

stampBatchPages.get(BATCH, async (c) => renderBatch(c, await ownedBatch(c)));

const backToBatch = (c: Context<AppEnv>, batchId: number, notice: string, n: number) =>
  c.redirect(`/portal/stamp-batches/${batchId}?${notice}=${n}`, StatusCodes.SEE_OTHER);

stampBatchPages.post(`${BATCH}/activate`, async (c) => {
  const data = await ownedBatch(c);
  const { t } = c.var;
  const body = await readForm(c);
  const typed = typedValues(body);
  const formName: BatchForm = typed.scope === 'sheet' ? 'activate-sheet' : 'activate-batch';
  const refuse = (issues: FieldIssue[]) =>
    renderBatch(c, data, { form: formName, issues, values: typed }, StatusCodes.BAD_REQUEST);
  const form = validateForm(c, activateForm(t), body);
  if (!form.ok) return refuse(form.issues);
  let sheetNumber: number | undefined;
  if (form.data.scope === 'sheet') {
    const typedSheet = (form.data.sheetNumber ?? '').trim();
    sheetNumber = /^\d{1,6}$/.test(typedSheet) ? Number(typedSheet) : 0;
    if (sheetNumber < 1 || sheetNumber > data.lastSheet) {
      return refuse([{ field: 'sheetNumber', message: t.portal.fieldErrors.sheetOutOfRange(data.lastSheet) }]);
    }
  }
  const result = await activateStamps(c.var.db, {
    batchId: data.batch.id,
    ...(sheetNumber === undefined ? {} : { sheetNumber }),
    actorUserId: signedInUser(c).id,
  });
  if ('error' in result) throw notFound();
  await deletePinObjects(c.env.MEDIA, result.releasedPinFiles);
  return backToBatch(c, data.batch.id, 'activated', result.activated);
});

stampBatchPages.post(`${BATCH}/void`, async (c) => {
  const data = await ownedBatch(c);
  const { t, db } = c.var;
  const body = await readForm(c);
  const refuse = (issues: FieldIssue[]) =>
    renderBatch(c, data, { form: 'void', issues, values: typedValues(body) }, StatusCodes.BAD_REQUEST);
  const form = validateForm(c, voidForm(t), body);
  if (!form.ok) return refuse(form.issues);
  const { serials } = form.data;
  const found = await findBatchSerials(db, data.batch.id, serials);
  const strangers = serials.filter((serial) => !found.has(serial));
  if (strangers.length > 0) {
    const list = strangers.slice(0, 10).join(', ');
    return refuse([{ field: 'serials', message: t.portal.fieldErrors.serialsNotInBatch(list) }]);
  }
  const result = await voidStamps(db, { batchId: data.batch.id, serials, actorUserId: signedInUser(c).id });
  if ('error' in result) throw notFound();
  return backToBatch(c, data.batch.id, 'voided', result.voided);
});

stampBatchPages.post(`${BATCH}/reprint`, async (c) => {
  const data = await ownedBatch(c);
  const { t, db } = c.var;
  const { batch } = data;
  const body = await readForm(c);
  const refuse = (issues: FieldIssue[]) =>
    renderBatch(c, data, { form: 'reprint', issues, values: typedValues(body) }, StatusCodes.BAD_REQUEST);
  const form = validateForm(c, reprintForm(t), body);
  if (!form.ok) return refuse(form.issues);
  const available = replaceable(data);
  if (form.data.count > available) {
    return refuse([{ field: 'count', message: t.portal.fieldErrors.reprintTooMany(available) }]);
  }
  if (!batch.sheetLayout) throw new AppError('conflict', { detail: 'the batch has no recorded label sheet' });
  // A stamp's PIN is checked with its batch's key version, so replacements are signed with the same key.
  const pinKey = batch.withPin ? pinKeyForVersion(c.env, batch.keyVersion) : currentPinKey(c.env).key;
  if (pinKey === null) throw new AppError('conflict', { detail: `PIN key version ${batch.keyVersion} is retired` });
  const pinFile = batch.withPin ? newPinFile(new Date()) : undefined;
  const result = await reprintVoided(db, {
    batchId: batch.id,
    count: form.data.count,
    labelsPerSheet: labelsPerSheet(batch.sheetLayout),
    issuedBy: signedInUser(c).id,
    keyVersion: batch.keyVersion,
    pinKey,
    pinFile,
  });
  if ('error' in result) {
    if (result.error === 'not_found') throw notFound();
    return refuse([{ field: 'count', message: t.portal.fieldErrors.reprintTooMany(replaceable(data)) }]);
  }
  if (pinFile) await keepPins(c, pinFile.objectKey, result.stamps);
  return backToBatch(c, batch.id, 'reprinted', result.stamps.length);
});

/** One stamp's image: the form names a serial, the answer is a fresh short-lived link to it. */
stampBatchPages.get(`${BATCH}/stamp`, async (c) => {
  const data = await ownedBatch(c);
  const query = c.req.query();
  const refuse = (issues: FieldIssue[]) =>
    renderBatch(c, data, { form: 'image', issues, values: query }, StatusCodes.BAD_REQUEST);
  const form = validateForm(c, stampImageQuery, query);
  if (!form.ok) return refuse(form.issues);
  const stamp = await findBatchStamp(c.var.db, data.batch.id, form.data.serial);
  if (!stamp || stamp.status === 'void') {
    return refuse([{ field: 'serial', message: c.var.t.portal.fieldErrors.serialNotInBatch }]);
  }
  const link = await signedLink(c, data.batch.id, `${stamp.serial}.${form.data.format}`);
  return c.redirect(link, StatusCodes.SEE_OTHER);
});

// ---------------------------------------------------------------- downloads

const download = (c: Context<AppEnv>, body: Uint8Array | string, type: string, filename: string) =>
  c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>), StatusCodes.OK, {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'private, no-store',
  });

stampBatchPages.get(`${BATCH}/files/:file`, async (c) => {
  const data = await ownedBatch(c);
  const { batch } = data;
  const file = c.req.param('file');
  if (!PRINT_FILE_NAME.test(file)) throw notFound();

  const query = printLinkQuery.safeParse(c.req.query());
  const secret = query.success ? pinKeyForVersion(c.env, query.data.v) : null;
  if (!query.success || secret === null) throw new AppError('forbidden', { detail: 'not a print link' });
  const { v, exp, sig } = query.data;
  const at = now();
  const claims = { userId: signedInUser(c).id, batchId: batch.id, file, expires: exp, keyVersion: v };
  const check = await checkPrintLink(claims, sig, await printLinkKey(secret), at);
  if (check === 'forged') throw new AppError('forbidden', { detail: 'print link signature does not match' });
  if (check === 'expired') {
    return c.html(
      <PrintLinkExpiredPage ctx={pageContext(c)} batchId={batch.id} minutes={LINK_MINUTES} />,
      StatusCodes.GONE,
    );
  }

  const host = stampHost(c.env);
  const urlOf = (serial: string) => buildStampUrl(host, identity(batch, batch.lotCode, serial));
  const pinFileKeys = livePinFiles(data, at).map((pinFile) => pinFile.objectKey);
  const pins = batch.withPin ? await readPins(c.env.MEDIA, pinFileKeys) : new Map<string, string>();
  // PINs that went since the page was drawn: the batch page now says what can still be printed.
  const pinsGone = (serials: string[]) => batch.withPin && serials.some((serial) => !pins.has(serial));
  const toPrint = (serial: string): PrintStamp => {
    const pin = pins.get(serial);
    return pin ? { url: urlOf(serial), serial, pin } : { url: urlOf(serial), serial };
  };
  const backToPage = () => c.redirect(`/portal/stamp-batches/${batch.id}`, StatusCodes.SEE_OTHER);

  const image = /^([0-9A-Z]{12})\.(svg|png)$/.exec(file);
  if (image) {
    const [, serial, format] = image as unknown as [string, string, 'svg' | 'png'];
    const stamp = await findBatchStamp(c.var.db, batch.id, serial);
    if (!stamp || stamp.status === 'void') throw notFound();
    if (format === 'png') return download(c, await renderStampPng(toPrint(serial)), 'image/png', file);
    return download(c, renderStampSvg(toPrint(serial)), 'image/svg+xml; charset=utf-8', file);
  }

  if (file === 'stamps.csv') {
    const stamps = (await listSheetStamps(c.var.db, batch.id, { first: 1, last: data.lastSheet })).filter(
      (stamp) => stamp.status !== 'void',
    );
    if (pinsGone(stamps.map((stamp) => stamp.serial))) return backToPage();
    return download(
      c,
      buildStampCsv(stamps.map((stamp) => toPrint(stamp.serial))),
      'text/csv; charset=utf-8',
      `tem-${batch.id}.csv`,
    );
  }

  const layout = batch.sheetLayout;
  const partNumber = Number(/^part-(\d+)\.pdf$/.exec(file)![1]);
  const part = layout ? planBatchPrintFiles(data.lastSheet, data.lastSheetCount, layout)[partNumber - 1] : undefined;
  if (!layout || !part) throw notFound();
  const stamps = await listSheetStamps(c.var.db, batch.id, { first: part.firstSheet, last: part.lastSheet });
  const positions = sheetPositions(stamps, {
    first: part.firstSheet,
    last: part.lastSheet,
    batchLast: data.lastSheet,
    perSheet: labelsPerSheet(layout),
  });
  const printed = positions.filter((stamp) => stamp !== null).map((stamp) => stamp.serial);
  if (pinsGone(printed)) return backToPage();
  const producerName = await findProducerName(c, batch.producerId);
  const texts = c.var.t.portal.stamps.sheetTexts;
  try {
    const pdf = await buildStampSheetPdf({
      stamps: positions.map((stamp) => (stamp ? toPrint(stamp.serial) : null)),
      header: { batchCode: String(batch.id), lotCode: batch.lotCode, productName: batch.productName, producerName },
      texts: batch.withPin ? texts : { batch: texts.batch, lot: texts.lot, sheet: texts.sheet },
      layout,
      sheets: { first: part.firstSheet, total: data.lastSheet },
    });
    return download(c, pdf, 'application/pdf', `tem-${batch.id}-phan-${part.part}.pdf`);
  } catch (error) {
    // A layout stored at issuance passed the same checks, so this is a batch issued outside the portal.
    if (!(error instanceof StampPrintError)) throw error;
    throw new AppError('validation_failed', {
      issues: [{ field: 'layout', message: c.var.t.portal.fieldErrors.layout[error.code] }],
    });
  }
});
