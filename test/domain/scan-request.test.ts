import { describe, expect, it } from 'vitest';
import provinceList from '../../db/reference/provinces.json';
import type { StampIdentity } from '../../worker/domain/digital-link';
import {
  isSpeculative,
  pathNamesStamp,
  scanLocation,
  scanRepresentation,
  uncountedReason,
} from '../../worker/domain/scan-request';

const PHONE =
  'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36';

const headers =
  (values: Record<string, string>) =>
  (name: string): string | null =>
    Object.entries(values).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null;

describe('uncountedReason', () => {
  it("counts a person's beacon", () => {
    expect(uncountedReason({ method: 'POST', header: headers({ 'User-Agent': PHONE }) })).toBeNull();
  });

  it('never counts a GET or a HEAD, whoever sends it', () => {
    for (const method of ['GET', 'HEAD', 'get']) {
      expect(uncountedReason({ method, header: headers({ 'User-Agent': PHONE }) })).toBe('not_a_beacon');
    }
  });

  it.each([
    ['Sec-Purpose', 'prefetch'],
    ['Sec-Purpose', 'prefetch;prerender'],
    ['Purpose', 'prefetch'],
    ['X-Purpose', 'preview'],
    ['X-Moz', 'prefetch'],
  ])('does not count a speculative load announced by %s: %s', (name, value) => {
    expect(isSpeculative(headers({ [name]: value }))).toBe(true);
    expect(uncountedReason({ method: 'POST', header: headers({ 'User-Agent': PHONE, [name]: value }) })).toBe(
      'prefetch',
    );
  });

  it('does not count a robot', () => {
    const robot = headers({ 'User-Agent': 'facebookexternalhit/1.1' });
    expect(uncountedReason({ method: 'POST', header: robot })).toBe('robot');
  });
});

describe('scanLocation', () => {
  const codes = new Set(provinceList.map((p) => p.code));

  it('maps the region codes of Vietnam to the provinces since July 2025', () => {
    expect(scanLocation({ country: 'VN', regionCode: 'SG', region: 'Ho Chi Minh' })).toEqual({
      province: '79',
      country: 'VN',
    });
    // Bình Dương and Bà Rịa - Vũng Tàu went into TP. Hồ Chí Minh; Bình Phước into Đồng Nai.
    expect(scanLocation({ country: 'VN', regionCode: '57' }).province).toBe('79');
    expect(scanLocation({ country: 'VN', regionCode: '43' }).province).toBe('79');
    expect(scanLocation({ country: 'VN', regionCode: '58' }).province).toBe('75');
    expect(scanLocation({ country: 'VN', regionCode: 'VN-39' }).province).toBe('75');
    expect(scanLocation({ country: 'VN', regionCode: 'HN' }).province).toBe('01');
  });

  it('covers all 34 provinces from the 63 codes before the merger, and only them', () => {
    const oldCodes = [
      ...['HN', 'HP', 'DN', 'SG', 'CT'],
      ...[1, 2, 3, 4, 5, 6, 7, 9, 13, 14, 18, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36].map(
        (n) => String(n).padStart(2, '0'),
      ),
      ...[37, 39, 40, 41, 43, 44, 45, 46, 47, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 61, 63, 66, 67, 68].map(
        String,
      ),
      ...[69, 70, 71, 72, 73].map(String),
    ];
    expect(oldCodes).toHaveLength(63);
    const mapped = oldCodes.map((regionCode) => scanLocation({ country: 'VN', regionCode }).province);
    for (const province of mapped) expect(codes.has(province!), String(province)).toBe(true);
    expect(new Set(mapped).size).toBe(34);
  });

  it("keeps the region's own name outside Vietnam or for a code it does not know, and null when there is none", () => {
    expect(scanLocation({ country: 'US', region: 'California', regionCode: 'CA' })).toEqual({
      province: 'California',
      country: 'US',
    });
    expect(scanLocation({ country: 'VN', region: 'Somewhere', regionCode: 'ZZ' }).province).toBe('Somewhere');
    expect(scanLocation(undefined)).toEqual({ province: null, country: null });
    expect(scanLocation({})).toEqual({ province: null, country: null });
  });
});

describe('scanRepresentation', () => {
  it.each([
    [null, undefined, 'html'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', undefined, 'html'],
    ['*/*', undefined, 'html'],
    ['application/json', undefined, 'json'],
    ['application/json, text/plain, */*', undefined, 'json'],
    ['application/linkset+json', undefined, 'linkset'],
    ['text/html;q=0.5, application/json', undefined, 'json'],
    ['application/json;q=0.5, */*', undefined, 'html'],
    ['application/json;q=0', undefined, 'html'],
    ['image/png', undefined, 'html'],
    ['text/html', 'linkset', 'linkset'],
    [null, 'all', 'linkset'],
    ['application/json', 'gs1:pip', 'json'],
  ] as const)('answers Accept %s with linkType %s by %s', (accept, linkType, expected) => {
    expect(scanRepresentation(accept, linkType)).toBe(expected);
  });
});

describe('pathNamesStamp', () => {
  const gtinPath: StampIdentity = { kind: 'gtin', gtin: '08936045120017', lot: 'L2026', serial: '0123456789AB' };
  const tracePath: StampIdentity = { kind: 'trace', traceCode: 'RNHSA1', serial: '0123456789AB' };

  it("needs a GTIN path's GTIN and lot to be the stamp's", () => {
    expect(pathNamesStamp(gtinPath, { gtinMatches: true, lotCode: 'L2026', traceCode: null })).toBe(true);
    expect(pathNamesStamp(gtinPath, { gtinMatches: false, lotCode: 'L2026', traceCode: null })).toBe(false);
    expect(pathNamesStamp(gtinPath, { gtinMatches: true, lotCode: 'L2025', traceCode: null })).toBe(false);
  });

  it("needs a trace path's code to be the product's", () => {
    expect(pathNamesStamp(tracePath, { gtinMatches: false, lotCode: 'L2026', traceCode: 'RNHSA1' })).toBe(true);
    expect(pathNamesStamp(tracePath, { gtinMatches: false, lotCode: 'L2026', traceCode: 'RNHSA2' })).toBe(false);
    expect(pathNamesStamp(tracePath, { gtinMatches: true, lotCode: 'L2026', traceCode: null })).toBe(false);
  });
});
