/**
 * The shape of a label sheet, apart from the code that prints on it: the database stores one per
 * stamp batch, and modules that only record it need not load the PDF library and its font.
 */

/** A grid of identical labels on an A4 portrait sheet, measured from the sheet's top-left corner. */
export interface StampSheetLayout {
  labelWidthMm: number;
  labelHeightMm: number;
  columns: number;
  rows: number;
  marginTopMm: number;
  marginLeftMm: number;
  /** Between columns. */
  gapXMm: number;
  /** Between rows. */
  gapYMm: number;
}
