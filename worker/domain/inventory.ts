/**
 * Stock and price rules of a listing.
 *
 * The catalogue reads products.price and products.stock only. A product with
 * pack-size variants therefore carries the lowest variant price ("from" price)
 * and the sum of variant stocks; the data layer recomputes both in the same
 * batch as every variant or variant-stock change. A product without variants
 * has its own price and stock.
 */

export const stockReasons = ['received', 'sold_offline', 'damaged', 'returned', 'correction'] as const;
export type StockReason = (typeof stockReasons)[number];

/** At or below this many units, the dashboard asks the producer to restock. */
export const LOW_STOCK_THRESHOLD = 5;

export const MAX_STOCK = 1_000_000;

export const isLowStock = (stock: number) => stock <= LOW_STOCK_THRESHOLD;

/** The stock after an adjustment, or null when it would go below zero. */
export function adjustedStock(current: number, delta: number): number | null {
  const after = current + delta;
  return after < 0 ? null : after;
}

/** What the catalogue shows for a product with these variants (null price and zero stock without any). */
export function catalogueFigures(variants: { price: number; stock: number }[]): {
  price: number | null;
  stock: number;
} {
  if (variants.length === 0) return { price: null, stock: 0 };
  return {
    price: Math.min(...variants.map((v) => v.price)),
    stock: variants.reduce((sum, v) => sum + v.stock, 0),
  };
}

export const MAX_REASON_NOTE = 200;

/** The history keeps one reason text: the closed code, then the producer's own note. */
export const storedReason = (code: StockReason, note: string | null) => (note ? `${code}: ${note}` : code);

/**
 * Stock the marketplace moves itself: taken when an order is placed (or a late payment revives
 * it), given back when an unpaid part expires or a part is cancelled. Never offered on the form.
 */
export const orderStockReasons = ['order_reserved', 'order_released'] as const;
export type OrderStockReason = (typeof orderStockReasons)[number];

const storedReasons = [...stockReasons, ...orderStockReasons];

export function readReason(stored: string): { code: StockReason | OrderStockReason | null; note: string | null } {
  const [head, ...rest] = stored.split(': ');
  const code = storedReasons.find((reason) => reason === head) ?? null;
  if (!code) return { code: null, note: stored };
  return { code, note: rest.join(': ') || null };
}
