/** Seeded GTINs, built with the same check-digit rule the portal validates (worker/domain/gtin.ts). */
import { gtinCheckDigit } from '../../worker/domain/gtin';

/** A full GTIN from its body: 12 digits give a GTIN-13, 13 digits a GTIN-14. */
export const withCheckDigit = (body: string) => `${body}${gtinCheckDigit(body)}`;

/** GTIN-14 of a pack of a GTIN-13 item: indicator digit 1-8 in front, check digit recomputed. */
export const packGtin = (gtin13: string, indicator: number) => withCheckDigit(`${indicator}${gtin13.slice(0, 12)}`);
