/**
 * The cart: lines added and changed only as far as the products allow (on sale, deliverable, in
 * stock), every price read from the server's rows. The cart itself holds quantities; stock is
 * taken only when an order is placed (services/checkout.ts).
 */
import { randomToken } from '../crypto/random';
import {
  addCartLine,
  cartExists,
  claimCart,
  findCartLines,
  findProductForCart,
  insertCartWithLines,
  latestCartOf,
  productForSale,
  setCartLineQuantity,
  type CartLineRow,
  type ProductForCartRow,
} from '../data/carts';
import type { Database } from '../data/db';
import {
  cartRefusal,
  checkCart,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  mergeCartLines,
  type CartCheck,
} from '../domain/cart';
import { lineProblem } from '../domain/checkout';
import { notFound, problem, refused, type FieldProblem } from '../domain/errors';

export interface CartContents {
  lines: CartLineRow[];
  check: CartCheck;
  /** Each line's refusal as a person reads it, by line id. */
  problems: Map<number, FieldProblem>;
}

const LIMITS = { maxQuantity: MAX_LINE_QUANTITY, maxLines: MAX_CART_LINES };

/** A cart token as the cookie or an API path carries it: what randomToken() makes. */
export const CART_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newCartToken = (): string => randomToken();

/** The cart's lines as the products are now, checked: priced lines and what is wrong with the others. */
export async function cartContents(db: Database, cartId: string | null, today: string): Promise<CartContents> {
  const lines = cartId ? await findCartLines(db, cartId, today) : [];
  return judgeLines(lines);
}

/** Checks lines already read (the checkout reads them in its own batch). */
export function judgeLines(lines: CartLineRow[]): CartContents {
  const check = checkCart(
    lines.map((line) => ({ productId: line.productId, variantId: line.variantId, quantity: line.quantity })),
    lines.map(productForSale),
  );
  const problems = new Map<number, FieldProblem>();
  const names = { product: (id: number) => lines.find((line) => line.productId === id)?.nameVi ?? String(id) };
  for (const issue of check.issues) {
    const line = lines.find(
      (candidate) => candidate.productId === issue.productId && candidate.variantId === issue.variantId,
    );
    if (line) problems.set(line.lineId, lineProblem(issue, { ...names, producer: String }, LIMITS));
  }
  return { lines, check, problems };
}

const forSale = (row: ProductForCartRow) => ({
  id: row.productId,
  producerId: row.producerId,
  groupCode: row.groupCode,
  isPublished: row.listed,
  soldAtPointsOnly: row.soldAtPointsOnly,
  price: row.price,
  stock: row.stock,
  variants: row.variants,
});

export interface AddToCart {
  productId: number;
  variantId: number | null;
  quantity: number;
}

/**
 * Adds units of a product (or pack size) to the cart, making the cart when there is none yet:
 * refused with the reason when the product cannot be bought online, or when the cart would then
 * hold more than the stock. Answers the cart's token.
 */
export async function addToCart(
  db: Database,
  cart: { id: string | null; userId: number | null },
  line: AddToCart,
  today: string,
): Promise<string> {
  const row = await findProductForCart(db, cart.id, line.productId, line.variantId, today);
  if (!row) throw refused(problem('productId', 'unknown_product'));
  const product = row.nameVi;
  const refusal = cartRefusal(forSale(row));
  if (refusal) throw refused(problem('cart', refusal, { product }));
  if (row.inCart === 0 && row.lineCount >= MAX_CART_LINES) {
    throw refused(problem('cart', 'too_many_lines', { max: MAX_CART_LINES }));
  }
  const { issues } = checkCart(
    [{ productId: line.productId, variantId: line.variantId, quantity: row.inCart + line.quantity }],
    [forSale(row)],
  );
  const [issue] = issues;
  if (issue) throw refused(lineProblem(issue, { product: () => product, producer: String }, LIMITS));
  const cartId = cart.id ?? newCartToken();
  await addCartLine(db, { id: cartId, userId: cart.userId }, line, MAX_LINE_QUANTITY);
  return cartId;
}

