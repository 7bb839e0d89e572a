/**
 * A stamp batch as print files. Stamps are numbered onto sheets at issuance, and reprints start
 * on a new sheet after the last, so a batch's sheets are not all full: the files are planned in
 * label positions, sheet by sheet, with blanks where a sheet ends early or a stamp was voided.
 * Every stamp thus prints on the sheet its number says, which is what activating one sheet relies on.
 */
import { labelsPerSheet, planStampPrintFiles, unprintable, type StampSheetLayoutChoice } from './stamp-sheet';

export interface BatchPrintFile {
  /** 1-based, as in the file's name (part-1.pdf). */
  part: number;
  firstSheet: number;
  lastSheet: number;
  /** Stamps the file can hold, blanks included. */
  positions: number;
}

/** The PDF parts of a batch whose last sheet is `lastSheet`, holding `lastSheetCount` stamps. */
export function planBatchPrintFiles(
  lastSheet: number,
  lastSheetCount: number,
  layout: StampSheetLayoutChoice,
): BatchPrintFile[] {
  if (lastSheet < 1) return [];
  const perSheet = labelsPerSheet(layout);
  const positions = (lastSheet - 1) * perSheet + lastSheetCount;
  return planStampPrintFiles(positions, layout).map((file) => ({
    part: file.part,
    firstSheet: file.sheets.first,
    lastSheet: file.sheets.first + Math.ceil(file.count / perSheet) - 1,
    positions: file.count,
  }));
}

/**
 * The label positions of sheets `firstSheet`…`lastSheet` from their stamps (in sheet and issue
 * order): each sheet filled up to `perSheet` with blanks, except the batch's last sheet, and void
 * stamps left blank.
 */
export function sheetPositions<S extends { sheetNumber: number; status: string }>(
  stamps: S[],
  sheets: { first: number; last: number; batchLast: number; perSheet: number },
): (S | null)[] {
  const positions: (S | null)[] = [];
  let at = 0;
  for (let sheet = sheets.first; sheet <= sheets.last; sheet++) {
    const start = positions.length;
    for (; at < stamps.length && stamps[at]!.sheetNumber === sheet; at++) {
      const stamp = stamps[at]!;
      positions.push(stamp.status === 'void' ? null : stamp);
    }
    const onSheet = positions.length - start;
    if (onSheet > sheets.perSheet) {
      throw unprintable('invalid_layout', `sheet ${sheet} holds ${onSheet} stamps, the layout ${sheets.perSheet}`);
    }
    if (sheet < sheets.batchLast) for (let i = onSheet; i < sheets.perSheet; i++) positions.push(null);
  }
  return positions;
}
