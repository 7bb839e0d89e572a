import { PDFArray, PDFDocument, PDFRawStream, type PDFObject } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFairPosterPdf, type FairPosterInput } from '../../worker/print/fair-poster';
import { encodeQr } from '../../worker/print/qr';
import { loadPdfJs, readPdfPages } from './read-pdf';

const poster: FairPosterInput = {
  size: 'a4',
  kind: 'Lễ hội',
  name: 'Lễ hội Na La Hiên lần thứ VI, xã La Hiên, tỉnh Thái Nguyên',
  dates: '20/08/2027 – 23/08/2027',
  hours: '7:00 – 21:00 hằng ngày',
  venue: 'Sân vận động xã La Hiên, Thái Nguyên',
  organiser: 'Ủy ban nhân dân xã La Hiên',
  url: 'https://ocop.example/fairs/le-hoi-na-la-hien-2027',
  scan: 'Quét mã để xem sơ đồ gian hàng và đơn vị tham gia',
};

/** The page's content stream, inflated. */
async function content(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const contents: PDFObject | undefined = doc.getPage(0).node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const texts = await Promise.all(
    refs.map(async (ref) => {
      const raw = doc.context.lookup(ref);
      if (!(raw instanceof PDFRawStream)) throw new Error('not a raw stream');
      const stream = new Blob([raw.contents]).stream().pipeThrough(new DecompressionStream('deflate'));
      return new Response(stream).text();
    }),
  );
  return texts.join('\n');
}

/** Filled rectangles as pdf-lib draws them: a translation, then a closed path from the origin. */
function filledRectangles(stream: string) {
  const number = String.raw`(-?[\d.e-]+)`;
  const rectangle = new RegExp(
    `1 0 0 1 ${number} ${number} cm\\n1 0 0 1 0 0 cm\\n1 0 0 1 0 0 cm\\n0 0 m\\n0 ${number} l\\n${number} ${number} l`,
    'g',
  );
  return [...stream.matchAll(rectangle)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    height: Number(m[3]),
    width: Number(m[4]),
  }));
}

beforeAll(async () => {
  await loadPdfJs();
}, 60_000);

describe('buildFairPosterPdf', () => {
  it('prints an A4 and an A3 page, the A3 one the A4 one enlarged', async () => {
    const a4 = await PDFDocument.load(await buildFairPosterPdf(poster));
    const a3 = await PDFDocument.load(await buildFairPosterPdf({ ...poster, size: 'a3' }));
    expect(a4.getPageCount()).toBe(1);
    const size = (doc: PDFDocument) => doc.getPage(0).getSize();
    expect(Math.round(size(a4).width)).toBe(595);
    expect(Math.round(size(a4).height)).toBe(842);
    expect(Math.round(size(a3).width)).toBe(842);
    expect(Math.round(size(a3).height)).toBe(1191);
    expect(a4.getTitle()).toBe(poster.name);
  });

  it('sets the Vietnamese text in the embedded font, wrapped inside the margins', async () => {
    const bytes = await buildFairPosterPdf(poster);
    const [page] = await readPdfPages(bytes);
    const text = page!.map((item) => item.text).join(' ');
    expect(text).toContain('LỄ HỘI');
    expect(text).toContain('Lễ hội Na La Hiên');
    expect(text).toContain('Thái Nguyên');
    expect(text).toContain('20/08/2027 – 23/08/2027');
    expect(text).toContain('7:00 – 21:00 hằng ngày');
    expect(text).toContain('Quét mã để xem sơ đồ gian hàng và đơn vị tham gia');
    expect(text).toContain(poster.url);
    for (const item of page!) {
      expect(item.x).toBeGreaterThanOrEqual(0);
      expect(item.x + item.width).toBeLessThanOrEqual(595.3);
    }
  });

  it('draws a vector QR code of the fair page, module for module', async () => {
    const rectangles = filledRectangles(await content(await buildFairPosterPdf(poster)));
    // The coloured band at the top, then the code's runs of dark modules.
    const [band, ...runs] = rectangles;
    expect(band!.width).toBeCloseTo(595.28, 1);
    const module = runs[0]!.height;
    const left = Math.min(...runs.map((run) => run.x));
    const top = Math.max(...runs.map((run) => run.y + run.height));
    const matrix = encodeQr(poster.url);
    const dark = new Uint8Array(matrix.size * matrix.size);
    for (const run of runs) {
      expect(run.height).toBeCloseTo(module, 6);
      const row = Math.round((top - run.y - module) / module);
      const column = Math.round((run.x - left) / module);
      for (let i = 0; i < Math.round(run.width / module); i++) dark[row * matrix.size + column + i] = 1;
    }
    expect([...dark]).toEqual([...matrix.dark]);
    // About a third of the page wide or more: scannable across a fair's aisle.
    expect(module * matrix.size).toBeGreaterThan(595 / 3);
  });
});
