/**
 * A4 PDF sheets of QR traceability stamps, laid out for pre-cut decal sheets.
 *
 * Each page is written as one raw content stream (QR codes as filled rectangles, text as
 * glyph strings in the embedded font) instead of through pdf-lib's drawing calls: a
 * 1,000-stamp file holds a few hundred thousand shapes, and building them as strings keeps
 * the request well inside the Workers CPU limit.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { deflate } from './deflate';
import fontData from './fonts/be-vietnam-pro-medium.ttf.bin';
import { QUIET_ZONE_MODULES, darkRuns, encodeQr, type QrMatrix } from './qr';
import type { StampSheetLayout } from './sheet-layout';
import { AppError, problem } from '../domain/errors';

export type { StampSheetLayout } from './sheet-layout';

export interface PrintStamp {
  /** The upper-case GS1 Digital Link URL: the QR payload. */
  url: string;
  serial: string;
  /** Printed in the scratch area, to be covered by a scratch-off layer. */
  pin?: string;
}

/** Common pre-cut A4 label sheets (die-cut positions as published by the makers). */
export const STAMP_SHEET_PRESETS = {
  /** 65 per sheet, 5 × 13, 38.1 × 21.2 mm (Avery L7651 and its many equivalents). */
  'a4-65': {
    labelWidthMm: 38.1,
    labelHeightMm: 21.2,
    columns: 5,
    rows: 13,
    marginTopMm: 10.7,
    marginLeftMm: 4.75,
    gapXMm: 2.5,
    gapYMm: 0,
  },
  /** 40 per sheet, 4 × 10, 45.7 × 25.4 mm (Avery L7654). */
  'a4-40': {
    labelWidthMm: 45.7,
    labelHeightMm: 25.4,
    columns: 4,
    rows: 10,
    marginTopMm: 21.5,
    marginLeftMm: 9.7,
    gapXMm: 2.6,
    gapYMm: 0,
  },
  /** 35 square labels per sheet, 5 × 7, 35 × 35 mm (Avery L7120). */
  'a4-35-square': {
    labelWidthMm: 35,
    labelHeightMm: 35,
    columns: 5,
    rows: 7,
    marginTopMm: 11,
    marginLeftMm: 7.5,
    gapXMm: 5,
    gapYMm: 5,
  },
  /** 24 per sheet, 3 × 8, 63.5 × 33.9 mm (Avery L7159). */
  'a4-24': {
    labelWidthMm: 63.5,
    labelHeightMm: 33.9,
    columns: 3,
    rows: 8,
    marginTopMm: 12.9,
    marginLeftMm: 7.25,
    gapXMm: 2.5,
    gapYMm: 0,
  },
  /** 21 per sheet, 3 × 7, 63.5 × 38.1 mm (Avery L7160). */
  'a4-21': {
    labelWidthMm: 63.5,
    labelHeightMm: 38.1,
    columns: 3,
    rows: 7,
    marginTopMm: 15.15,
    marginLeftMm: 7.25,
    gapXMm: 2.5,
    gapYMm: 0,
  },
} as const satisfies Record<string, StampSheetLayout>;

export type StampSheetPresetId = keyof typeof STAMP_SHEET_PRESETS;
export type StampSheetLayoutChoice = StampSheetPresetId | StampSheetLayout;

/**
 * Stamps in one print file. Under `wrangler dev` (workerd, production bundle) 1,000 stamps took
 * about 0.5 s and 2,000 with PINs about 1.1 s, so a full file stays far below the Workers
 * default 30 s CPU limit while a batch of 10,000 still comes in five downloads.
 */
export const STAMPS_PER_PDF_MAX = 2000;

/** Below about a third of a millimetre, office printers smear modules together and phones miss codes. */
export const MIN_MODULE_MM = 0.33;

export type StampPrintErrorCode =
  | 'invalid_layout'
  | 'labels_outside_page'
  | 'no_room_for_header'
  | 'qr_too_small'
  | 'text_does_not_fit'
  | 'no_stamps'
  | 'too_many_stamps';

