import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  buildStampPath,
  buildStampUrl,
  LOT_MAX_LENGTH,
  parseStampPath,
  STAMP_HOST_MAX_LENGTH,
  TRACE_CODE_MAX_LENGTH,
  TRACE_CODE_MIN_LENGTH,
  type StampIdentity,
  type StampPathError,
} from '../../worker/domain/digital-link';
import { gtinCheckDigit } from '../../worker/domain/gtin';
import { CROCKFORD_ALPHABET, SERIAL_LENGTH } from '../../worker/domain/stamp-codes';
import { generateSerial } from '../../worker/crypto/stamp-codes';

const DIGITS = '0123456789';
const UPPER_ALPHANUMERIC = DIGITS + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const gtinArbitrary = fc
  .constantFrom(8, 12, 13, 14)
  .chain((length) => fc.string({ unit: fc.constantFrom(...DIGITS), minLength: length - 1, maxLength: length - 1 }))
  .map((body) => body + gtinCheckDigit(body));
const codeArbitrary = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const lotArbitrary = codeArbitrary(UPPER_ALPHANUMERIC, 1, LOT_MAX_LENGTH);
const serialArbitrary = codeArbitrary(CROCKFORD_ALPHABET, SERIAL_LENGTH, SERIAL_LENGTH);
const traceCodeArbitrary = codeArbitrary(UPPER_ALPHANUMERIC, TRACE_CODE_MIN_LENGTH, TRACE_CODE_MAX_LENGTH);
const hostArbitrary = fc
  .tuple(
    fc.array(fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,3}[a-zA-Z0-9])?$/), { maxLength: 2 }),
    fc.stringMatching(/^[a-zA-Z](?:[a-zA-Z0-9-]{0,3}[a-zA-Z0-9])?$/),
  )
  .map(([labels, topLabel]) => [...labels, topLabel].join('.'))
  .filter((host) => host.length <= STAMP_HOST_MAX_LENGTH);

const stampArbitrary: fc.Arbitrary<StampIdentity> = fc.oneof(
  fc.record({ kind: fc.constant('gtin' as const), gtin: gtinArbitrary, lot: lotArbitrary, serial: serialArbitrary }),
  fc.record({ kind: fc.constant('trace' as const), traceCode: traceCodeArbitrary, serial: serialArbitrary }),
);

/** What parsing the stamp's path must give back: the identity, with its GTIN as 14 digits. */
const asParsed = (stamp: StampIdentity): StampIdentity =>
  stamp.kind === 'gtin' ? { ...stamp, gtin: stamp.gtin.padStart(14, '0') } : stamp;

const SERIAL = 'ABCDEFGHJKMN';
const ERRORS: StampPathError[] = [
  'malformed',
  'invalid_gtin',
  'check_digit',
  'invalid_lot',
  'invalid_trace_code',
  'invalid_serial',
];

describe('buildStampUrl', () => {
  it('prints a GS1 Digital Link in upper case, with the GTIN padded to 14 digits', () => {
    expect(buildStampUrl('ocop.vn', { kind: 'gtin', gtin: '96385074', lot: 'L2024A', serial: SERIAL })).toBe(
      'https://OCOP.VN/01/00000096385074/10/L2024A/21/ABCDEFGHJKMN',
    );
    expect(buildStampUrl('ocop.vn', { kind: 'gtin', gtin: '4006381333931', lot: '7', serial: SERIAL })).toBe(
      'https://OCOP.VN/01/04006381333931/10/7/21/ABCDEFGHJKMN',
    );
  });

  it('prints the trace form for a product without a GTIN', () => {
    expect(buildStampUrl('tem.ocop.vn', { kind: 'trace', traceCode: 'DN0042', serial: SERIAL })).toBe(
      'https://TEM.OCOP.VN/T/DN0042/ABCDEFGHJKMN',
    );
  });

  it.each<[string, string, StampIdentity]>([
    ['a wrong check digit', 'ocop.vn', { kind: 'gtin', gtin: '4006381333932', lot: 'L1', serial: SERIAL }],
    ['a GTIN of 11 digits', 'ocop.vn', { kind: 'gtin', gtin: '40063813339', lot: 'L1', serial: SERIAL }],
    ['a lower-case lot', 'ocop.vn', { kind: 'gtin', gtin: '4006381333931', lot: 'l1', serial: SERIAL }],
    ['a lot of 11 characters', 'ocop.vn', { kind: 'gtin', gtin: '4006381333931', lot: 'L1234567890', serial: SERIAL }],
    ['an empty lot', 'ocop.vn', { kind: 'gtin', gtin: '4006381333931', lot: '', serial: SERIAL }],
    ['a serial with U', 'ocop.vn', { kind: 'gtin', gtin: '4006381333931', lot: 'L1', serial: 'ABCDEFGHJKMU' }],
    ['a short serial', 'ocop.vn', { kind: 'trace', traceCode: 'DN0042', serial: 'ABC' }],
    ['a trace code of 3 characters', 'ocop.vn', { kind: 'trace', traceCode: 'DN4', serial: SERIAL }],
    ['a host of 13 characters', 'tem-ocop.gov1', { kind: 'trace', traceCode: 'DN0042', serial: SERIAL }],
    ['a host with a scheme', 'https://a.vn', { kind: 'trace', traceCode: 'DN0042', serial: SERIAL }],
    ['a host with an underscore', 'tem_ocop.vn', { kind: 'trace', traceCode: 'DN0042', serial: SERIAL }],
    ['a host ending in a number', 'ocop.vn.2024', { kind: 'trace', traceCode: 'DN0042', serial: SERIAL }],
    ['a host with a port', 'ocop.vn:8787', { kind: 'trace', traceCode: 'DN0042', serial: SERIAL }],
  ])('refuses to print %s', (_, host, stamp) => {
    expect(() => buildStampUrl(host, stamp)).toThrow(RangeError);
  });
});

