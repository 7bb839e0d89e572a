/** Money is integer đồng: VND has no minor unit. */
import { formatNumber } from './numbers';

/** 150000 → "150.000 ₫", the Vietnamese way, whatever the page language. */
export function formatVnd(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an integer amount of đồng: ${amount}`);
  return `${formatNumber(amount)} ₫`;
}

/**
 * Totals are added up in doubles, which hold integers exactly only up to Number.MAX_SAFE_INTEGER:
 * past it a sum is silently rounded. These give null there instead, for the caller to refuse.
 */
export function sumDong(amounts: readonly number[]): number | null {
  let total = 0;
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) return null;
    total += amount;
    if (!Number.isSafeInteger(total)) return null;
  }
  return total;
}

/** unitPrice × quantity, or null when either is not a safe integer or the product is not. */
export function timesDong(unitPrice: number, quantity: number): number | null {
  const product = unitPrice * quantity;
  return Number.isSafeInteger(unitPrice) && Number.isSafeInteger(quantity) && Number.isSafeInteger(product)
    ? product
    : null;
}
