/**
 * A fair's exhibitor list as a printable A4 PDF: a title, then a table whose header row repeats
 * on every page, cells wrapped to their column, and "page n of N" at the foot.
 */
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { documentWithFont, mm, printable, wrapText } from './pdf-text';

export interface ExhibitorListInput {
  title: string;
  subtitle: string;
  columns: string[];
  rows: string[][];
  page: (n: number, total: number) => string;
}

const PAGE = { width: mm(210), height: mm(297) };
const MARGIN = mm(12);
const SIZE = 8;
const LINE = SIZE * 1.3;
const PADDING = 3;
/** Relative column widths: booth, zone, exhibitor, tax code, province, phone, products. */
const WEIGHTS = [0.7, 1.2, 2.2, 1.3, 1.1, 1.2, 3.1];
const GRID = rgb(0.75, 0.75, 0.75);
const SHADE = rgb(0.93, 0.95, 0.93);

export async function buildExhibitorListPdf(input: ExhibitorListInput): Promise<Uint8Array> {
  const { doc, font } = await documentWithFont(input.title);
  const usable = PAGE.width - 2 * MARGIN;
  const weights = input.columns.map((_, i) => WEIGHTS[i] ?? 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => (weight / total) * usable);

  const wrapRow = (cells: string[]) => cells.map((cell, i) => wrapText(font, cell, SIZE, widths[i]! - 2 * PADDING));
  const header = wrapRow(input.columns);
  const pages: PDFPage[] = [];
  let page: PDFPage;
  let y = 0;

  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    // Set once: a font passed to each drawText call would add a font resource per call.
    page.setFont(font);
    pages.push(page);
    y = PAGE.height - MARGIN;
    if (pages.length === 1) {
      for (const line of wrapText(font, input.title, 14, usable)) {
        y -= 14;
        page.drawText(line, { x: MARGIN, y, size: 14 });
        y -= 4;
      }
      for (const line of wrapText(font, input.subtitle, 9, usable)) {
        y -= 9;
        page.drawText(line, { x: MARGIN, y, size: 9 });
        y -= 3;
      }
      y -= 6;
    }
    drawRow(header, true);
  };

  const drawRow = (cells: string[][], shaded: boolean) => {
    const height = Math.max(...cells.map((lines) => lines.length)) * LINE + 2 * PADDING;
    let x = MARGIN;
    cells.forEach((lines, i) => {
      page.drawRectangle({
        x,
        y: y - height,
        width: widths[i]!,
        height,
        borderColor: GRID,
        borderWidth: 0.5,
        ...(shaded ? { color: SHADE } : {}),
      });
      lines.forEach((line, n) =>
        page.drawText(line, { x: x + PADDING, y: y - PADDING - (n + 1) * LINE + 2, size: SIZE }),
      );
      x += widths[i]!;
    });
    y -= height;
  };

  newPage();
  for (const row of input.rows) {
    const cells = wrapRow(row);
    const height = Math.max(...cells.map((lines) => lines.length)) * LINE + 2 * PADDING;
    if (y - height < MARGIN + 14) newPage();
    drawRow(cells, false);
  }
  pages.forEach((p, i) => footer(p, font, printable(input.page(i + 1, pages.length))));
  return doc.save();
}

function footer(page: PDFPage, font: PDFFont, text: string) {
  const width = font.widthOfTextAtSize(text, SIZE);
  page.drawText(text, { x: PAGE.width - MARGIN - width, y: MARGIN - 4, size: SIZE });
}