describe('parseStampPath', () => {
  it.each<[string, StampIdentity]>([
    [
      '/01/04006381333931/10/L2024A/21/ABCDEFGHJKMN',
      { kind: 'gtin', gtin: '04006381333931', lot: 'L2024A', serial: SERIAL },
    ],
    [
      '/01/04006381333931/10/l2024a/21/abcdefghjkmn/',
      { kind: 'gtin', gtin: '04006381333931', lot: 'L2024A', serial: SERIAL },
    ],
    ['/01/4006381333931/10/L1/21/ABCDEFGHJKMN', { kind: 'gtin', gtin: '04006381333931', lot: 'L1', serial: SERIAL }],
    ['/01/96385074/10/L1/21/ABCDEFGHJKMN', { kind: 'gtin', gtin: '00000096385074', lot: 'L1', serial: SERIAL }],
    ['/T/DN0042/ABCDEFGHJKMN', { kind: 'trace', traceCode: 'DN0042', serial: SERIAL }],
    ['/t/dn0042/abcdefghjkmn/', { kind: 'trace', traceCode: 'DN0042', serial: SERIAL }],
  ])('reads %s', (path, expected) => {
    expect(parseStampPath(path)).toEqual(expected);
  });

  it.each<[string, StampPathError]>([
    ['/01/04006381333932/10/L1/21/ABCDEFGHJKMN', 'check_digit'],
    ['/01/4006381333932/10/L1/21/ABCDEFGHJKMN', 'check_digit'],
    ['/01/40063813339/10/L1/21/ABCDEFGHJKMN', 'invalid_gtin'],
    ['/01/040063813339310/10/L1/21/ABCDEFGHJKMN', 'invalid_gtin'],
    ['/01/0400638133393A/10/L1/21/ABCDEFGHJKMN', 'invalid_gtin'],
    ['/01/A4006381333931/10/L1/21/ABCDEFGHJKMN', 'invalid_gtin'],
    ['/01//10/L1/21/ABCDEFGHJKMN', 'invalid_gtin'],
    ['/01/04006381333931/10/L1234567890/21/ABCDEFGHJKMN', 'invalid_lot'],
    ['/01/04006381333931/10//21/ABCDEFGHJKMN', 'invalid_lot'],
    ['/01/04006381333931/10/L_1/21/ABCDEFGHJKMN', 'invalid_lot'],
    // "ſ" upper-cases to "S" in JavaScript; it was never printed and must not pass for one.
    ['/01/04006381333931/10/\u017f1/21/ABCDEFGHJKMN', 'invalid_lot'],
    ['/01/04006381333931/10/L1/21/ABCDEFGHJKM', 'invalid_serial'],
    ['/01/04006381333931/10/L1/21/ABCDEFGHJKMU', 'invalid_serial'],
    ['/01/04006381333931/10/L1/21/ABCDEFGHJKMO', 'invalid_serial'],
    ['/T/DN4/ABCDEFGHJKMN', 'invalid_trace_code'],
    ['/T/DN00420042004/ABCDEFGHJKMN', 'invalid_trace_code'],
    ['/T/DN0042/ABCDEFGHJKM', 'invalid_serial'],
    ['', 'malformed'],
    ['/', 'malformed'],
    ['//', 'malformed'],
    ['01/04006381333931/10/L1/21/ABCDEFGHJKMN', 'malformed'],
    ['/01/04006381333931/10/L1/21/ABCDEFGHJKMN//', 'malformed'],
    ['/01/04006381333931/21/ABCDEFGHJKMN/10/L1', 'malformed'],
    ['/01/04006381333931/10/L1', 'malformed'],
    ['/01/04006381333931', 'malformed'],
    ['/01/04006381333931/22/V1/10/L1/21/ABCDEFGHJKMN', 'malformed'],
    ['/gtin/04006381333931/lot/L1/ser/ABCDEFGHJKMN', 'malformed'],
    ['/T/DN0042/ABCDEFGHJKMN/more', 'malformed'],
    ['/T/DN0042', 'malformed'],
  ])('refuses %s as %s', (path, error) => {
    expect(parseStampPath(path)).toEqual({ error });
  });

  it('reads back what was printed, as printed, in lower case and with a trailing slash', () => {
    fc.assert(
      fc.property(hostArbitrary, stampArbitrary, (host, stamp) => {
        const url = buildStampUrl(host, stamp);
        expect(url.startsWith('https://')).toBe(true);
        const afterScheme = url.slice('https://'.length);
        expect(afterScheme).toBe(afterScheme.toUpperCase());
        expect(url.length).toBeLessThanOrEqual(68);
        const path = new URL(url).pathname;
        expect(url).toBe(`https://${host.toUpperCase()}${path}`);
        expect(path).toBe(buildStampPath(stamp));
        for (const variant of [path, path.toLowerCase(), `${path}/`, `${path.toLowerCase()}/`]) {
          expect(parseStampPath(variant)).toEqual(asParsed(stamp));
        }
      }),
    );
  });

  it('answers check_digit when any single digit of a printed GTIN changes', () => {
    fc.assert(
      fc.property(
        gtinArbitrary,
        lotArbitrary,
        serialArbitrary,
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (gtin, lot, serial, position, shift) => {
          const printed = gtin.padStart(14, '0');
          const changedDigit = String((Number(printed[position]) + shift) % 10);
          const changed = printed.slice(0, position) + changedDigit + printed.slice(position + 1);
          expect(parseStampPath(`/01/${changed}/10/${lot}/21/${serial}`)).toEqual({ error: 'check_digit' });
        },
      ),
    );
  });

  it('never throws, and anything it accepts prints back to the same stamp', () => {
    const pathLike = fc
      .array(fc.constantFrom('01', '10', '21', 'T', 't', '', '4006381333931', 'L1', SERIAL, 'dn0042', 'x/'), {
        maxLength: 8,
      })
      .map((segments) => `/${segments.join('/')}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), pathLike), (path) => {
        const result = parseStampPath(path);
        if ('error' in result) {
          expect(ERRORS).toContain(result.error);
        } else {
          expect(parseStampPath(buildStampPath(result))).toEqual(result);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('QR code size of the printed URL', () => {
  const qrAtLevelM = (text: string) => QRCode.create(text, { errorCorrectionLevel: 'M' });
  const alphanumericOnly = (text: string) =>
    QRCode.create([{ mode: 'alphanumeric', data: text }], { errorCorrectionLevel: 'M' });

  it('fits the longest allowed URL within version 4 at level M, its lower-case scheme included', () => {
    const url = buildStampUrl('tem-ocop.com', {
      kind: 'gtin',
      gtin: '98765432109879',
      lot: 'L202412ABC',
      serial: generateSerial(),
    });
    expect(url).toHaveLength(68);
    expect(url.startsWith('https://TEM-OCOP.COM/01/')).toBe(true);

    expect(qrAtLevelM(url).version).toBeLessThanOrEqual(4);
    expect(alphanumericOnly(url.toUpperCase()).version).toBeLessThanOrEqual(4);
  });

  it('fits a 64-character URL and the longest trace URL within version 4 too', () => {
    const gtin = buildStampUrl('tem.ocop.vn', {
      kind: 'gtin',
      gtin: '98765432109879',
      lot: 'L241ABC',
      serial: generateSerial(),
    });
    expect(gtin).toHaveLength(64);
    expect(qrAtLevelM(gtin).version).toBeLessThanOrEqual(4);
    const trace = buildStampUrl('tem-ocop.com', { kind: 'trace', traceCode: 'DN0042DN0042', serial: generateSerial() });
    expect(qrAtLevelM(trace).version).toBeLessThanOrEqual(4);
  });

  it('needs only version 3 with a short host and lot', () => {
    const url = buildStampUrl('ocop.vn', { kind: 'gtin', gtin: '8935049500018', lot: 'L24', serial: generateSerial() });
    expect(qrAtLevelM(url).version).toBe(3);
  });

  it('would need byte mode and a larger code if printed in lower case', () => {
    const url = buildStampUrl('tem-ocop.com', {
      kind: 'gtin',
      gtin: '98765432109879',
      lot: 'L202412ABC',
      // Letters, not a random serial: a serial of digits would stay numeric in lower case.
      serial: 'ABCDEFGHJKMN',
    });
    const qr = qrAtLevelM(url.toLowerCase());
    expect(qr.segments.map((segment) => segment.mode.id)).toContain('Byte');
    expect(qr.version).toBeGreaterThan(4);
  });
});
