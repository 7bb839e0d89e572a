/** GS1 check digits, so seeded GTINs pass the validation real scanners apply. */

/** The mod-10 check digit of a GTIN body (all digits but the last): weights 3,1,3,... from the right. */
export function gtinCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return String((10 - (sum % 10)) % 10);
}

/** A full GTIN from its body: 12 digits give a GTIN-13, 13 digits a GTIN-14. */
export const withCheckDigit = (body: string) => body + gtinCheckDigit(body);

/** GTIN-14 of a pack of a GTIN-13 item: indicator digit 1-8 in front, check digit recomputed. */
export const packGtin = (gtin13: string, indicator: number) => withCheckDigit(`${indicator}${gtin13.slice(0, 12)}`);

export function isValidGtin(gtin: string): boolean {
  return /^\d{8}$|^\d{12,14}$/.test(gtin) && gtinCheckDigit(gtin.slice(0, -1)) === gtin.slice(-1);
}
