import { PDFArray, PDFDocument, PDFRawStream, type PDFObject } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  STAMPS_PER_PDF_MAX,
  STAMP_SHEET_PRESETS,
  unprintableReason,
  buildStampSheetPdf,
  checkStampSheetLayout,
  labelsPerSheet,
  planStampPrintFiles,
  resolveStampSheetLayout,
  type PrintStamp,
  type StampSheetInput,
  type StampSheetLayout,
  type StampSheetPresetId,
} from '../../worker/print/stamp-sheet';
import { AppError } from '../../worker/domain/errors';
import { loadPdfJs, readPdfPages, type PdfText } from './read-pdf';

function thrownBy(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  return undefined;
}

const PT_PER_MM = 72 / 25.4;
const SERIAL = /^MO\d{8}$/;

const header = {
  batchCode: 'DT-2026-0007',
  lotCode: 'L2611A',
  productName: 'Mật ong bạc hà Đồng Văn',
  producerName: 'HTX Ong mật Đồng Văn',
};
const texts = { batch: 'Đợt in', lot: 'Lô', sheet: (n: number, total: number) => `Tờ ${n}/${total}`, pin: 'Mã PIN' };

function makeStamps(count: number, options: { pins?: boolean; from?: number } = {}): PrintStamp[] {
  return Array.from({ length: count }, (_, i) => {
    const serial = `MO${String((options.from ?? 1) + i).padStart(8, '0')}`;
    const url = `https://OCOP.EXAMPLE.VN/01/08938501234567/10/L2611A/21/${serial}`;
    return options.pins ? { serial, url, pin: String((i * 7919 + 31337) % 1e8).padStart(8, '0') } : { serial, url };
  });
}

const build = (
  stamps: PrintStamp[],
  layout: StampSheetInput['layout'] = 'a4-65',
  extra: Partial<StampSheetInput> = {},
) => buildStampSheetPdf({ stamps, header, texts, layout, ...extra });

const pageCount = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).getPageCount();

/** The label rectangle of a slot, in points from the page's bottom-left corner as pdf.js reports positions. */
function labelBox(layout: StampSheetLayout, slot: number) {
  const left = layout.marginLeftMm + (slot % layout.columns) * (layout.labelWidthMm + layout.gapXMm);
  const top = layout.marginTopMm + Math.floor(slot / layout.columns) * (layout.labelHeightMm + layout.gapYMm);
  return {
    left: left * PT_PER_MM,
    right: (left + layout.labelWidthMm) * PT_PER_MM,
    top: (297 - top) * PT_PER_MM,
    bottom: (297 - top - layout.labelHeightMm) * PT_PER_MM,
  };
}

function expectInside(item: PdfText, box: ReturnType<typeof labelBox>) {
  expect(item.x).toBeGreaterThanOrEqual(box.left);
  expect(item.x + item.width).toBeLessThanOrEqual(box.right);
  expect(item.y).toBeGreaterThan(box.bottom);
  expect(item.y).toBeLessThan(box.top);
}

/** Line segments drawn on a page, in mm from the page's top-left corner. */
async function pageSegments(bytes: Uint8Array, index: number) {
  const doc = await PDFDocument.load(bytes);
  const contents: PDFObject | undefined = doc.getPage(index).node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const texts = await Promise.all(
    refs.map(async (ref) => {
      const raw = doc.context.lookup(ref);
      if (!(raw instanceof PDFRawStream)) throw new Error('expected a compressed content stream');
      const stream = new Blob([raw.contents]).stream().pipeThrough(new DecompressionStream('deflate'));
      return new Response(stream).text();
    }),
  );
  const number = String.raw`(-?[\d.]+)`;
  const segment = new RegExp(`${number} ${number} m ${number} ${number} l`, 'g');
  return [...texts.join('\n').matchAll(segment)].map((m) => {
    const [x1, y1, x2, y2] = m.slice(1).map(Number) as [number, number, number, number];
    return { x1: x1 / PT_PER_MM, y1: 297 - y1 / PT_PER_MM, x2: x2 / PT_PER_MM, y2: 297 - y2 / PT_PER_MM };
  });
}

function expectEachSerialOnce(pages: PdfText[][], stamps: PrintStamp[]) {
  const printed = pages
    .flat()
    .filter((item) => SERIAL.test(item.text))
    .map((item) => item.text);
  expect(printed.sort()).toEqual(stamps.map((s) => s.serial).sort());
}

beforeAll(() => loadPdfJs(), 60_000);

