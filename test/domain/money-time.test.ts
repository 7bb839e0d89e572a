import { describe, expect, it } from 'vitest';
import { formatVnd } from '../../worker/domain/money';
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
