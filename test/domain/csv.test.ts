import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv, writeCsv, type CsvParseResult } from '../../worker/domain/csv';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

// Any Unicode scalar value. fast-check's own 'binary' unit spends seconds building its tables on first use.
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff - 0x800 })
  .map((n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800));

const hasUtf8Bom = (bytes: Uint8Array): boolean => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

function parsed(text: string): Extract<CsvParseResult, { ok: true }> {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got ${JSON.stringify(result.error)}`);
  return result;
}

describe('decodeCsvBytes', () => {
  it('decodes Vietnamese UTF-8 text', () => {
    expect(decodeCsvBytes(encode('Tên sản phẩm;Số sao\nMật ong bạc hà Đồng Văn;4'))).toEqual({
      ok: true,
      text: 'Tên sản phẩm;Số sao\nMật ong bạc hà Đồng Văn;4',
    });
  });

  it('removes the byte order mark Excel writes', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62]))).toEqual({ ok: true, text: 'a,b' });
  });

  it.each([
    ['a byte that never starts a character', [0x61, 0xff, 0x62]],
    ['a multi-byte character cut short', [0x54, 0xc3]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['Windows-1258 text ("Hà" as 0x48 0xE0)', [0x48, 0xe0, 0x2c, 0x31]],
    ['a UTF-16LE file with its byte order mark', [0xff, 0xfe, 0x61, 0x00]],
  ])('refuses %s with an encoding error', (_, bytes) => {
    expect(decodeCsvBytes(new Uint8Array(bytes))).toEqual({ ok: false, error: { code: 'encoding', line: 0 } });
  });

  it('never throws, and gives back exactly the text of any valid UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const result = decodeCsvBytes(bytes);
        if (!result.ok) expect(result.error).toEqual({ code: 'encoding', line: 0 });
        else expect(encode(result.text)).toEqual(bytes.subarray(hasUtf8Bom(bytes) ? 3 : 0));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint }), (text) => {
        expect(decodeCsvBytes(encode(text))).toEqual({ ok: true, text: text.replace(/^\uFEFF/, '') });
      }),
    );
  });
});

describe('parseCsv', () => {
  it('reads a comma-separated file', () => {
    expect(parseCsv('code,name,stars\nP01,Trà Thái Nguyên,4\nP02,Bưởi da xanh,5\n')).toEqual({
      ok: true,
      delimiter: ',',
      header: ['code', 'name', 'stars'],
      rows: [
        { line: 2, fields: ['P01', 'Trà Thái Nguyên', '4'] },
        { line: 3, fields: ['P02', 'Bưởi da xanh', '5'] },
      ],
    });
  });

  it('reads a semicolon-separated file, as Excel saves it in a Vietnamese locale', () => {
    expect(parseCsv('Mã;Tên sản phẩm;Điểm\r\nP01;Nước mắm Phú Quốc;85,5\r\n')).toEqual({
      ok: true,
      delimiter: ';',
      header: ['Mã', 'Tên sản phẩm', 'Điểm'],
      rows: [{ line: 2, fields: ['P01', 'Nước mắm Phú Quốc', '85,5'] }],
    });
  });

  it('ignores delimiters inside quoted header cells when detecting', () => {
    const result = parsed('"Tên, loại";"Số; sao"\n"Trà, xanh";4');
    expect(result.delimiter).toBe(';');
    expect(result.header).toEqual(['Tên, loại', 'Số; sao']);
  });

  it('takes the delimiter that occurs more often when the header has both', () => {
    expect(parsed('Mã;Tên, loại;Sao\nP01;Trà;4').delimiter).toBe(';');
    expect(parsed('code,name;alias,stars\nP01,Trà,4').delimiter).toBe(',');
  });

  it('falls back to a comma when the header has no delimiter', () => {
    expect(parsed('code\nP01,x')).toMatchObject({ delimiter: ',', header: ['code'], rows: [{ fields: ['P01', 'x'] }] });
  });

  it('detects the delimiter on the header, not on a blank line before it', () => {
    expect(parsed('\n  \na;b\n1;2')).toMatchObject({ delimiter: ';', header: ['a', 'b'], rows: [{ line: 4 }] });
  });

  it('drops a leading byte order mark', () => {
    expect(parsed('\uFEFFcode,name\nP01,Trà').header).toEqual(['code', 'name']);
  });

  it('accepts LF, CRLF and lone CR line ends and counts each as one line', () => {
    expect(parsed('h\r\na\nb\rc\r\nd').rows).toEqual([
      { line: 2, fields: ['a'] },
      { line: 3, fields: ['b'] },
      { line: 4, fields: ['c'] },
      { line: 5, fields: ['d'] },
    ]);
  });

  it('keeps delimiters inside quoted fields', () => {
    expect(parsed('a,b\n"Hà Nội, Việt Nam",x').rows[0]!.fields).toEqual(['Hà Nội, Việt Nam', 'x']);
  });

  it('reads doubled quotes as one quote', () => {
    expect(parsed('a,b\n"Rượu ""Nếp cái"" hoa vàng","""",""').rows[0]!.fields).toEqual([
      'Rượu "Nếp cái" hoa vàng',
      '"',
      '',
    ]);
  });

  it('keeps line breaks inside quoted fields and numbers later rows by physical line', () => {
    expect(parsed('a,b\n"dòng 1\r\ndòng 2\ndòng 3\rdòng 4",x\ny,z').rows).toEqual([
      { line: 2, fields: ['dòng 1\r\ndòng 2\ndòng 3\rdòng 4', 'x'] },
      { line: 6, fields: ['y', 'z'] },
    ]);
  });

  it('skips blank and whitespace-only lines between and after records', () => {
    expect(parsed('a,b\n\n1,2\r\n\r\n   \n3,4\n\n\n').rows).toEqual([
      { line: 3, fields: ['1', '2'] },
      { line: 6, fields: ['3', '4'] },
    ]);
  });

  it('keeps a line with only a quoted empty field or only delimiters, which are records', () => {
    expect(parsed('a,b\n""\n,\n').rows).toEqual([
      { line: 2, fields: [''] },
      { line: 3, fields: ['', ''] },
    ]);
  });

  it('trims header cells, quoted or not', () => {
    expect(parsed('  code ," name ",\tstars\t\n1,2,3').header).toEqual(['code', 'name', 'stars']);
  });

  it('trims unquoted data fields but keeps spaces inside quotes', () => {
    expect(parsed('a,b,c\n  Trà xanh  ," 4 ",\u00a0x\u00a0').rows[0]!.fields).toEqual(['Trà xanh', ' 4 ', 'x']);
  });

  it('reports rows with fewer or more fields than the header as they are', () => {
    expect(parsed('a,b,c\n1\n1,2,3,4\n1,2,').rows.map((row) => row.fields)).toEqual([
      ['1'],
      ['1', '2', '3', '4'],
      ['1', '2', ''],
    ]);
  });

  it('gives a header and no rows for a header-only file', () => {
    expect(parseCsv('a,b\r\n')).toEqual({ ok: true, delimiter: ',', header: ['a', 'b'], rows: [] });
  });

  it.each([
    ['an empty text', ''],
    ['only a byte order mark', '\uFEFF'],
    ['only whitespace and line ends', ' \t\r\n\n  \r'],
    ['a byte order mark and blank lines', '\uFEFF\n\n'],
  ])('answers empty for %s', (_, text) => {
    expect(parseCsv(text)).toEqual({ ok: false, error: { code: 'empty', line: 0 } });
  });

  it.each([
    ['on the header', '"code,name\n', 1],
    ['at the end of the last field', 'a,b\n1,"x', 2],
    ['where the field starts, not where the text ends', 'a,b\n1,2\n3,"x\ny\nz', 3],
    ['after a doubled quote', 'a\n"x""', 2],
  ])('answers unterminated_quote for a quote never closed %s', (_, text, line) => {
    expect(parseCsv(text)).toEqual({ ok: false, error: { code: 'unterminated_quote', line } });
  });

  it.each([
    ['a quote inside an unquoted field', 'a,b\n1,2\n3,4"5', 3],
    ['a space before an opening quote', 'a,b\n1, "2"', 2],
    ['text after a closing quote', 'a,b\n1,"2"x', 2],
    ['a space after a closing quote', 'a;b\n"1" ;2', 2],
    ['text after a closing quote that follows a line break', 'a,b\n"1\n2"3,4', 3],
    ['a quote in a header cell', 'co"de,name', 1],
  ])('answers stray_quote for %s, on its line', (_, text, line) => {
    expect(parseCsv(text)).toEqual({ ok: false, error: { code: 'stray_quote', line } });
  });

  it('reads a council result sheet in Vietnamese', () => {
    const text = writeCsv([
      ['Mã sản phẩm', 'Tên sản phẩm', 'Chủ thể', 'Số sao', 'Ghi chú'],
      ['OCOP-2024-017', 'Chè Shan tuyết cổ thụ "Suối Giàng"', 'HTX Chè Suối Giàng', 4, 'Đạt; nâng hạng'],
      ['OCOP-2024-018', 'Mắm tôm chua Huế', 'Cơ sở Ông Bà, Phường Đông Ba', 3, null],
    ]);
    const decoded = decodeCsvBytes(encode(text));
    expect(decoded.ok).toBe(true);
    expect(decoded.ok && parseCsv(decoded.text)).toEqual({
      ok: true,
      delimiter: ',',
      header: ['Mã sản phẩm', 'Tên sản phẩm', 'Chủ thể', 'Số sao', 'Ghi chú'],
      rows: [
        {
          line: 2,
          fields: ['OCOP-2024-017', 'Chè Shan tuyết cổ thụ "Suối Giàng"', 'HTX Chè Suối Giàng', '4', 'Đạt; nâng hạng'],
        },
        { line: 3, fields: ['OCOP-2024-018', 'Mắm tôm chua Huế', 'Cơ sở Ông Bà, Phường Đông Ba', '3', ''] },
      ],
    });
  });

  it('never throws and answers ok or one of the four error codes with a line inside the text', () => {
    const csvish = fc.string({
      unit: fc.oneof(fc.constantFrom('"', ',', ';', '\r', '\n', ' ', '\uFEFF', 'a', 'ệ'), anyCodePoint),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.oneof(csvish, fc.string({ unit: anyCodePoint })), (text) => {
        const result = parseCsv(text);
        const physicalLines = text.split(/\r\n|\r|\n/).length;
        if (result.ok) {
          expect([',', ';']).toContain(result.delimiter);
          expect(result.header.length).toBeGreaterThan(0);
          const lines = result.rows.map((row) => row.line);
          expect(lines).toEqual([...lines].sort((x, y) => x - y));
          for (const line of lines) expect(line).toBeGreaterThan(1);
          for (const line of lines) expect(line).toBeLessThanOrEqual(physicalLines);
        } else if (result.error.code === 'empty') {
          expect(result.error.line).toBe(0);
          expect(text.trim()).toBe('');
        } else {
          expect(['unterminated_quote', 'stray_quote']).toContain(result.error.code);
          expect(result.error.line).toBeGreaterThanOrEqual(1);
          expect(result.error.line).toBeLessThanOrEqual(physicalLines);
        }
      }),
      { numRuns: 1000 },
    );
  });

  // Its speed is measured by `npm run bench` (ingest), never timed here.
  it('parses a 10,000-row, 3 MB file whose remarks span several lines', () => {
    const remark = 'Sản phẩm đạt tiêu chuẩn OCOP cấp tỉnh, "bao bì" đẹp;\r\nđề nghị nâng hạng. '.repeat(3);
    const table: string[][] = [['Mã', 'Tên sản phẩm', 'Chủ thể', 'Tỉnh', 'Số sao', 'Nhận xét']];
    for (let i = 0; i < 10_000; i++) {
      table.push([`OCOP-${i}`, `Mật ong bạc hà Đồng Văn ${i}`, 'HTX Nông nghiệp Hà Giang', 'Hà Giang', '4', remark]);
    }
    const text = writeCsv(table);
    expect(encode(text).byteLength).toBeGreaterThan(3_000_000);

    const result = parsed(text);
    expect(result.rows).toHaveLength(10_000);
    // Every remark spans four physical lines.
    expect(result.rows[9_999]).toEqual({ line: 2 + 4 * 9_999, fields: table[10_000] });
  });
});

describe('writeCsv', () => {
  it('starts with a byte order mark and ends every row with CRLF', () => {
    expect(
      writeCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('\uFEFFa,b\r\n1,2\r\n');
  });

  it('writes only the byte order mark for no rows', () => {
    expect(writeCsv([])).toBe('\uFEFF');
  });

  it('writes numbers as digits and null or undefined as an empty field', () => {
    expect(writeCsv([[4, -2.5, null, undefined, 0]])).toBe('\uFEFF4,-2.5,,,0\r\n');
  });

  it.each([
    ['a comma', 'Hà Nội, Việt Nam', '"Hà Nội, Việt Nam"'],
    ['a semicolon, so the reader cannot take it for the delimiter', 'Đạt; nâng hạng', '"Đạt; nâng hạng"'],
    ['a quote', 'Chè "Suối Giàng"', '"Chè ""Suối Giàng"""'],
    ['a line feed', 'dòng 1\ndòng 2', '"dòng 1\ndòng 2"'],
    ['a carriage return', 'dòng 1\rdòng 2', '"dòng 1\rdòng 2"'],
    ['a leading space', ' Trà', '" Trà"'],
    ['a trailing space', 'Trà ', '"Trà "'],
    ['a trailing tab', 'Trà\t', '"Trà\t"'],
    ['a trailing no-break space', 'Trà\u00a0', '"Trà\u00a0"'],
  ])('quotes a field with %s', (_, cell, written) => {
    expect(writeCsv([[cell, 'x']])).toBe(`\uFEFF${written},x\r\n`);
  });

  it('leaves plain fields and inner spaces unquoted', () => {
    expect(writeCsv([['Bưởi da xanh', "it's"]])).toBe("\uFEFFBưởi da xanh,it's\r\n");
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+84 912 345 678', "'+84 912 345 678"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('puts an apostrophe before %j so spreadsheets show it as text', (cell, written) => {
    expect(writeCsv([[cell]])).toBe(`\uFEFF${written}\r\n`);
  });

  it('writes a row of one empty field as "" so readers do not skip it as a blank line', () => {
    expect(writeCsv([['h'], [''], [null]])).toBe('\uFEFFh\r\n""\r\n""\r\n');
  });

  it('reads back through decodeCsvBytes and parseCsv as the same table', () => {
    const unit = fc.oneof(
      fc.constantFrom('"', '""', ',', ';', '\r', '\n', '\r\n', ' ', '\t', '\u00a0', '\uFEFF', '=', '+', '-', '@', "'"),
      fc.constantFrom('a', 'Đ', 'ệ', 'ữ', '🍵'),
      anyCodePoint,
    );
    const cell = fc.oneof(
      { weight: 8, arbitrary: fc.string({ unit, maxLength: 8 }) },
      { weight: 1, arbitrary: fc.integer() },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 5 });
    // The documented changes: an apostrophe before formula starts, and header cells trimmed.
    const expected = (value: string | number | null | undefined): string => {
      if (value === null || value === undefined) return '';
      if (typeof value === 'number') return String(value);
      return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    };

    fc.assert(
      fc.property(row, fc.array(row, { maxLength: 6 }), (header, rows) => {
        const decoded = decodeCsvBytes(encode(writeCsv([header, ...rows])));
        if (!decoded.ok) throw new Error('writeCsv output must be valid UTF-8');
        const result = parsed(decoded.text);
        expect(result.delimiter).toBe(',');
        expect(result.header).toEqual(header.map((value) => expected(value).trim()));
        expect(result.rows.map((parsedRow) => parsedRow.fields)).toEqual(rows.map((r) => r.map(expected)));
      }),
      { numRuns: 500 },
    );
  });
});
