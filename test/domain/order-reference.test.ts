import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findOrderReferences,
  formatOrderReference,
  MAX_SUB_ORDERS,
  newOrderKey,
  ORDER_KEY_BYTES,
  ORDER_REFERENCE_LENGTH,
  orderReference,
  parseOrderReference,
} from '../../worker/domain/order-reference';
import { CROCKFORD_ALPHABET } from '../../worker/domain/stamp-codes';
import { isValidPurpose } from '../../worker/domain/vietqr';

const keys = fc.uint8Array({ minLength: ORDER_KEY_BYTES, maxLength: ORDER_KEY_BYTES }).map(newOrderKey);
const subOrders = fc.option(fc.integer({ min: 1, max: MAX_SUB_ORDERS }));
const references = fc.tuple(keys, subOrders).map(([key, subOrder]) => orderReference(key, subOrder));

const KEY = '7K2M9XQA';
const SUB_ORDER_1 = orderReference(KEY, 1);

describe('newOrderKey', () => {
  it('reads 8 Crockford characters from the random bytes it is given', () => {
    expect(newOrderKey(new Uint8Array([0x00, 0x44, 0x32, 0x14, 0xc7]))).toBe('01234567');
    expect(newOrderKey(new Uint8Array(5).fill(0xff))).toBe('ZZZZZZZZ');
  });

  it('refuses fewer than 5 bytes', () => {
    expect(() => newOrderKey(new Uint8Array(4))).toThrow(RangeError);
  });
});

describe('orderReference', () => {
  it('is the prefix, the key, the part and a check character', () => {
    expect(SUB_ORDER_1).toMatch(/^OCOP7K2M9XQA1[0-9A-HJKMNP-TV-Z]$/);
    expect(orderReference(KEY, null)).toMatch(/^OCOP7K2M9XQA0[0-9A-HJKMNP-TV-Z]$/);
    expect(orderReference(KEY, 31)).toMatch(/^OCOP7K2M9XQAZ/);
  });

  it('always has the same length and fits a VietQR purpose', () => {
    fc.assert(
      fc.property(references, (reference) => {
        expect(reference).toHaveLength(ORDER_REFERENCE_LENGTH);
        expect(isValidPurpose(reference)).toBe(true);
      }),
    );
  });

  it.each([
    ['a key with an I', ['7K2M9XQI', 1]],
    ['a short key', ['7K2M9XQ', 1]],
    ['a lower-case key', ['7k2m9xqa', 1]],
    ['sub-order 0', [KEY, 0]],
    ['sub-order 32', [KEY, 32]],
    ['sub-order 1.5', [KEY, 1.5]],
  ] as const)('refuses %s', (_, [key, subOrder]) => {
    expect(() => orderReference(key, subOrder)).toThrow(RangeError);
  });
});

describe('parseOrderReference', () => {
  it('reads back every reference', () => {
    fc.assert(
      fc.property(keys, subOrders, (orderKey, subOrder) => {
        const reference = orderReference(orderKey, subOrder);
        expect(parseOrderReference(reference)).toEqual({ reference, orderKey, subOrder });
      }),
    );
  });

  it('refuses every reference with one character changed', () => {
    fc.assert(
      fc.property(references, (reference) => {
        for (let at = 4; at < reference.length; at++) {
          for (const replacement of CROCKFORD_ALPHABET.replace(reference[at]!, '')) {
            expect(parseOrderReference(reference.slice(0, at) + replacement + reference.slice(at + 1))).toBeNull();
          }
        }
      }),
    );
  });

  it('refuses every reference with two different characters swapped, the check character too', () => {
    fc.assert(
      fc.property(references, (reference) => {
        for (let first = 4; first < reference.length; first++) {
          for (let second = first + 1; second < reference.length; second++) {
            if (reference[first] === reference[second]) continue;
            const symbols = [...reference];
            [symbols[first], symbols[second]] = [symbols[second]!, symbols[first]!];
            expect(parseOrderReference(symbols.join(''))).toBeNull();
          }
        }
      }),
    );
  });

  it('takes the reference as people copy or type it', () => {
    const expected = { reference: SUB_ORDER_1, orderKey: KEY, subOrder: 1 };
    expect(parseOrderReference(formatOrderReference(SUB_ORDER_1))).toEqual(expected);
    expect(parseOrderReference(` ${SUB_ORDER_1.toLowerCase()} `)).toEqual(expected);
    expect(parseOrderReference(SUB_ORDER_1.replace('OCOP', '0C0P'))).toEqual(expected);
  });

  it('refuses a reference with anything before or after it', () => {
    expect(parseOrderReference(`${SUB_ORDER_1}X`)).toBeNull();
    expect(parseOrderReference(`${SUB_ORDER_1} cam on`)).toBeNull();
    expect(parseOrderReference(`CK ${SUB_ORDER_1}`)).toBeNull();
    expect(parseOrderReference(SUB_ORDER_1.slice(0, -1))).toBeNull();
  });
});

