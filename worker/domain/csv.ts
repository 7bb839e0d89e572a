/**
 * CSV for the certification ingest: councils' result tables uploaded by admins,
 * and tables handed back to them. Files come from Excel and LibreOffice in
 * Vietnamese locales, which save with a semicolon as often as with a comma, so
 * the delimiter is detected per file rather than configured.
 */

export type CsvDelimiter = ',' | ';';
export type CsvErrorCode = 'empty' | 'encoding' | 'unterminated_quote' | 'stray_quote';
export interface CsvError {
  code: CsvErrorCode;
  /** 1-based physical line where the problem is, 0 for empty/encoding. */
  line: number;
}
export interface CsvRow {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}
export type CsvParseResult =
  { ok: true; delimiter: CsvDelimiter; header: string[]; rows: CsvRow[] } | { ok: false; error: CsvError };

const QUOTE = 0x22;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/** Strict UTF-8 decoding (invalid bytes → error 'encoding'), BOM removed. */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: CsvError } {
  try {
    // fatal: a file saved as UTF-16 or Windows-1258 must be refused, not read as U+FFFD soup.
    // ignoreBOM: false is what strips the BOM (true would keep it in the text).
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, error: { code: 'encoding', line: 0 } };
  }
}

/**
 * The delimiter that occurs more often outside quotes on the header line (the
 * first line that is not blank); comma on a tie. Counting rather than taking
 * the first one keeps a semicolon file right when a header cell such as
 * "Tên, loại" holds an unquoted comma, as Excel writes it.
 */
function detectDelimiter(text: string, from: number): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  let significant = false;
  let lineStart = from;
  for (let pos = from; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      // A doubled quote inside a quoted field toggles twice, so it needs no special case.
      quoted = !quoted;
      significant = true;
    } else if (quoted) {
      continue;
    } else if (c === COMMA) {
      commas++;
      significant = true;
    } else if (c === SEMICOLON) {
      semicolons++;
      significant = true;
    } else if (c === LF || c === CR) {
      if (significant || text.slice(lineStart, pos).trim() !== '') break;
      lineStart = pos + 1;
    }
  }
  return semicolons > commas ? ';' : ',';
}

/** RFC 4180 parsing with the delimiter detected from the header line (comma or semicolon, whichever occurs outside quotes; comma when neither). */
export function parseCsv(text: string): CsvParseResult {
  const length = text.length;
  let pos = text.charCodeAt(0) === BOM ? 1 : 0;
  const delimiter = detectDelimiter(text, pos);
  const separator = delimiter.charCodeAt(0);
  let header: string[] | undefined;
  const rows: CsvRow[] = [];
  let line = 1;

  while (pos < length) {
    const recordLine = line;
    const fields: string[] = [];
    let anyQuoted = false;

    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        const fieldLine = line;
        const start = pos + 1;
        // indexOf runs natively, so long quoted remarks cost no per-character JavaScript.
        let closing = text.indexOf('"', start);
        let hasDoubledQuote = false;
        while (closing !== -1 && text.charCodeAt(closing + 1) === QUOTE) {
          hasDoubledQuote = true;
          closing = text.indexOf('"', closing + 2);
        }
        if (closing === -1) return failure('unterminated_quote', fieldLine);
        const content = text.slice(start, closing);
        line += countLineBreaks(content);
        fields.push(hasDoubledQuote ? content.replaceAll('""', '"') : content);
        anyQuoted = true;
        pos = closing + 1;
        if (pos < length && !isFieldEnd(text.charCodeAt(pos), separator)) return failure('stray_quote', line);
      } else {
        const start = pos;
        for (; pos < length; pos++) {
          const c = text.charCodeAt(pos);
          if (isFieldEnd(c, separator)) break;
          if (c === QUOTE) return failure('stray_quote', line);
        }
        fields.push(text.slice(start, pos).trim());
      }

      // pos is at a delimiter, a line end or the end of the text (where charCodeAt gives NaN).
      const c = text.charCodeAt(pos);
      if (c === separator) {
        pos++;
        continue;
      }
      if (c === CR || c === LF) {
        pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
        line++;
      }
      break;
    }

    const blank = !anyQuoted && fields.length === 1 && fields[0] === '';
    if (blank) continue;
    if (header === undefined) header = fields.map((cell) => cell.trim());
    else rows.push({ line: recordLine, fields });
  }

  if (header === undefined) return failure('empty', 0);
  return { ok: true, delimiter, header, rows };
}

function countLineBreaks(content: string): number {
  let count = 0;
  for (let at = content.indexOf('\n'); at !== -1; at = content.indexOf('\n', at + 1)) count++;
  for (let at = content.indexOf('\r'); at !== -1; at = content.indexOf('\r', at + 1)) {
    if (content.charCodeAt(at + 1) !== LF) count++;
  }
  return count;
}

function isFieldEnd(c: number, separator: number): boolean {
  return c === separator || c === LF || c === CR;
}

function failure(code: CsvErrorCode, line: number): CsvParseResult {
  return { ok: false, error: { code, line } };
}

const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;
// OWASP's list of characters that make Excel, LibreOffice and Sheets read a cell as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // Numbers are our own values, never user text, and "'-5" would stop Excel reading -5 as a number.
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  // Semicolons are quoted too so parseCsv, which detects the delimiter, reads the file back as written.
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text for a table: CRLF line ends, fields quoted when they contain the delimiter, a quote, CR or LF, or leading/trailing spaces; cells starting with = + - @ (or tab/CR) are prefixed with an apostrophe so spreadsheet apps never run them as formulas. Starts with a UTF-8 BOM so Excel opens Vietnamese text correctly. */
export function writeCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = rows.map((row) => {
    const line = row.map(csvCell).join(',');
    // A lone empty cell would be a blank line, which readers skip.
    return row.length === 1 && line === '' ? '""' : line;
  });
  return '\uFEFF' + lines.map((line) => line + '\r\n').join('');
}