/**
 * A layout or a request that cannot be printed: a field problem of the one error model, naming
 * the layout; the portal moves it to the form field the person should change.
 */
export const unprintable = (reason: StampPrintErrorCode, detail: string): AppError =>
  new AppError('validation_failed', {
    detail,
    problems: [problem('layout', 'stamp_layout_unfit', { problem: reason })],
  });

/** The print problem behind an error thrown here, or null for any other error. */
export function unprintableReason(error: unknown): StampPrintErrorCode | null {
  if (!(error instanceof AppError)) return null;
  const found = error.problems.find((p) => p.problem === 'stamp_layout_unfit');
  return found ? (found.params?.problem as StampPrintErrorCode) : null;
}

export interface StampSheetHeader {
  batchCode: string;
  lotCode: string;
  productName: string;
  producerName: string;
}

/** The words printed round the codes, from the message catalogue in the producer's language. */
export interface StampSheetTexts {
  /** Before the batch code, e.g. "Đợt in". */
  batch: string;
  /** Before the lot code, e.g. "Lô". */
  lot: string;
  /** e.g. (2, 7) => "Tờ 2/7". */
  sheet: (n: number, total: number) => string;
  /** Caption over the scratch area, e.g. "Mã PIN"; left out when absent. */
  pin?: string;
}

export interface StampSheetInput {
  /**
   * One entry per label position, in order. Null leaves the label blank: a void stamp keeps its
   * place when a sheet is printed again, so every other stamp stays on the sheet its number says.
   */
  stamps: (PrintStamp | null)[];
  header: StampSheetHeader;
  texts: StampSheetTexts;
  layout: StampSheetLayoutChoice;
  /** Where this file's pages fall among the whole batch's sheets, when the batch is split across files. */
  sheets?: { first: number; total: number };
}

const PT_PER_MM = 72 / 25.4;
const encoder = new TextEncoder();
const PAGE_WIDTH_MM = 210;
const PAGE_HEIGHT_MM = 297;
/** Slack for layouts whose published measurements add up to the page to within rounding. */
const FIT_TOLERANCE_MM = 0.1;
/** Die-cuts drift by up to about this much, so nothing is printed closer to a label's edge. */
const CUT_TOLERANCE_MM = 0.75;
/** Office printers leave about this much unprinted at each paper edge. */
const PRINTER_EDGE_MM = 4;
const CROP_OFFSET_MM = 0.5;
const CROP_LENGTH_MM = 2.5;
/** Room kept between the header and the labels for the crop marks that reach into the margin. */
const CROP_RESERVE_MM = CROP_OFFSET_MM + CROP_LENGTH_MM + 0.5;
const MIN_TEXT_PT = 4.5;
const MIN_HEADER_PT = 5;
const MAX_HEADER_PT = 9;
const LINE_HEIGHT = 1.25;
const GAP_MM = 1;
const PIN_PADDING_MM = 0.8;
const MAX_LABELS_PER_SIDE = 40;

export function labelsPerSheet(layout: StampSheetLayoutChoice): number {
  const resolved = resolveStampSheetLayout(layout);
  return resolved.columns * resolved.rows;
}

/**
 * The layout a choice stands for, checked against the page: every label on the sheet and room
 * for the sheet header in the top or bottom margin. The QR size is checked when the stamps are known.
 */
