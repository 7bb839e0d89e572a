/**
 * The reference a buyer types into a bank transfer's content so the platform can tell which order
 * (and which producer's part of it) the money is for:
 *
 *   OCOP 7K2M9XQA 1 F
 *   │    │        │ └ check character
 *   │    │        └── part: 0 for the whole order, 1-31 for a producer's sub-order
 *   │    └─────────── order key: 8 random Crockford characters (40 bits)
 *   └──────────────── prefix, so the reference can be found inside other text
 *
 * Crockford Base32 (stamp-codes.ts) has no I, L, O or U, so the characters people confuse read
 * the same: o is 0, i and l are 1. Every reference has the same length, so a parser never has to
 * guess where one ends, whatever the buyer or the bank wrote around or inside it.
 *
 * The check character is the sum of the other ten characters weighted by distinct powers of a
 * generator of GF(32), the field with 32 elements. Changing one character, or swapping any two
 * different ones, always changes that sum: a mistyped reference is refused rather than read as
 * another order. Two or more mistakes pass the check one time in 32; the order key's 40 random
 * bits make it vanishingly unlikely that what passes names an order that exists.
 */
import { CROCKFORD_ALPHABET, encodeCrockford } from './stamp-codes';

export const ORDER_REFERENCE_PREFIX = 'OCOP';
export const ORDER_KEY_LENGTH = 8;
/** Random bytes newOrderKey needs: 8 characters of 5 bits. */
export const ORDER_KEY_BYTES = 5;
/** Sub-orders one order can have, one per producer: the parts a single character can name. */
export const MAX_SUB_ORDERS = CROCKFORD_ALPHABET.length - 1;
/** Key, part and check character. */
const SYMBOLS_AFTER_PREFIX = ORDER_KEY_LENGTH + 2;
export const ORDER_REFERENCE_LENGTH = ORDER_REFERENCE_PREFIX.length + SYMBOLS_AFTER_PREFIX;

const ORDER_KEY_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

export interface OrderReference {
  /** The canonical reference, e.g. "OCOP7K2M9XQA1F". */
  reference: string;
  orderKey: string;
  /** The producer's sub-order, numbered from 1 in the order; null for the whole order. */
  subOrder: number | null;
}

/** GF(32) as polynomials over GF(2) modulo the primitive x⁵ + x² + 1: antilog and log tables of x. */
const FIELD_SIZE = 32;
const PRIMITIVE_POLYNOMIAL = 0b100101;
const EXP: number[] = [];
const LOG: number[] = new Array<number>(FIELD_SIZE).fill(0);
for (let power = 0, value = 1; power < FIELD_SIZE - 1; power++) {
  EXP.push(value);
  LOG[value] = power;
  value <<= 1;
  if (value & FIELD_SIZE) value ^= PRIMITIVE_POLYNOMIAL;
}

const multiply = (a: number, b: number) => (a === 0 || b === 0 ? 0 : EXP[(LOG[a]! + LOG[b]!) % (FIELD_SIZE - 1)]!);

/** The check character of the ten symbols after the prefix but the last, the check itself having weight x⁰. */
function checkCharacter(values: number[]): string {
  let sum = 0;
  values.forEach((value, index) => {
    sum ^= multiply(EXP[index + 1]!, value);
  });
  return CROCKFORD_ALPHABET[sum]!;
}

/** A new order key from at least 5 random bytes the caller drew (crypto.getRandomValues). */
export const newOrderKey = (randomBytes: Uint8Array): string => encodeCrockford(randomBytes, ORDER_KEY_LENGTH);

/** The reference of an order (subOrder null) or of one producer's sub-order in it. */
export function orderReference(orderKey: string, subOrder: number | null): string {
  if (!ORDER_KEY_PATTERN.test(orderKey)) throw new RangeError(`not an order key: ${orderKey}`);
  if (subOrder !== null && !(Number.isInteger(subOrder) && subOrder >= 1 && subOrder <= MAX_SUB_ORDERS)) {
    throw new RangeError(`not a sub-order number: ${subOrder}`);
  }
  const body = orderKey + CROCKFORD_ALPHABET[subOrder ?? 0];
  return ORDER_REFERENCE_PREFIX + body + checkCharacter([...body].map((symbol) => CROCKFORD_ALPHABET.indexOf(symbol)));
}

