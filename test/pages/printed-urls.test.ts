/**
 * Every URL the platform prints on a stamp is a GS1 Digital Link by GS1's own toolkit
 * (digital-link.js 1.4.3), whatever the file it is printed from: the CSV for print shops, a stamp's
 * SVG and PNG, and the PDF sheets. The QR codes are decoded by a real QR reader (jsQR) from what each
 * file draws, so this checks what a phone will read, not what the code meant to print.
 */
import { eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import { DigitalLink } from 'digital-link.js';
import { PDFArray, PDFDocument, PDFRawStream, type PDFObject } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { products } from '../../db/schema';
import { QUIET_ZONE_MODULES } from '../../worker/print/qr';
import type { BrowserSession } from '../support/browser-session';
import { testDb } from '../support/factories';
import { postForm } from '../support/portal';
import { memberWithLot } from '../support/portal-stamps';
import { uniqueGtin } from '../support/stamps';

/** A dark module set as an RGBA image with its quiet zone, `scale` pixels to a module, for the QR reader. */
function decodeModules(dark: Set<string>, size: number, scale = 4): string | null {
  const side = (size + 2 * QUIET_ZONE_MODULES) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const key of dark) {
    const [row, col] = key.split(',').map(Number) as [number, number];
    for (let y = 0; y < scale; y++) {
      for (let x = 0; x < scale; x++) {
        const at = (((row + QUIET_ZONE_MODULES) * scale + y) * side + (col + QUIET_ZONE_MODULES) * scale + x) * 4;
        pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
      }
    }
  }
  return jsQR(pixels, side, side)?.data ?? null;
}

/** Dark modules from runs of `length` modules starting at `row`, `col` (module units, quiet zone excluded). */
function modulesOfRuns(runs: { row: number; col: number; length: number }[]) {
  const dark = new Set<string>();
  let size = 0;
  for (const { row, col, length } of runs) {
    for (let i = 0; i < length; i++) dark.add(`${row},${col + i}`);
    size = Math.max(size, col + length, row + 1);
  }
  return { dark, size };
}

const svgUrl = (svg: string) => {
  const path = /<path[^>]*d="([^"]+)"/.exec(svg)![1]!;
  const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => ({
    row: Number(m[2]) - QUIET_ZONE_MODULES,
    col: Number(m[1]) - QUIET_ZONE_MODULES,
    length: Number(m[3]),
  }));
  const { dark, size } = modulesOfRuns(runs);
  return decodeModules(dark, size);
};

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The 1-bit greyscale PNG the platform writes, read back as RGBA for the QR reader. */
async function pngUrl(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0;
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') width = new DataView(data.buffer, data.byteOffset).getUint32(0);
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = await inflate(new Uint8Array(idat.flatMap((chunk) => [...chunk])));
  const rowBytes = Math.ceil(width / 8) + 1;
  const pixels = new Uint8ClampedArray(width * width * 4);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const white = (raw[y * rowBytes + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1;
      pixels.fill(white ? 255 : 0, (y * width + x) * 4, (y * width + x) * 4 + 3);
      pixels[(y * width + x) * 4 + 3] = 255;
    }
  }
  return jsQR(pixels, width, width)?.data ?? null;
}

/** Every QR code of every page of a stamp sheet PDF, decoded from the rectangles it draws. */
async function pdfUrls(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const urls: string[] = [];
  for (const page of doc.getPages()) {
    const contents: PDFObject | undefined = page.node.Contents();
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    for (const ref of refs) {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const text = new TextDecoder().decode(await inflate(stream.contents));
      for (const block of text.matchAll(/ cm\n((?:\d+ \d+ \d+ 1 re\n)+)f Q/g)) {
        const runs = [...block[1]!.matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map((m) => ({
          col: Number(m[1]),
          row: Number(m[2]),
          length: Number(m[3]),
        }));
        const { dark, size } = modulesOfRuns(runs);
        urls.push(decodeModules(dark, size) ?? 'unreadable');
      }
    }
  }
  return urls;
}

/** GS1's verdict on a URL: it throws on some malformed ones ("must contain http(s) protocol"). */
function isDigitalLink(url: string): boolean {
  try {
    return DigitalLink(url).isValid();
  } catch {
    return false;
  }
}

async function issue(browser: BrowserSession, lotId: number) {
  const response = await postForm(browser, `/portal/lots/${lotId}/stamp-batches`, {
    quantity: '3',
    withPin: '1',
    sheetPreset: 'a4-40',
  });
  expect(response.status).toBe(303);
  return Number(/\/portal\/stamp-batches\/(\d+)/.exec(response.headers.get('location')!)![1]);
}

async function download(browser: BrowserSession, path: string): Promise<Uint8Array> {
  const response = await browser.request(path);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

/** Every URL a batch prints: the CSV's, and the decoded QR codes of the PDF, an SVG and a PNG. */
async function printedUrls(browser: BrowserSession, batchId: number) {
  const page = await (await browser.request(`/portal/stamp-batches/${batchId}`)).text();
  const link = (file: string) =>
    [...page.matchAll(/href="([^"]+\/files\/[^"]+)"/g)]
      .map((m) => m[1]!.replaceAll('&amp;', '&'))
      .find((href) => href.includes(`/files/${file}?`))!;
  const csv = new TextDecoder().decode(await download(browser, link('stamps.csv')));
  const csvUrls = csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',')[1]!);
  const serial = csv.split('\r\n')[1]!.split(',')[0]!;
  const image = async (format: 'svg' | 'png') => {
    const redirect = await browser.request(`/portal/stamp-batches/${batchId}/stamp?serial=${serial}&format=${format}`);
    return download(browser, redirect.headers.get('location')!);
  };
  return {
    csv: csvUrls,
    pdf: await pdfUrls(await download(browser, link('part-1.pdf'))),
    svg: svgUrl(new TextDecoder().decode(await image('svg'))),
    png: await pngUrl(await image('png')),
  };
}

describe('printed stamp URLs', () => {
  beforeAll(() => {
    // GS1's toolkit refuses the upper-case scheme the platform used to print; the lower-case one is why.
    expect(isDigitalLink('HTTPS://TEM.OCOP.VN/01/08936045120019/10/L1/21/ABCDEFGHJKMN')).toBe(false);
    expect(isDigitalLink('https://TEM.OCOP.VN/01/08936045120019/10/L1/21/ABCDEFGHJKMN')).toBe(true);
  });

  it.each(['gtin', 'trace'] as const)(
    'are GS1 Digital Links in every print file, for a product by %s',
    async (kind) => {
      const { browser, lotId, product } = await memberWithLot();
      if (kind === 'gtin') {
        await testDb().update(products).set({ gtin: uniqueGtin() }).where(eq(products.id, product.id));
      }
      const urls = await printedUrls(browser, await issue(browser, lotId));

      expect(urls.csv).toHaveLength(3);
      expect(urls.pdf).toEqual(urls.csv);
      expect(urls.csv).toContain(urls.svg);
      expect(urls.csv).toContain(urls.png);
      for (const url of urls.csv) {
        expect(url.startsWith('https://')).toBe(true);
        expect(isDigitalLink(url), url).toBe(kind === 'gtin');
      }
      // A trace code has no GS1 key: its path is the platform's own, which GS1's grammar rightly refuses.
      if (kind === 'trace')
        expect(urls.csv.every((url) => /^https:\/\/[A-Z.]+\/T\/[0-9A-Z]+\/[0-9A-Z]{12}$/.test(url))).toBe(true);
    },
  );
});
