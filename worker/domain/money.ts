/** Money is integer đồng: VND has no minor unit. */

/** 150000 → "150.000 ₫", the Vietnamese way, whatever the page language. */
export function formatVnd(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an integer amount of đồng: ${amount}`);
  const digits = Math.abs(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${digits} ₫`;
}
