/** GS1 identification keys on packs: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14. */

const GTIN_FORMAT = /^(?:\d{8}|\d{12}|\d{13}|\d{14})$/;

/** The mod-10 check digit of a GTIN body (every digit but the last): weights 3, 1, 3, … from the right. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(gtin: string): boolean {
  return GTIN_FORMAT.test(gtin) && gtinCheckDigit(gtin.slice(0, -1)) === Number(gtin.slice(-1));
}

/** What a producer typed, without the spaces and dashes printed under barcodes. */
export const compactGtin = (input: string) => input.replace(/[\s-]/g, '');

/**
 * A valid GTIN-8, -12, -13 or -14 in the one form the platform stores and compares: 14 digits,
 * padded with leading zeros as GS1 pads them (Digital Link prints this form too). `8936045120019`
 * and `08936045120019` are one GTIN, so they must be one value in the database.
 */
export const toGtin14 = (gtin: string): string => gtin.padStart(14, '0');