export function resolveStampSheetLayout(layout: StampSheetLayoutChoice): StampSheetLayout {
  const resolved =
    typeof layout !== 'string'
      ? layout
      : Object.hasOwn(STAMP_SHEET_PRESETS, layout)
        ? STAMP_SHEET_PRESETS[layout]
        : null;
  if (!resolved) throw unprintable('invalid_layout', `unknown layout preset ${String(layout)}`);
  const lengths = [resolved.labelWidthMm, resolved.labelHeightMm];
  const spacings = [resolved.marginTopMm, resolved.marginLeftMm, resolved.gapXMm, resolved.gapYMm];
  const counts = [resolved.columns, resolved.rows];
  if (
    !lengths.every((n) => Number.isFinite(n) && n > 0) ||
    !spacings.every((n) => Number.isFinite(n) && n >= 0) ||
    !counts.every((n) => Number.isInteger(n) && n >= 1 && n <= MAX_LABELS_PER_SIDE)
  ) {
    throw unprintable(
      'invalid_layout',
      `label sizes must be positive, margins and gaps not negative, rows and columns whole numbers from 1 to ${MAX_LABELS_PER_SIDE}`,
    );
  }
  const right = resolved.marginLeftMm + gridWidthMm(resolved);
  const bottom = resolved.marginTopMm + gridHeightMm(resolved);
  if (right > PAGE_WIDTH_MM + FIT_TOLERANCE_MM || bottom > PAGE_HEIGHT_MM + FIT_TOLERANCE_MM) {
    throw unprintable(
      'labels_outside_page',
      `labels reach ${round(right)} × ${round(bottom)} mm on a ${PAGE_WIDTH_MM} × ${PAGE_HEIGHT_MM} mm sheet`,
    );
  }
  headerBand(resolved); // throws when neither margin has room for the header
  return resolved;
}

export interface StampPrintFile {
  /** 1-based. */
  part: number;
  /** Index of the file's first stamp in the batch. */
  offset: number;
  count: number;
  /** The `sheets` to pass to buildStampSheetPdf for this file. */
  sheets: { first: number; total: number };
}

/**
 * Splits a batch into print files of at most STAMPS_PER_PDF_MAX stamps, each a whole number of
 * sheets so that sheet numbers run on from one file to the next.
 */
export function planStampPrintFiles(stampCount: number, layout: StampSheetLayoutChoice): StampPrintFile[] {
  const perSheet = labelsPerSheet(layout);
  const perFile = Math.max(perSheet, Math.floor(STAMPS_PER_PDF_MAX / perSheet) * perSheet);
  const total = Math.ceil(stampCount / perSheet);
  const files: StampPrintFile[] = [];
  for (let offset = 0; offset < stampCount; offset += perFile) {
    files.push({
      part: files.length + 1,
      offset,
      count: Math.min(perFile, stampCount - offset),
      sheets: { first: offset / perSheet + 1, total },
    });
  }
  return files;
}

/**
 * Checks a layout before any file is built, e.g. when a producer saves a custom one: on top of
 * resolveStampSheetLayout, that a stamp like `sample` fits its labels with a printable QR.
 */
export async function checkStampSheetLayout(
  layout: StampSheetLayoutChoice,
  sample: PrintStamp,
  texts: Pick<StampSheetTexts, 'pin'> = {},
): Promise<StampSheetLayout> {
  return (await planSheets(layout, [sample], texts)).layout;
}

export async function buildStampSheetPdf(input: StampSheetInput): Promise<Uint8Array> {
  const { stamps, header, texts } = input;
  const printed = stamps.filter((stamp) => stamp !== null);
  if (printed.length === 0) throw unprintable('no_stamps', 'a print file needs at least one stamp');
  if (stamps.length > STAMPS_PER_PDF_MAX) {
    throw unprintable(
      'too_many_stamps',
      `${stamps.length} stamps in one file; split the batch with planStampPrintFiles (at most ${STAMPS_PER_PDF_MAX})`,
    );
  }
  const { layout, doc, font, matrices, label } = await planSheets(input.layout, printed, texts);
  const perSheet = layout.columns * layout.rows;
  const pageCount = Math.ceil(stamps.length / perSheet);
  const sheets = input.sheets ?? { first: 1, total: pageCount };
  doc.setTitle(`${nfc(header.productName)} · ${nfc(header.batchCode)}`);
  const cropMarks = cropMarksContent(layout);
  const band = headerBand(layout);

  const pages: Promise<void>[] = [];
  // Matrices exist for the printed stamps only, in the same order.
  let printedSoFar = 0;
  for (let p = 0; p < pageCount; p++) {
    const page = doc.addPage([mm(PAGE_WIDTH_MM), mm(PAGE_HEIGHT_MM)]);
    const fontKey = page.node.newFontDictionary('StampFont', font.ref).asString();
    const text = new TextWriter(font, fontKey);
    const parts: string[] = ['0 g 0 G\n', cropMarks];
    parts.push(headerContent(layout, band, text, header, texts, sheets.first + p, sheets.total));
    const first = p * perSheet;
    for (let i = first; i < Math.min(first + perSheet, stamps.length); i++) {
      const slot = i - first;
      const x = layout.marginLeftMm + (slot % layout.columns) * (layout.labelWidthMm + layout.gapXMm);
      const y = layout.marginTopMm + Math.floor(slot / layout.columns) * (layout.labelHeightMm + layout.gapYMm);
      const stamp = stamps[i];
      if (stamp) parts.push(labelContent(label, text, x, y, stamp, matrices[printedSoFar++]!));
    }
    const contentRef = doc.context.nextRef();
    page.node.addContentStream(contentRef);
    pages.push(
      deflate(encoder.encode(parts.join(''))).then((bytes) =>
        doc.context.assign(contentRef, doc.context.stream(bytes, { Filter: 'FlateDecode' })),
      ),
    );
  }
  await Promise.all(pages);
  return doc.save();
}