describe('buildStampSheetPdf', () => {
  it("prints exactly the batch's serials, each once, each on its own label in order", async () => {
    const stamps = makeStamps(150);
    const pages = await readPdfPages(await build(stamps));

    expect(pages).toHaveLength(3);
    expectEachSerialOnce(pages, stamps);
    const layout = STAMP_SHEET_PRESETS['a4-65'];
    stamps.forEach((stamp, i) => {
      const item = pages[Math.floor(i / 65)]!.find((t) => t.text === stamp.serial)!;
      expectInside(item, labelBox(layout, i % 65));
    });
  });

  it('heads every sheet with product, producer, batch, lot and sheet number, Vietnamese intact', async () => {
    const pages = await readPdfPages(await build(makeStamps(140)));

    pages.forEach((page, i) => {
      const line = page.map((item) => item.text).join(' ');
      expect(line).toContain('Mật ong bạc hà Đồng Văn');
      expect(line).toContain('HTX Ong mật Đồng Văn');
      expect(line).toContain('Đợt in DT-2026-0007');
      expect(line).toContain('Lô L2611A');
      expect(line).toContain(`Tờ ${i + 1}/3`);
    });
  });

  it('prints decomposed input with the precomposed letters the font has', async () => {
    const decomposed = { ...header, productName: header.productName.normalize('NFD') };
    const pages = await readPdfPages(await build(makeStamps(3), 'a4-40', { header: decomposed }));

    expect(pages[0]!.map((item) => item.text).join(' ')).toContain('Mật ong bạc hà Đồng Văn');
  });

  it('numbers sheets across the whole batch when given its place in a split batch', async () => {
    const pages = await readPdfPages(await build(makeStamps(42), 'a4-21', { sheets: { first: 4, total: 9 } }));

    expect(pages.map((page, i) => page.some((item) => item.text === `Tờ ${i + 4}/9`))).toEqual([true, true]);
  });

  it('prints each PIN once, with its caption, on the same label as its serial', async () => {
    const stamps = makeStamps(30, { pins: true });
    const [page] = await readPdfPages(await build(stamps, 'a4-65'));
    const layout = STAMP_SHEET_PRESETS['a4-65'];

    expect(page!.filter((item) => item.text === 'Mã PIN')).toHaveLength(30);
    stamps.forEach((stamp, i) => {
      const pins = page!.filter((item) => item.text === stamp.pin);
      expect(pins).toHaveLength(1);
      expectInside(pins[0]!, labelBox(layout, i));
      expectInside(
        page!.find((item) => item.text === stamp.serial)!,
        labelBox(layout, i),
      );
    });
  });

  it.each(Object.keys(STAMP_SHEET_PRESETS) as StampSheetPresetId[])(
    'fills preset %s with ceil(n / labels per sheet) pages, PINs included',
    async (preset) => {
      const perSheet = labelsPerSheet(preset);
      const stamps = makeStamps(perSheet * 2 + 1, { pins: true });

      expect(await pageCount(await build(stamps, preset))).toBe(3);
    },
  );

  it.each(Object.keys(STAMP_SHEET_PRESETS) as StampSheetPresetId[])(
    'puts crop marks of preset %s on the cut lines just off label corners, never on a label',
    async (preset) => {
      const layout = STAMP_SHEET_PRESETS[preset];
      const segments = await pageSegments(await build(makeStamps(3), preset), 0);
      const labels = Array.from({ length: layout.columns * layout.rows }, (_, slot) => {
        const left = layout.marginLeftMm + (slot % layout.columns) * (layout.labelWidthMm + layout.gapXMm);
        const top = layout.marginTopMm + Math.floor(slot / layout.columns) * (layout.labelHeightMm + layout.gapYMm);
        return { left, top, right: left + layout.labelWidthMm, bottom: top + layout.labelHeightMm };
      });
      const corners = labels.flatMap((l) => [
        [l.left, l.top],
        [l.right, l.top],
        [l.left, l.bottom],
        [l.right, l.bottom],
      ]);
      // Edges count: a mark running along a label's edge would print on the label after cutting.
      const onLabel = (x: number, y: number) =>
        labels.some((l) => x >= l.left - 0.01 && x <= l.right + 0.01 && y >= l.top - 0.01 && y <= l.bottom + 0.01);

      expect(segments.length).toBeGreaterThanOrEqual(4 * layout.columns);
      for (const { x1, y1, x2, y2 } of segments) {
        expect(x1 === x2 || Math.abs(y1 - y2) < 1e-6).toBe(true);
        for (const [x, y] of [
          [x1, y1],
          [x2, y2],
          [(x1 + x2) / 2, (y1 + y2) / 2],
        ] as const) {
          expect(onLabel(x, y)).toBe(false);
        }
        const nearest = Math.min(...corners.map(([cx, cy]) => Math.hypot(x1 - cx!, y1 - cy!)));
        expect(nearest).toBeCloseTo(0.5, 1);
      }
    },
  );

  // How fast a sheet is built is measured by `npm run bench` (stamps), never timed here.
  it('builds 1,000 stamps, every serial printed once', async () => {
    const stamps = makeStamps(1000);
    const bytes = await build(stamps);
    const pages = await readPdfPages(bytes);
    expect(pages).toHaveLength(Math.ceil(1000 / 65));
    expectEachSerialOnce(pages, stamps);
  }, 60_000);

  it('rejects an empty batch and one over the per-file limit', async () => {
    await expect(build([])).rejects.toSatisfy((error) => unprintableReason(error) === 'no_stamps');
    await expect(build(makeStamps(STAMPS_PER_PDF_MAX + 1))).rejects.toSatisfy(
      (error) => unprintableReason(error) === 'too_many_stamps',
    );
  });
});

