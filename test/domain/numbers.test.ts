import { describe, expect, it } from 'vitest';
import { formatVnd } from '../../worker/domain/money';
import { formatNumber, formatPercent } from '../../worker/domain/numbers';

describe('formatNumber: Vietnamese numbers in both languages', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1.000'],
    [1234567, '1.234.567'],
    [100000, '100.000'],
    [80.5, '80,5'],
    [90.25, '90,25'],
    [1234.5, '1.234,5'],
    [38.1, '38,1'],
    [0.5, '0,5'],
    [-3, '-3'],
    [-1234.5, '-1.234,5'],
    [Number.MAX_SAFE_INTEGER, '9.007.199.254.740.991'],
  ])('writes %d as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('rounds half away from zero to the decimals asked, and drops trailing zeros', () => {
    expect(formatNumber(1.005)).toBe('1,01');
    expect(formatNumber(2.5, { maximumFractionDigits: 0 })).toBe('3');
    expect(formatNumber(-2.5, { maximumFractionDigits: 0 })).toBe('-3');
    expect(formatNumber(12.345, { maximumFractionDigits: 1 })).toBe('12,3');
    expect(formatNumber(80.0)).toBe('80');
    expect(formatNumber(80.1, { minimumFractionDigits: 2 })).toBe('80,10');
    expect(formatNumber(-0.001)).toBe('0');
  });

  it('signs a change when asked', () => {
    expect(formatNumber(10, { signed: true })).toBe('+10');
    expect(formatNumber(-3, { signed: true })).toBe('-3');
    expect(formatNumber(0, { signed: true })).toBe('0');
    expect(formatNumber(1500, { signed: true })).toBe('+1.500');
  });

  it('refuses what is not a number', () => {
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('writes shares as percentages, and đồng with the same grouping', () => {
    expect(formatPercent(0.125)).toBe('12,5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatVnd(150000)).toBe('150.000 ₫');
    expect(formatVnd(-2500)).toBe('-2.500 ₫');
  });
});
