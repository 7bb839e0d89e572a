import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhone, parsePhone, phoneSchema } from '../../worker/domain/phone';

describe('parsePhone', () => {
  it.each([
    '0912345678',
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '(091) 234-5678',
    '0912\u00a0345\u2013678',
    '+84912345678',
    '+84 912 345 678',
    '+84 (0) 912 345 678',
    '84912345678',
    '0084 912 345 678',
  ])('reads %j as +84912345678', (typed) => {
    expect(parsePhone(typed, 'mobile')).toEqual({ ok: true, e164: '+84912345678', kind: 'mobile' });
  });

  it('accepts every mobile prefix: 03, 05, 07, 08 and 09', () => {
    for (const prefix of ['03', '05', '07', '08', '09']) {
      expect(parsePhone(`${prefix}61234567`, 'mobile')).toEqual({
        ok: true,
        e164: `+84${prefix.slice(1)}61234567`,
        kind: 'mobile',
      });
    }
  });

  it('accepts 11-digit landlines for sales points but not where a mobile is needed', () => {
    expect(parsePhone('024 3825 1234', 'any')).toEqual({ ok: true, e164: '+842438251234', kind: 'landline' });
    expect(parsePhone('(0251) 382 2123', 'any')).toEqual({ ok: true, e164: '+842513822123', kind: 'landline' });
    expect(parsePhone('+84 (0)28 3829 5555', 'any')).toEqual({ ok: true, e164: '+842838295555', kind: 'landline' });
    expect(parsePhone('024 3825 1234', 'mobile')).toEqual({ ok: false, reason: 'not_mobile' });
  });

  it.each([
    ['', 'empty'],
    ['  - ', 'empty'],
    ['0912abc678', 'invalid_characters'],
    ['09+12345678', 'invalid_characters'],
    ['+1 415 555 0100', 'not_vietnamese'],
    ['0044 20 7946 0000', 'not_vietnamese'],
    ['091234567', 'wrong_length'],
    ['09123456789', 'wrong_length'],
    ['0212345678', 'wrong_length'],
    ['+84', 'wrong_length'],
    ['01234567890', 'unknown_prefix'],
    ['0412345678', 'unknown_prefix'],
    ['0612345678', 'unknown_prefix'],
    ['1900 1234', 'unknown_prefix'],
    ['912345678', 'unknown_prefix'],
  ])('refuses %j: %s', (typed, reason) => {
    expect(parsePhone(typed, 'any')).toEqual({ ok: false, reason });
  });

  it('reads any grouping of a valid mobile to the same number', () => {
    const mobile = fc
      .tuple(fc.constantFrom('3', '5', '7', '8', '9'), fc.stringMatching(/^\d{8}$/))
      .map(([first, rest]) => first + rest);
    const separator = fc.constantFrom('', ' ', '.', '-', ' - ');
    fc.assert(
      fc.property(mobile, fc.constantFrom('0', '+84', '84', '+84 (0)', '0084'), separator, (national, prefix, sep) => {
        const typed = `${prefix}${national.slice(0, 2)}${sep}${national.slice(2, 5)}${sep}${national.slice(5)}`;
        expect(parsePhone(typed, 'mobile')).toEqual({ ok: true, e164: `+84${national}`, kind: 'mobile' });
      }),
    );
  });
});

describe('phoneSchema', () => {
  it('turns a field into E.164, or an issue carrying the reason code', () => {
    expect(phoneSchema('any').parse('0251 382 2123')).toBe('+842513822123');
    expect(phoneSchema('mobile').safeParse('0251 382 2123').error?.issues[0]?.message).toBe('not_mobile');
  });
});

describe('formatPhone', () => {
  it.each([
    ['+84912345678', '0912 345 678'],
    ['0387654321', '0387 654 321'],
    ['+842438251234', '024 3825 1234'],
    ['+842838295555', '028 3829 5555'],
    ['+842513822123', '0251 382 2123'],
  ])('shows %s as %s', (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });

  it('leaves what is not a Vietnamese number as it was', () => {
    expect(formatPhone('1900 1234')).toBe('1900 1234');
    expect(formatPhone('+1 415 555 0100')).toBe('+1 415 555 0100');
  });

  it('shows a number that reads back to itself', () => {
    const e164 = fc
      .tuple(fc.constantFrom('3', '5', '7', '8', '9', '24', '28', '251', '208'), fc.nat())
      .map(([prefix, n]) => `+84${prefix}${String(n).padStart(10, '0')}`.slice(0, prefix.startsWith('2') ? 13 : 12));
    fc.assert(
      fc.property(e164, (number) => {
        const parsed = parsePhone(formatPhone(number), 'any');
        expect(parsed.ok && parsed.e164).toBe(number);
      }),
    );
  });
});
