/**
 * Text in the print files that are not stamp sheets (fair posters, exhibitor lists): the embedded
 * Be Vietnam Pro subset, Vietnamese typed with combining accents made precomposed (the subset
 * holds the precomposed letters), and greedy line wrapping by measured width.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import fontData from './fonts/be-vietnam-pro-medium.ttf.bin';

export const PT_PER_MM = 72 / 25.4;
export const mm = (value: number) => value * PT_PER_MM;

/** What the font subset holds (worker/print/fonts/README.md), NFC Vietnamese included. */
const OUTSIDE_FONT =
  /[^\u0020-\u007E\u00A0-\u00FF\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9\u2013\u2014\u2018-\u201A\u201C-\u201E\u2022\u2026\u20AB]/g;

/** NFC (the subset holds precomposed Vietnamese letters), other dashes as hyphens, anything else the font lacks as "?". */
export const printable = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\u2010-\u2012\u2212]/g, '-')
    .replace(OUTSIDE_FONT, '?');

export async function documentWithFont(title: string): Promise<{ doc: PDFDocument; font: PDFFont }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(printable(title));
  const font = await doc.embedFont(fontData, { subset: true });
  return { doc, font };
}

/**
 * Lines of `text` no wider than `width` points at `size`; a word wider than a line is cut by
 * characters. Each word is measured once and lines are summed from word widths (the subset has
 * no kerning), which keeps a 300-row table to a few hundred milliseconds.
 */
export function wrapText(font: PDFFont, text: string, size: number, width: number): string[] {
  const measure = (value: string) => font.widthOfTextAtSize(value, size);
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of text.split('\n').map(printable)) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordWidth = measure(word);
      if (line !== '' && lineWidth + space + wordWidth <= width) {
        line = `${line} ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      let restWidth = wordWidth;
      while (restWidth > width) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
        restWidth = measure(rest);
      }
      line = rest;
      lineWidth = restWidth;
    }
    lines.push(line);
  }
  return lines;
}