async function planSheets(choice: StampSheetLayoutChoice, stamps: PrintStamp[], texts: Pick<StampSheetTexts, 'pin'>) {
  const layout = resolveStampSheetLayout(choice);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontData, { subset: true });
  const matrices = stamps.map((stamp) => encodeQr(stamp.url));
  const label = planLabel(layout, font, {
    qrModules: Math.max(...matrices.map((m) => m.size)),
    serials: stamps.map((s) => nfc(s.serial)),
    pins: stamps.flatMap((s) => (s.pin ? [nfc(s.pin)] : [])),
    pinCaption: texts.pin === undefined ? undefined : nfc(texts.pin),
  });
  return { layout, doc, font, matrices, label };
}

interface LabelPlan {
  /** QR symbol with its quiet zone, offset from the label's top-left corner (mm). */
  qr: { x: number; y: number; size: number };
  serial: { size: number; centreX: number; baselineY: number; minX: number; maxX: number };
  pin?: {
    caption?: { text: string; size: number; baselineY: number; centreX: number };
    box: { x: number; y: number; width: number; height: number };
    size: number;
    baselineY: number;
    centreX: number;
  };
}

interface LabelContent {
  qrModules: number;
  serials: string[];
  pins: string[];
  pinCaption: string | undefined;
}

/**
 * Where the code, serial and scratch area sit on every label. The scratch area goes under the
 * serial or beside the code, whichever leaves the larger code.
 */
