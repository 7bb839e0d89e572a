/**
 * Numbers as Vietnamese readers write them, in both languages of the platform (DOMAIN.md: Vietnamese
 * number formatting everywhere): thousands grouped with a dot, decimals after a comma. 1234567.5 is
 * "1.234.567,5", a score of 80.5 is "80,5", a label of 38.1 mm is "38,1". The one formatter behind
 * every number a page, a message or a print file shows; money adds its "₫" in money.ts.
 */

export interface NumberStyle {
  /** Decimals kept at most, rounded half away from zero; trailing zeros are dropped (2 by default). */
  maximumFractionDigits?: number;
  /** Decimals always shown, padded with zeros (0 by default). */
  minimumFractionDigits?: number;
  /** A plus sign before a positive number, as a stock change reads ("+10"). */
  signed?: boolean;
}

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

export function formatNumber(value: number, style: NumberStyle = {}): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const { maximumFractionDigits = 2, minimumFractionDigits = 0, signed = false } = style;
  // Whole numbers (money up to Number.MAX_SAFE_INTEGER among them) are spelt as they are; others are
  // rounded on the magnitude, so -2.5 and 2.5 round alike, and toFixed spells the rounded value.
  const scale = 10 ** maximumFractionDigits;
  const magnitude = Number.isInteger(value)
    ? Math.abs(value)
    : Math.round(Math.abs(value) * scale + Number.EPSILON * scale) / scale;
  const [whole, fraction = ''] = (
    Number.isInteger(magnitude) ? String(magnitude) : magnitude.toFixed(maximumFractionDigits)
  ).split('.') as [string, string?];
  const decimals = fraction.replace(/0+$/, '').padEnd(minimumFractionDigits, '0');
  const sign = magnitude === 0 ? '' : value < 0 ? '-' : signed ? '+' : '';
  return `${sign}${groupThousands(whole)}${decimals ? `,${decimals}` : ''}`;
}

/** A share as a percentage of a whole: 0.125 → "12,5%". */
export const formatPercent = (share: number, maximumFractionDigits = 1) =>
  `${formatNumber(share * 100, { maximumFractionDigits })}%`;
