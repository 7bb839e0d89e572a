import { describe, expect, it } from 'vitest';
import { formatVnd, sumDong, timesDong } from '../../worker/domain/money';
import { addMonths, formatDate, formatInstant, vietnamDate } from '../../worker/domain/time';

describe('formatVnd', () => {
  it.each([
    [0, '0 ₫'],
    [1000, '1.000 ₫'],
    [150000, '150.000 ₫'],
    [1234567890, '1.234.567.890 ₫'],
    [-25000, '-25.000 ₫'],
  ])('formats %i as %s', (amount, expected) => {
    expect(formatVnd(amount)).toBe(expected);
  });

  it('refuses fractions: đồng has no minor unit', () => {
    expect(() => formatVnd(10.5)).toThrow(RangeError);
  });
});

describe('sumDong and timesDong', () => {
  it('add up and multiply integer đồng exactly', () => {
    expect(sumDong([150_000, 30_000, 0])).toBe(180_000);
    expect(sumDong([])).toBe(0);
    expect(timesDong(150_000, 3)).toBe(450_000);
  });

  it('give null instead of a rounded result past Number.MAX_SAFE_INTEGER', () => {
    expect(sumDong([Number.MAX_SAFE_INTEGER, 0])).toBe(Number.MAX_SAFE_INTEGER);
    expect(sumDong([Number.MAX_SAFE_INTEGER, 1])).toBeNull();
    expect(sumDong([Number.MAX_SAFE_INTEGER - 1, 1, 1])).toBeNull();
    expect(timesDong(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(timesDong(2 ** 27, 2 ** 26)).toBeNull();
  });

  it('give null for amounts that are not integers', () => {
    expect(sumDong([1000, 0.5])).toBeNull();
    expect(sumDong([Number.NaN])).toBeNull();
    expect(timesDong(1000, 1.5)).toBeNull();
    expect(timesDong(Number.POSITIVE_INFINITY, 0)).toBeNull();
  });
});

describe('Vietnam time', () => {
  it('gives the Vietnamese calendar date, 7 hours ahead of UTC', () => {
    expect(vietnamDate(new Date('2026-03-04T16:59:59Z'))).toBe('2026-03-04');
    expect(vietnamDate(new Date('2026-03-04T17:00:00Z'))).toBe('2026-03-05');
  });

  it('shows stored UTC instants in Vietnam time', () => {
    expect(formatInstant('2026-03-04T17:30:00.000Z')).toBe('05/03/2026 00:30');
  });

  it('formats dates day first', () => {
    expect(formatDate('2025-07-06')).toBe('06/07/2025');
  });

  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2023-02-24', 36)).toBe('2026-02-24');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-03-31', -1)).toBe('2023-02-28');
  });
});
