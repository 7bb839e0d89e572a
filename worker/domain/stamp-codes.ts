/**
 * The random codes on a traceability stamp, written in Crockford Base32: upper-case letters and digits
 * only (so the QR stays in alphanumeric mode) and no I, L, O or U, which are read or typed wrongly.
 * Each character carries 5 random bits (worker/crypto/stamp-codes.ts draws them). Serials are never
 * sequential or derived from anything, so owning one stamp tells nothing about the next.
 */

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters: 60 random bits, printed in the stamp's URL. */
export const SERIAL_LENGTH = 12;
export const SERIAL_PATTERN = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** 8 characters: 40 random bits, printed under the scratch-off layer and stored only as an HMAC. */
export const PIN_LENGTH = 8;
export const PIN_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** 8 characters for a product without a GTIN, printed in its stamps' `/T/` URLs. */
export const TRACE_CODE_LENGTH = 8;

export const BITS_PER_CHARACTER = 5;

/**
 * The first `length` characters of `bytes` read as a big-endian bit string, 5 bits per character.
 * Throws when `bytes` holds fewer than `length * 5` bits.
 */
export function encodeCrockford(bytes: Uint8Array, length: number): string {
  if (bytes.length * 8 < length * BITS_PER_CHARACTER) {
    throw new RangeError(`${bytes.length} bytes cannot fill ${length} Crockford characters`);
  }
  let encoded = '';
  let buffer = 0;
  let bufferedBits = 0;
  let nextByte = 0;
  while (encoded.length < length) {
    if (bufferedBits < BITS_PER_CHARACTER) {
      buffer = (buffer << 8) | bytes[nextByte++]!;
      bufferedBits += 8;
    }
    bufferedBits -= BITS_PER_CHARACTER;
    encoded += CROCKFORD_ALPHABET[(buffer >> bufferedBits) & 0b11111];
    buffer &= (1 << bufferedBits) - 1;
  }
  return encoded;
}

export const isSerial = (candidate: string): boolean => SERIAL_PATTERN.test(candidate);

/** Spaces, hyphens and the dashes phone keyboards substitute for them (U+2010–U+2015, U+2212). */
const PIN_SEPARATORS = /[\s\u2010-\u2015\u2212-]/g;

/**
 * A PIN as a consumer typed it, in its canonical form: upper case, without separators, with
 * Crockford's decoding aliases (O reads as 0, I and L as 1). Null when what is left is not a PIN.
 * Only ASCII letters are folded: String#toUpperCase would read "ß" as "SS".
 */
export function normalisePin(input: string): string | null {
  const pin = input
    .replace(PIN_SEPARATORS, '')
    .replace(/[a-z]/g, (letter) => letter.toUpperCase())
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return PIN_PATTERN.test(pin) ? pin : null;
}
