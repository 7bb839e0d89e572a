import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CROCKFORD_ALPHABET,
  encodeCrockford,
  isSerial,
  normalisePin,
  PIN_LENGTH,
  PIN_PATTERN,
  SERIAL_LENGTH,
  SERIAL_PATTERN,
} from '../../worker/domain/stamp-codes';
import { generatePin, generateSerial, generateSerials } from '../../worker/crypto/stamp-codes';

/** The bits a Crockford string carries, most significant first. */
const crockfordBits = (encoded: string) =>
  [...encoded].map((character) => CROCKFORD_ALPHABET.indexOf(character).toString(2).padStart(5, '0')).join('');
const byteBits = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(2).padStart(8, '0')).join('');

/** Every character seen at each position of the codes. */
function charactersByPosition(codes: string[], length: number): Set<string>[] {
  const seen = Array.from({ length }, () => new Set<string>());
  for (const code of codes) [...code].forEach((character, position) => seen[position]!.add(character));
  return seen;
}

describe('encodeCrockford', () => {
  it('reads bytes as a big-endian bit string, 5 bits a character', () => {
    expect(encodeCrockford(new Uint8Array([0x00, 0x44, 0x32, 0x14, 0xc7]), 8)).toBe('01234567');
    expect(encodeCrockford(new Uint8Array(5).fill(0xff), 8)).toBe('ZZZZZZZZ');
  });

  it('keeps every bit of the bytes it uses, in order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        expect(crockfordBits(encodeCrockford(bytes, 12))).toBe(byteBits(bytes).slice(0, 60));
        expect(crockfordBits(encodeCrockford(bytes.subarray(0, 5), 8))).toBe(byteBits(bytes.subarray(0, 5)));
      }),
    );
  });

  it('refuses to encode more bits than it was given', () => {
    expect(() => encodeCrockford(new Uint8Array(7), 12)).toThrow(RangeError);
  });
});

describe('generateSerial', () => {
  const serials = Array.from({ length: 100_000 }, generateSerial);

  it('gives 12 Crockford characters', () => {
    expect(SERIAL_LENGTH).toBe(12);
    const malformed = serials.filter((serial) => serial.length !== SERIAL_LENGTH || !SERIAL_PATTERN.test(serial));
    expect(malformed).toEqual([]);
  });

  it('never repeats over 100,000 serials', () => {
    expect(new Set(serials).size).toBe(serials.length);
  });

  it('uses the whole alphabet at every position, the last one included', () => {
    for (const seen of charactersByPosition(serials, SERIAL_LENGTH)) {
      expect([...seen].sort().join('')).toBe(CROCKFORD_ALPHABET);
    }
  });
});

describe('generateSerials', () => {
  it('gives as many distinct serials as asked for', () => {
    const serials = generateSerials(2_000);
    expect(serials).toHaveLength(2_000);
    expect(new Set(serials).size).toBe(2_000);
    expect(serials.every(isSerial)).toBe(true);
  });

  it('gives none for zero and refuses a count that is not a whole number', () => {
    expect(generateSerials(0)).toEqual([]);
    expect(() => generateSerials(-1)).toThrow(RangeError);
    expect(() => generateSerials(1.5)).toThrow(RangeError);
  });
});

describe('isSerial', () => {
  it.each([
    ['0123456789AB', true],
    ['ZZZZZZZZZZZZ', true],
    ['0123456789ab', false],
    ['0123456789A', false],
    ['0123456789ABC', false],
    ['0123456789AU', false],
    ['0123456789AO', false],
    ['0123456789AI', false],
    ['0123456789AL', false],
  ])('%s → %s', (candidate, expected) => {
    expect(isSerial(candidate)).toBe(expected);
  });
});

describe('generatePin', () => {
  it('gives 8 Crockford characters with the whole alphabet at every position', () => {
    const pins = Array.from({ length: 10_000 }, generatePin);
    expect(pins.filter((pin) => !PIN_PATTERN.test(pin))).toEqual([]);
    for (const seen of charactersByPosition(pins, PIN_LENGTH)) {
      expect([...seen].sort().join('')).toBe(CROCKFORD_ALPHABET);
    }
  });
});

describe('normalisePin', () => {
  const pinLikeInput = fc.string({
    unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -\u2013_ßıſ'),
    minLength: 6,
    maxLength: 12,
  });

  it.each([
    ['ABCD1234', 'ABCD1234'],
    ['abcd1234', 'ABCD1234'],
    ['ABCD-1234', 'ABCD1234'],
    [' abcd 1234 ', 'ABCD1234'],
    ['AB CD-12 34', 'ABCD1234'],
    ['ABCD\u20131234', 'ABCD1234'],
    ['oOiI lL23', '00111123'],
  ])('reads %j as %s', (typed, expected) => {
    expect(normalisePin(typed)).toBe(expected);
  });

  it.each([
    [''],
    ['ABCD123'],
    ['ABCD12345'],
    ['ABCDU123'],
    ['ABCD_123'],
    ['ABCD1234!'],
    ['ẠBCD1234'],
    ['ßCD1234'],
    ['ıBCD1234'],
  ])('refuses %j', (typed) => {
    expect(normalisePin(typed)).toBeNull();
  });

  it('gives back a generated PIN however it is typed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: PIN_LENGTH, maxLength: PIN_LENGTH }),
        fc.constantFrom('', ' ', '-', ' - '),
        (lowerCase, separator) => {
          const pin = generatePin();
          const typed = [...pin].map((character, i) => (lowerCase[i] ? character.toLowerCase() : character));
          typed.splice(4, 0, separator);
          expect(normalisePin(typed.join(''))).toBe(pin);
        },
      ),
    );
  });

  it('gives a canonical PIN or null for any input, and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), pinLikeInput), (typed) => {
        const pin = normalisePin(typed);
        if (pin === null) return;
        expect(pin).toMatch(PIN_PATTERN);
        expect(normalisePin(pin)).toBe(pin);
      }),
    );
  });
});