function planLabel(layout: StampSheetLayout, font: PDFFont, content: LabelContent): LabelPlan {
  const width = layout.labelWidthMm - 2 * CUT_TOLERANCE_MM;
  const height = layout.labelHeightMm - 2 * CUT_TOLERANCE_MM;
  const widest = (texts: string[]) => Math.max(0, ...texts.map((t) => font.widthOfTextAtSize(t, 1))) / PT_PER_MM;

  const serialUnit = widest(content.serials);
  const serialSize = Math.min(clamp(layout.labelHeightMm * 0.28, 5.5, 8), width / serialUnit);
  if (serialSize < MIN_TEXT_PT) {
    throw unprintable('text_does_not_fit', 'the longest serial does not fit across the label');
  }
  const serialLine = lineMm(serialSize);

  const hasPin = content.pins.length > 0;
  const captionSize = Math.max(MIN_TEXT_PT, serialSize * 0.8);
  const caption = hasPin && content.pinCaption ? content.pinCaption : undefined;
  const boxWidth = widest(content.pins) * serialSize + 2 * PIN_PADDING_MM;
  const boxHeight = lineMm(serialSize) + PIN_PADDING_MM;
  const captionLine = caption ? lineMm(captionSize) : 0;
  const pinArea = {
    width: Math.max(boxWidth, caption ? widest([caption]) * captionSize : 0),
    height: captionLine + boxHeight,
  };

  if (hasPin && pinArea.width > width) {
    throw unprintable('text_does_not_fit', 'the longest PIN does not fit across the label');
  }
  const stacked = Math.min(width, height - serialLine - (hasPin ? GAP_MM + pinArea.height : 0));
  const sideBySide = Math.min(height - serialLine, width - GAP_MM - pinArea.width);
  const side = hasPin && sideBySide > stacked && pinArea.height <= sideBySide;
  const qrSize = side ? sideBySide : stacked;
  const moduleMm = qrSize / (content.qrModules + 2 * QUIET_ZONE_MODULES);
  if (!(moduleMm >= MIN_MODULE_MM)) {
    throw unprintable(
      'qr_too_small',
      `a ${layout.labelWidthMm} × ${layout.labelHeightMm} mm label leaves ${round(Math.max(moduleMm, 0))} mm QR modules; at least ${MIN_MODULE_MM} mm are needed`,
    );
  }

  const blockWidth = side ? qrSize + GAP_MM + pinArea.width : qrSize;
  const blockHeight = qrSize + serialLine + (hasPin && !side ? GAP_MM + pinArea.height : 0);
  const left = CUT_TOLERANCE_MM + (width - blockWidth) / 2;
  const top = CUT_TOLERANCE_MM + (height - blockHeight) / 2;
  const qr = { x: left, y: top, size: qrSize };
  const serial = {
    size: serialSize,
    centreX: left + qrSize / 2,
    baselineY: top + qrSize + baselineMm(serialSize),
    minX: CUT_TOLERANCE_MM,
    maxX: CUT_TOLERANCE_MM + width,
  };
  if (!hasPin) return { qr, serial };

  const areaX = side ? left + qrSize + GAP_MM : CUT_TOLERANCE_MM + (width - pinArea.width) / 2;
  const areaY = side ? top + (qrSize - pinArea.height) / 2 : top + qrSize + serialLine + GAP_MM;
  const centreX = areaX + pinArea.width / 2;
  const box = { x: centreX - boxWidth / 2, y: areaY + captionLine, width: boxWidth, height: boxHeight };
  return {
    qr,
    serial,
    pin: {
      caption: caption
        ? { text: caption, size: captionSize, baselineY: areaY + baselineMm(captionSize), centreX }
        : undefined,
      box,
      size: serialSize,
      baselineY: box.y + PIN_PADDING_MM / 2 + baselineMm(serialSize),
      centreX,
    },
  };
}

function labelContent(
  plan: LabelPlan,
  text: TextWriter,
  labelX: number,
  labelY: number,
  stamp: PrintStamp,
  matrix: QrMatrix,
): string {
  const moduleMm = plan.qr.size / (matrix.size + 2 * QUIET_ZONE_MODULES);
  const originX = labelX + plan.qr.x + QUIET_ZONE_MODULES * moduleMm;
  const originY = labelY + plan.qr.y + QUIET_ZONE_MODULES * moduleMm;
  // Module units with y running down the rows: each run is then a short integer rectangle.
  const parts = [
    `q ${num(mm(moduleMm), 4)} 0 0 ${num(-mm(moduleMm), 4)} ${num(mm(originX))} ${num(pageY(originY))} cm\n`,
  ];
  for (const run of darkRuns(matrix)) parts.push(`${run.col} ${run.row} ${run.length} 1 re\n`);
  parts.push('f Q\n');

  const serial = nfc(stamp.serial);
  const serialWidth = text.width(serial, plan.serial.size);
  const serialX = clamp(
    labelX + plan.serial.centreX - serialWidth / 2,
    labelX + plan.serial.minX,
    labelX + plan.serial.maxX - serialWidth,
  );
  parts.push(text.at(serial, plan.serial.size, serialX, labelY + plan.serial.baselineY));

  if (plan.pin && stamp.pin) {
    const { caption, box } = plan.pin;
    if (caption) {
      const captionX = labelX + caption.centreX - text.width(caption.text, caption.size) / 2;
      parts.push(text.at(caption.text, caption.size, captionX, labelY + caption.baselineY));
    }
    parts.push(
      `q 0.4 w [1.5 1] 0 d ${num(mm(labelX + box.x))} ${num(pageY(labelY + box.y + box.height))} ${num(mm(box.width))} ${num(mm(box.height))} re S Q\n`,
    );
    const pin = nfc(stamp.pin);
    const pinX = labelX + plan.pin.centreX - text.width(pin, plan.pin.size) / 2;
    parts.push(text.at(pin, plan.pin.size, pinX, labelY + plan.pin.baselineY));
  }
  return parts.join('');
}

