/**
 * The rules of a stamp batch apart from storage: how many stamps a batch and a reprint may hold,
 * which sheet a stamp prints on, how many void stamps may still be replaced, and which sheets'
 * scratch PINs can still be printed.
 */
import { problem, refused } from './errors';

export const MIN_STAMPS_PER_BATCH = 1;
export const MAX_STAMPS_PER_BATCH = 100_000;
/** A reprint is written in one D1 batch, so it is all there or not at all. */
export const MAX_STAMPS_PER_REPRINT = 10_000;
export const MAX_LABELS_PER_SHEET = 1_000;
/** PINs wait this long to be printed before the nightly job deletes them. */
export const PIN_FILE_DAYS = 7;

/** Refuses a count outside `min`…`max` (the forms check first; this guards every other caller). */
export function requireWholeIn(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw refused(problem(field, 'out_of_range', { min, max }));
}

/** The sheet the stamp at `index` (0-based, in issue order) prints on. */
export const sheetOf = (index: number, labelsPerSheet: number, firstSheet: number): number =>
  firstSheet + Math.floor(index / labelsPerSheet);

/**
 * Void stamps not yet replaced, of `written` stamps (replacements included). The batch's
 * quantity stays what was ordered, so stamps written beyond it are the replacements already made.
 */
export const replaceableCount = (voided: number, written: number, quantity: number): number =>
  voided - (written - quantity);

/** A run of sheets whose PINs wait in a PIN file until its expiry. */
export interface PinFileSpan {
  objectKey: string;
  firstSheet: number;
  lastSheet: number;
  expiresAt: string;
}

export const pinFileExpiry = (now: Date): string => new Date(now.getTime() + PIN_FILE_DAYS * 86_400_000).toISOString();

export const livePinFiles = <F extends PinFileSpan>(files: F[], at: Date): F[] =>
  files.filter((file) => Date.parse(file.expiresAt) > at.getTime());

/** Whether every sheet from `first` to `last` still has its PINs (always, for a batch without PINs). */
export function pinsCover(withPin: boolean, files: PinFileSpan[], first: number, last: number, at: Date): boolean {
  if (!withPin) return true;
  const live = livePinFiles(files, at);
  for (let sheet = first; sheet <= last; sheet++) {
    if (!live.some((file) => file.firstSheet <= sheet && sheet <= file.lastSheet)) return false;
  }
  return true;
}

/** The form field a label-sheet problem belongs to: the choice of sheet, or the measurement to change. */
export function layoutProblemField(reason: string, customLayout: boolean): string {
  if (!customLayout) return 'sheetPreset';
  if (reason === 'no_room_for_header') return 'marginTopMm';
  if (reason === 'qr_too_small' || reason === 'text_does_not_fit') return 'labelWidthMm';
  return 'columns';
}