describe('layout validation', () => {
  const custom: StampSheetLayout = {
    labelWidthMm: 30,
    labelHeightMm: 30,
    columns: 6,
    rows: 8,
    marginTopMm: 15,
    marginLeftMm: 7,
    gapXMm: 2,
    gapYMm: 3,
  };

  it('accepts a custom layout that fits and prints it', async () => {
    expect(resolveStampSheetLayout(custom)).toEqual(custom);
    const stamps = makeStamps(49, { pins: true });
    const pages = await readPdfPages(await build(stamps, custom));

    expect(pages).toHaveLength(2);
    expectEachSerialOnce(pages, stamps);
  });

  it.each<[string, Partial<StampSheetLayout>]>([
    ['invalid_layout', { rows: 0 }],
    ['invalid_layout', { columns: 2.5 }],
    ['invalid_layout', { gapXMm: -1 }],
    ['invalid_layout', { labelWidthMm: Number.NaN }],
    ['labels_outside_page', { columns: 7 }],
    ['labels_outside_page', { rows: 9 }],
    ['labels_outside_page', { marginLeftMm: 25 }],
    // Edge-to-edge 70 × 37 mm sheets leave half a millimetre above and below the labels.
    [
      'no_room_for_header',
      {
        labelWidthMm: 70,
        labelHeightMm: 37,
        columns: 3,
        rows: 8,
        marginTopMm: 0.5,
        marginLeftMm: 0,
        gapXMm: 0,
        gapYMm: 0,
      },
    ],
  ])('rejects with %s: %o', (code, change) => {
    const attempt = () => resolveStampSheetLayout({ ...custom, ...change });
    expect(attempt).toThrow(AppError);
    expect(unprintableReason(thrownBy(attempt))).toBe(code);
  });

  it('rejects labels too small for a QR of printable module size', async () => {
    const tiny = { ...custom, labelWidthMm: 16, labelHeightMm: 14, columns: 10, rows: 12 };

    expect(resolveStampSheetLayout(tiny)).toEqual(tiny);
    await expect(checkStampSheetLayout(tiny, makeStamps(1)[0]!)).rejects.toSatisfy(
      (error) => unprintableReason(error) === 'qr_too_small',
    );
    await expect(build(makeStamps(1), tiny)).rejects.toSatisfy((error) => unprintableReason(error) === 'qr_too_small');
    await expect(checkStampSheetLayout('a4-65', makeStamps(1, { pins: true })[0]!, texts)).resolves.toEqual(
      STAMP_SHEET_PRESETS['a4-65'],
    );
  });

  it('rejects a serial too long to print across the label', async () => {
    const [stamp] = makeStamps(1);
    const long = { ...stamp!, serial: 'MO'.padEnd(80, '0') };

    await expect(build([long], 'a4-65')).rejects.toSatisfy((error) => unprintableReason(error) === 'text_does_not_fit');
  });

  it('rejects an unknown preset', () => {
    const attempt = () => resolveStampSheetLayout('a4-99' as StampSheetPresetId);
    expect(attempt).toThrow(AppError);
    expect(unprintableReason(thrownBy(attempt))).toBe('invalid_layout');
  });
});

describe('planStampPrintFiles', () => {
  it('splits a batch into files of whole sheets under the limit, numbering sheets across files', () => {
    const files = planStampPrintFiles(5000, 'a4-65');
    const perFile = Math.floor(STAMPS_PER_PDF_MAX / 65) * 65;

    expect(files.map((f) => f.count)).toEqual([perFile, perFile, 5000 - 2 * perFile]);
    expect(files.map((f) => f.offset)).toEqual([0, perFile, 2 * perFile]);
    expect(files.map((f) => f.sheets)).toEqual([
      { first: 1, total: 77 },
      { first: perFile / 65 + 1, total: 77 },
      { first: (2 * perFile) / 65 + 1, total: 77 },
    ]);
    expect(files.map((f) => f.part)).toEqual([1, 2, 3]);
  });

  it('keeps a small batch in one file', () => {
    expect(planStampPrintFiles(10, 'a4-21')).toEqual([
      { part: 1, offset: 0, count: 10, sheets: { first: 1, total: 1 } },
    ]);
  });
});
