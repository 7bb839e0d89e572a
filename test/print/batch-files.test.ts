import { describe, expect, it, beforeAll } from 'vitest';
import { planBatchPrintFiles, sheetPositions } from '../../worker/print/batch-files';
import { AppError } from '../../worker/domain/errors';
import { buildStampSheetPdf, STAMP_SHEET_PRESETS, unprintableReason } from '../../worker/print/stamp-sheet';
import { loadPdfJs, readPdfPages } from './read-pdf';

const stamp = (sheetNumber: number, n: number, status = 'issued') => ({
  serial: `S${sheetNumber}N${n}`,
  sheetNumber,
  status,
});

describe('planBatchPrintFiles', () => {
  it('plans whole sheets per file, the last sheet holding what it holds', () => {
    // 65 labels a sheet: 30 sheets (1,950 labels) fit one file.
    expect(planBatchPrintFiles(31, 50, 'a4-65')).toEqual([
      { part: 1, firstSheet: 1, lastSheet: 30, positions: 1950 },
      { part: 2, firstSheet: 31, lastSheet: 31, positions: 50 },
    ]);
    expect(planBatchPrintFiles(1, 3, 'a4-40')).toEqual([{ part: 1, firstSheet: 1, lastSheet: 1, positions: 3 }]);
    expect(planBatchPrintFiles(0, 0, 'a4-40')).toEqual([]);
  });

  it('counts a half-used sheet before a reprint as a full one, so later sheets keep their numbers', () => {
    // Sheet 1 holds 6 of 40 stamps, sheet 2 the 2 replacements.
    expect(planBatchPrintFiles(2, 2, 'a4-40')).toEqual([{ part: 1, firstSheet: 1, lastSheet: 2, positions: 42 }]);
  });
});

describe('sheetPositions', () => {
  it('fills sheets before the last with blanks and leaves void stamps blank', () => {
    const stamps = [stamp(1, 1), stamp(1, 2, 'void'), stamp(1, 3), stamp(2, 1), stamp(2, 2)];
    const positions = sheetPositions(stamps, { first: 1, last: 2, batchLast: 2, perSheet: 4 });
    expect(positions.map((p) => p?.serial ?? null)).toEqual(['S1N1', null, 'S1N3', null, 'S2N1', 'S2N2']);
  });

  it('pads the last sheet of a file that is not the last of the batch', () => {
    const positions = sheetPositions([stamp(3, 1)], { first: 3, last: 3, batchLast: 5, perSheet: 3 });
    expect(positions.map((p) => p?.serial ?? null)).toEqual(['S3N1', null, null]);
  });

  it('refuses a sheet holding more stamps than the layout has labels', () => {
    const stamps = [stamp(1, 1), stamp(1, 2), stamp(1, 3)];
    expect(() => sheetPositions(stamps, { first: 1, last: 1, batchLast: 1, perSheet: 2 })).toThrow(AppError);
  });
});

describe('buildStampSheetPdf with blank positions', () => {
  beforeAll(() => loadPdfJs(), 60_000);

  it('prints nothing on a blank label and keeps the others in their places', async () => {
    const url = (serial: string) => `https://TEM.OCOP.VN/T/DN0042/${serial}`;
    const serials = ['ABCDEFGHJKM0', 'ABCDEFGHJKM1', 'ABCDEFGHJKM2'];
    const bytes = await buildStampSheetPdf({
      stamps: [{ url: url(serials[0]!), serial: serials[0]! }, null, { url: url(serials[2]!), serial: serials[2]! }],
      header: { batchCode: '7', lotCode: 'L1', productName: 'Mật ong', producerName: 'HTX Ong' },
      texts: { batch: 'Đợt tem', lot: 'Lô', sheet: (n, total) => `Tờ ${n}/${total}` },
      layout: 'a4-40',
    });
    const [page] = await readPdfPages(bytes);
    const printed = page!.filter((item) => serials.includes(item.text));
    expect(printed.map((item) => item.text)).toEqual([serials[0], serials[2]]);
    // The third stamp sits in the third column, as if the second were there.
    const { labelWidthMm, gapXMm, marginLeftMm } = STAMP_SHEET_PRESETS['a4-40'];
    const thirdLabelLeft = ((marginLeftMm + 2 * (labelWidthMm + gapXMm)) * 72) / 25.4;
    expect(printed[1]!.x).toBeGreaterThan(thirdLabelLeft);
  });

  it('refuses a file of blanks only', async () => {
    await expect(
      buildStampSheetPdf({
        stamps: [null, null],
        header: { batchCode: '7', lotCode: 'L1', productName: 'Mật ong', producerName: 'HTX Ong' },
        texts: { batch: 'Đợt tem', lot: 'Lô', sheet: (n, total) => `Tờ ${n}/${total}` },
        layout: 'a4-40',
      }),
    ).rejects.toSatisfy((error) => unprintableReason(error) === 'no_stamps');
  });
});