/** A line's new quantity (0 removes it), checked against the stock as it is now. */
export async function changeCartLine(
  db: Database,
  cartId: string,
  lineId: number,
  quantity: number,
  today: string,
): Promise<void> {
  if (quantity > 0) {
    const lines = await findCartLines(db, cartId, today);
    const line = lines.find((candidate) => candidate.lineId === lineId);
    if (!line) throw notFound();
    const { issues } = checkCart(
      [{ productId: line.productId, variantId: line.variantId, quantity }],
      [productForSale(line)],
    );
    const [issue] = issues;
    if (issue) throw refused(lineProblem(issue, { product: () => line.nameVi, producer: String }, LIMITS));
  }
  if (!(await setCartLineQuantity(db, cartId, lineId, quantity))) throw notFound();
}

/**
 * A new cart for an API client with its first lines, each checked as adding it to the cart would
 * be (lines of the same product and pack size added up first): all of them, or no cart.
 */
export async function createCart(
  db: Database,
  userId: number | null,
  lines: AddToCart[],
  today: string,
): Promise<string> {
  const merged = mergeCartLines(lines);
  if (merged.length > MAX_CART_LINES) throw refused(problem('cart', 'too_many_lines', { max: MAX_CART_LINES }));
  for (const line of merged) {
    const row = await findProductForCart(db, null, line.productId, line.variantId, today);
    if (!row) throw refused(problem('productId', 'unknown_product'));
    const refusal = cartRefusal(forSale(row));
    if (refusal) throw refused(problem('cart', refusal, { product: row.nameVi }));
    const [issue] = checkCart([line], [forSale(row)]).issues;
    if (issue) throw refused(lineProblem(issue, { product: () => row.nameVi, producer: String }, LIMITS));
  }
  const cartId = newCartToken();
  await insertCartWithLines(db, { id: cartId, userId }, merged);
  return cartId;
}

/** An API client's cart, or 404. */
export async function requireCart(db: Database, cartId: string): Promise<void> {
  if (!CART_TOKEN_PATTERN.test(cartId) || !(await cartExists(db, cartId))) throw notFound();
}

/**
 * The cart a signed-in browser works with: the one its cookie names (now the user's), or the
 * user's latest from another browser. Null when there is neither.
 */
export async function cartAfterSignIn(db: Database, cookieCart: string | null, userId: number): Promise<string | null> {
  if (cookieCart) {
    await claimCart(db, cookieCart, userId);
    return cookieCart;
  }
  return latestCartOf(db, userId);
}

/** An API client's cart as it is now (404 for a token no cart has). */
export async function apiCart(db: Database, cartId: string, today: string): Promise<CartContents> {
  await requireCart(db, cartId);
  return cartContents(db, cartId, today);
}

/** Adds to an API client's cart and answers the cart. */
export async function addToApiCart(
  db: Database,
  cartId: string,
  line: AddToCart,
  today: string,
): Promise<CartContents> {
  await requireCart(db, cartId);
  await addToCart(db, { id: cartId, userId: null }, line, today);
  return cartContents(db, cartId, today);
}

/** Changes a line of an API client's cart and answers the cart. */
export async function changeApiCartLine(
  db: Database,
  cartId: string,
  lineId: number,
  quantity: number,
  today: string,
): Promise<CartContents> {
  await requireCart(db, cartId);
  await changeCartLine(db, cartId, lineId, quantity, today);
  return cartContents(db, cartId, today);
}

/** Creates an API client's cart and answers it. */
export async function newApiCart(db: Database, lines: AddToCart[], today: string) {
  const cartId = await createCart(db, null, lines, today);
  return { cartId, contents: await cartContents(db, cartId, today) };
}
