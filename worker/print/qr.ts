/** The QR symbol behind every print format: one encoder, one way of turning modules into shapes. */
import QRCode from 'qrcode';

/** ISO/IEC 18004 asks for four light modules round the symbol; printed stamps keep it inside the label. */
export const QUIET_ZONE_MODULES = 4;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Row-major, 1 for a dark module. */
  dark: Uint8Array;
}

/** A row of adjacent dark modules, drawn as one rectangle. */
export interface DarkRun {
  row: number;
  col: number;
  length: number;
}

export function encodeQr(payload: string): QrMatrix {
  // Level M survives a scuffed or slightly curved pack; the upper-case URL after its scheme keeps the
  // encoder's segments alphanumeric but for the scheme.
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: modules.data };
}

/** One rectangle per run of dark modules in a row: about 290 shapes for a typical stamp URL instead of 520 squares. */
export function darkRuns(matrix: QrMatrix): DarkRun[] {
  const runs: DarkRun[] = [];
  const { size, dark } = matrix;
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!dark[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && dark[row * size + col]) col++;
      runs.push({ row, col: start, length: col - start });
    }
  }
  return runs;
}