/** "OCOP7K2M9XQA1F" → "OCOP 7K2M 9XQA 1F", easier to read out and copy by eye. */
export function formatOrderReference(reference: string): string {
  const after = reference.slice(ORDER_REFERENCE_PREFIX.length);
  return [ORDER_REFERENCE_PREFIX, after.slice(0, 4), after.slice(4, 8), after.slice(8)].join(' ');
}

/** A symbol's value with Crockford's aliases for the letters it leaves out; -1 for anything else. */
function symbolValue(character: string): number {
  if (character === 'O') return 0;
  if (character === 'I' || character === 'L') return 1;
  return CROCKFORD_ALPHABET.indexOf(character);
}

/**
 * What buyers and banks put between the characters of a reference: spaces, dots (banks write
 * "MBVCB.123456.…"), dashes, underscores, slashes and the like. Anything else ends a reference.
 */
const SEPARATOR = /[\s.\-_/\\,:;+#|]/;
/** The prefix as buyers type it, 0 for O included. */
const PREFIX_PATTERN = /[O0]C[O0]P/g;

/** The ten symbol values after the prefix ending at `from`, or null when something else comes first. */
function symbolsAfter(text: string, from: number): number[] | null {
  const values: number[] = [];
  for (let at = from; at < text.length && values.length < SYMBOLS_AFTER_PREFIX; at++) {
    const character = text[at]!;
    if (SEPARATOR.test(character)) continue;
    const value = symbolValue(character);
    if (value < 0) return null;
    values.push(value);
  }
  return values.length === SYMBOLS_AFTER_PREFIX ? values : null;
}

function readReference(values: number[]): OrderReference | null {
  const body = values.slice(0, -1);
  const check = CROCKFORD_ALPHABET[values.at(-1)!]!;
  if (checkCharacter(body) !== check) return null;
  const orderKey = body
    .slice(0, ORDER_KEY_LENGTH)
    .map((value) => CROCKFORD_ALPHABET[value])
    .join('');
  const part = body[ORDER_KEY_LENGTH]!;
  return { reference: orderReference(orderKey, part || null), orderKey, subOrder: part || null };
}

/** ASCII letters in upper case only: String#toUpperCase would turn "ß" into "SS" and shift positions. */
const upperAscii = (text: string) => text.replace(/[a-z]/g, (letter) => letter.toUpperCase());

/**
 * Every valid reference inside a transfer's content, in the order they appear, each once. The
 * content may be in any case, with separators inside the reference, bank prefixes and Vietnamese
 * text around it. More than one reference, or one that names no order, is for a person to resolve.
 */
export function findOrderReferences(content: string): OrderReference[] {
  const text = upperAscii(content);
  const found = new Map<string, OrderReference>();
  for (const prefix of text.matchAll(PREFIX_PATTERN)) {
    const values = symbolsAfter(text, prefix.index + ORDER_REFERENCE_PREFIX.length);
    const reference = values && readReference(values);
    if (reference && !found.has(reference.reference)) found.set(reference.reference, reference);
  }
  return [...found.values()];
}

/** A reference typed on its own (a search box, a staff form), or null when it is not exactly one. */
export function parseOrderReference(input: string): OrderReference | null {
  const text = upperAscii(input.trim());
  if (!/^[O0]C[O0]P/.test(text)) return null;
  const rest = text.slice(ORDER_REFERENCE_PREFIX.length);
  const values = symbolsAfter(rest, 0);
  const symbolCount = [...rest].filter((character) => !SEPARATOR.test(character)).length;
  if (!values || symbolCount !== SYMBOLS_AFTER_PREFIX) return null;
  return readReference(values);
}