describe('formatOrderReference', () => {
  it('groups the characters in fours', () => {
    expect(formatOrderReference('OCOP7K2M9XQA1F')).toBe('OCOP 7K2M 9XQA 1F');
  });
});

describe('findOrderReferences', () => {
  const found = { reference: SUB_ORDER_1, orderKey: KEY, subOrder: 1 };
  const spaced = formatOrderReference(SUB_ORDER_1);

  it.each([
    ['as generated', SUB_ORDER_1],
    ['after a bank prefix', `MBVCB.3278907687.${SUB_ORDER_1}.CT tu 0123456789 NGUYEN VAN A toi 257678859`],
    ['in lower case with spaces', spaced.toLowerCase()],
    ['with dots', spaced.replaceAll(' ', '.')],
    ['with dashes', spaced.replaceAll(' ', '-')],
    ['in Vietnamese text', `Thanh toán đơn hàng ${spaced} cảm ơn shop`],
    ['followed directly by Vietnamese text', `${SUB_ORDER_1}đơn hàng`],
    ['followed directly by more letters', `${SUB_ORDER_1}CHUYEN TIEN`],
    ['with zeros for the prefix', SUB_ORDER_1.replace('OCOP', '0C0P')],
    ['after the word OCOP', `SAN PHAM OCOP ${SUB_ORDER_1}`],
  ])('finds a reference %s', (_, content) => {
    expect(findOrderReferences(content)).toEqual([found]);
  });

  it('reads the letters people type for the digits 0 and 1', () => {
    const key = '10ABCDEF';
    const reference = orderReference(key, null);
    const typed = `ocop ${'IOABCDEF'.toLowerCase()} ${reference.slice(-2).replace('0', 'o')}`;
    expect(findOrderReferences(typed)).toEqual([{ reference, orderKey: key, subOrder: null }]);
    expect(findOrderReferences(typed.replace('io', 'LO'))).toEqual([{ reference, orderKey: key, subOrder: null }]);
  });

  it('finds nothing in a reference with one character changed, dropped or doubled', () => {
    const [before, after] = [SUB_ORDER_1.slice(0, 8), SUB_ORDER_1.slice(9)];
    const changed = SUB_ORDER_1[8] === 'X' ? 'Y' : 'X';
    expect(findOrderReferences(`CK ${before}${changed}${after}`)).toEqual([]);
    expect(findOrderReferences(`CK ${before}${after} DON HANG`)).toEqual([]);
    expect(findOrderReferences(`CK ${before}${SUB_ORDER_1[8]}${SUB_ORDER_1[8]}${after}`)).toEqual([]);
  });

  it('finds nothing without the prefix', () => {
    expect(findOrderReferences(SUB_ORDER_1.slice(4))).toEqual([]);
    expect(findOrderReferences('chuyen tien mua hang')).toEqual([]);
    expect(findOrderReferences('')).toEqual([]);
  });

  it('finds each of several references once, in order', () => {
    const other = orderReference('ZZZZ0000', 2);
    expect(findOrderReferences(`${other} ${SUB_ORDER_1} ${other.toLowerCase()}`).map((ref) => ref.reference)).toEqual([
      other,
      SUB_ORDER_1,
    ]);
  });

  it('finds any reference put anywhere in any text', () => {
    fc.assert(
      fc.property(fc.string(), references, fc.string(), (before, reference, after) => {
        const matches = findOrderReferences(`${before} ${reference} ${after}`).map((ref) => ref.reference);
        expect(matches).toContain(reference);
      }),
    );
  });
});