/** The strip of margin (mm from the top of the page) that the header may use. */
function headerBand(layout: StampSheetLayout): { top: number; bottom: number } {
  const minHeight = lineMm(MIN_HEADER_PT);
  const above = { top: PRINTER_EDGE_MM, bottom: layout.marginTopMm - CROP_RESERVE_MM };
  if (above.bottom - above.top >= minHeight) return above;
  const gridBottom = layout.marginTopMm + gridHeightMm(layout);
  const below = { top: gridBottom + CROP_RESERVE_MM, bottom: PAGE_HEIGHT_MM - PRINTER_EDGE_MM };
  if (below.bottom - below.top >= minHeight) return below;
  throw unprintable(
    'no_room_for_header',
    `the sheet header needs ${round(minHeight + CROP_RESERVE_MM + PRINTER_EDGE_MM)} mm of top or bottom margin`,
  );
}

function headerContent(
  layout: StampSheetLayout,
  band: { top: number; bottom: number },
  text: TextWriter,
  header: StampSheetHeader,
  texts: StampSheetTexts,
  sheet: number,
  sheetTotal: number,
): string {
  const left = Math.max(layout.marginLeftMm, PRINTER_EDGE_MM);
  const right = PAGE_WIDTH_MM - Math.max(PAGE_WIDTH_MM - layout.marginLeftMm - gridWidthMm(layout), PRINTER_EDGE_MM);
  const width = right - left;
  const product = `${nfc(header.productName)} — ${nfc(header.producerName)}`;
  const codes = `${nfc(texts.batch)} ${nfc(header.batchCode)} · ${nfc(texts.lot)} ${nfc(header.lotCode)}`;
  const sheetText = nfc(texts.sheet(sheet, sheetTotal));
  const height = band.bottom - band.top;
  const twoLines = height >= 2 * lineMm(6);
  const size = Math.min(MAX_HEADER_PT, (height * PT_PER_MM) / (LINE_HEIGHT * (twoLines ? 2 : 1)));
  // The sheet number is right-aligned and never shortened: it is what a printer checks first.
  const sheetWidth = text.width(sheetText, size);
  const room = width - sheetWidth - 3;
  const lines = twoLines ? [product, codes] : [`${product} · ${codes}`];
  const parts = [text.at(sheetText, size, right - sheetWidth, band.top + baselineMm(size))];
  lines.forEach((line, i) => {
    const fitted = text.fit(line, size, room);
    parts.push(text.at(fitted.text, fitted.size, left, band.top + i * lineMm(size) + baselineMm(size)));
  });
  return parts.join('');
}

/**
 * Short marks on the cut lines just outside each label corner. They stay in the gaps and
 * margins, so a mark never prints on a neighbouring label; where labels touch there are none.
 */
