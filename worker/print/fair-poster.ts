/**
 * A fair's QR poster, A4 or A3 portrait: the kind of event, its name, dates, hours and venue in
 * the embedded Vietnamese font, and a large vector QR code of the fair's public page with the
 * address printed under it. Everything scales with the page width, so A3 is A4 enlarged.
 */
import { rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { darkRuns, encodeQr, QUIET_ZONE_MODULES } from './qr';
import { documentWithFont, mm, printable, wrapText } from './pdf-text';

export const POSTER_SIZES = { a4: { widthMm: 210, heightMm: 297 }, a3: { widthMm: 297, heightMm: 420 } } as const;
export type PosterSize = keyof typeof POSTER_SIZES;

export interface FairPosterInput {
  size: PosterSize;
  /** "Hội chợ thương mại", "Lễ hội"… */
  kind: string;
  name: string;
  dates: string;
  hours: string | null;
  venue: string;
  organiser: string | null;
  /** The fair's public page: the QR payload, printed under the code too. */
  url: string;
  /** The line inviting people to scan. */
  scan: string;
}

const BRAND = rgb(0x0b / 255, 0x6b / 255, 0x3a / 255);
const INK = rgb(0.1, 0.1, 0.1);
const WHITE = rgb(1, 1, 1);

export async function buildFairPosterPdf(input: FairPosterInput): Promise<Uint8Array> {
  const { widthMm, heightMm } = POSTER_SIZES[input.size];
  const { doc, font } = await documentWithFont(input.name);
  const page = doc.addPage([mm(widthMm), mm(heightMm)]);
  page.setFont(font);
  const width = page.getWidth();
  const height = page.getHeight();
  /** Sizes are fractions of the page width: the A3 poster is the A4 one at √2. */
  const unit = width / 100;
  const margin = 8 * unit;
  const textWidth = width - 2 * margin;

  const band = 11 * unit;
  page.drawRectangle({ x: 0, y: height - band, width, height: band, color: BRAND });
  centred(page, font, printable(input.kind).toUpperCase(), 4.2 * unit, height - band + 3.8 * unit, WHITE);

  let y = height - band - 6 * unit;
  const lines = (text: string, size: number, color = INK, gap = 1.25) => {
    for (const line of wrapText(font, text, size, textWidth)) {
      y -= size;
      centred(page, font, line, size, y, color);
      y -= size * (gap - 1);
    }
  };
  lines(input.name, 7 * unit, BRAND, 1.2);
  y -= 3 * unit;
  lines(input.dates, 4.6 * unit);
  if (input.hours) lines(input.hours, 3.6 * unit);
  y -= 1.5 * unit;
  lines(input.venue, 3.6 * unit);
  if (input.organiser) lines(input.organiser, 3 * unit);

  const matrix = encodeQr(input.url);
  const modules = matrix.size + 2 * QUIET_ZONE_MODULES;
  const captionSpace = 13 * unit;
  const qrSize = Math.min(56 * unit, y - 4 * unit - captionSpace - margin);
  const module = qrSize / modules;
  const left = (width - qrSize) / 2;
  const top = y - 4 * unit;
  for (const run of darkRuns(matrix)) {
    page.drawRectangle({
      x: left + (run.col + QUIET_ZONE_MODULES) * module,
      y: top - (run.row + QUIET_ZONE_MODULES + 1) * module,
      width: run.length * module,
      height: module,
      color: INK,
    });
  }
  y = top - qrSize - 1 * unit;
  lines(input.scan, 3.4 * unit, BRAND);
  lines(input.url, 2.6 * unit);
  return doc.save();
}

function centred(page: PDFPage, font: PDFFont, text: string, size: number, y: number, color: RGB) {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (page.getWidth() - width) / 2, y, size, color });
}