function cropMarksContent(layout: StampSheetLayout): string {
  const segments = new Set<string>();
  const add = (x1: number, y1: number, x2: number, y2: number) =>
    segments.add(`${num(mm(x1))} ${num(pageY(y1))} m ${num(mm(x2))} ${num(pageY(y2))} l\n`);
  // Length available outward from a corner: a gap is shared with the neighbour's mark on the same line.
  const reach = (space: number, shared: boolean) => Math.min(CROP_LENGTH_MM, space - (shared ? 2 : 1) * CROP_OFFSET_MM);
  const gridRight = layout.marginLeftMm + gridWidthMm(layout);
  const gridBottom = layout.marginTopMm + gridHeightMm(layout);

  for (let row = 0; row < layout.rows; row++) {
    for (let col = 0; col < layout.columns; col++) {
      const x0 = layout.marginLeftMm + col * (layout.labelWidthMm + layout.gapXMm);
      const y0 = layout.marginTopMm + row * (layout.labelHeightMm + layout.gapYMm);
      const x1 = x0 + layout.labelWidthMm;
      const y1 = y0 + layout.labelHeightMm;
      const leftLength = col === 0 ? reach(x0, false) : reach(layout.gapXMm, true);
      const rightLength =
        col === layout.columns - 1 ? reach(PAGE_WIDTH_MM - gridRight, false) : reach(layout.gapXMm, true);
      const upLength = row === 0 ? reach(y0, false) : reach(layout.gapYMm, true);
      const downLength =
        row === layout.rows - 1 ? reach(PAGE_HEIGHT_MM - gridBottom, false) : reach(layout.gapYMm, true);
      for (const y of [y0, y1]) {
        if (leftLength > 0.4) add(x0 - CROP_OFFSET_MM, y, x0 - CROP_OFFSET_MM - leftLength, y);
        if (rightLength > 0.4) add(x1 + CROP_OFFSET_MM, y, x1 + CROP_OFFSET_MM + rightLength, y);
      }
      for (const x of [x0, x1]) {
        if (upLength > 0.4) add(x, y0 - CROP_OFFSET_MM, x, y0 - CROP_OFFSET_MM - upLength);
        if (downLength > 0.4) add(x, y1 + CROP_OFFSET_MM, x, y1 + CROP_OFFSET_MM + downLength);
      }
    }
  }
  return segments.size === 0 ? '' : `q 0.25 w ${[...segments].join('')}S Q\n`;
}

/** Text in the embedded font as raw content-stream operators. */
class TextWriter {
  constructor(
    private readonly font: PDFFont,
    private readonly fontKey: string,
  ) {}

  /** Width in mm. */
  width(text: string, size: number): number {
    return this.font.widthOfTextAtSize(text, size) / PT_PER_MM;
  }

  /** Left end of the baseline at (x, y) mm from the page's top-left corner. */
  at(text: string, size: number, x: number, y: number): string {
    return `BT ${this.fontKey} ${num(size)} Tf 1 0 0 1 ${num(mm(x))} ${num(pageY(y))} Tm ${this.font.encodeText(text).toString()} Tj ET\n`;
  }

  /** Shrinks the text to the width, down to the smallest legible size, then shortens it. */
  fit(text: string, size: number, width: number): { text: string; size: number } {
    const natural = this.width(text, size);
    if (natural <= width) return { text, size };
    const shrunk = Math.max(MIN_HEADER_PT, (size * width) / natural);
    let fitted = text;
    while (fitted.length > 1 && this.width(fitted, shrunk) > width) fitted = `${fitted.slice(0, -2)}…`;
    return { text: fitted, size: shrunk };
  }
}

const gridWidthMm = (l: StampSheetLayout) => l.columns * l.labelWidthMm + (l.columns - 1) * l.gapXMm;
const gridHeightMm = (l: StampSheetLayout) => l.rows * l.labelHeightMm + (l.rows - 1) * l.gapYMm;
const mm = (value: number) => value * PT_PER_MM;
const pageY = (fromTopMm: number) => mm(PAGE_HEIGHT_MM - fromTopMm);
const lineMm = (sizePt: number) => (sizePt * LINE_HEIGHT) / PT_PER_MM;
/** From the top of a text line to its baseline: the font's ascent, stacked Vietnamese marks included. */
const baselineMm = (sizePt: number) => (sizePt * 1.02) / PT_PER_MM;
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);
const round = (value: number) => Math.round(value * 100) / 100;
const num = (value: number, digits = 2) => String(Number(value.toFixed(digits)));
/** Precomposed letters are the ones the font has glyphs for; decomposed input would print loose marks. */
const nfc = (text: string) => text.normalize('NFC');
