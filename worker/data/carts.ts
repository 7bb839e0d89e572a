/**
 * Carts and their lines. A cart is a random token (the cookie's value, or an API client's); its
 * lines name a product, a pack size and a quantity, never a price: every read joins the products as
 * they are now, so the cart page, the checkout and the order all price from the server's rows.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import {
  cartItems,
  carts,
  orders,
  producers,
  productGroups,
  productImages,
  productVariants,
  products,
} from '../../db/schema';
import { MIN_CERTIFIED_STARS } from '../domain/certification';
import type { ProductForSale } from '../domain/cart';
import { aliased } from './aliased';
import { jsonRows } from './catalogue';
import type { Database } from './db';
import { pickupPlaceStatements, toPickupPlaces } from './pickup-places';
import { prepared, preparedBatch } from './prepared';
import { checkoutProducersQuery } from './producers';
import { communesOfProvince } from './reference';

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const lineKeyOf = (productId: number, variantId: number | null) => `${productId}:${variantId ?? ''}`;

/** On sale on `today`: published and holding a current OCOP certification, as the catalogue lists it. */
const listedOn = (today: SQL) =>
  sql<number>`(${products.isPublished} = 1 AND ${products.ocopStars} >= ${MIN_CERTIFIED_STARS} AND ${products.certifiedUntil} >= ${today})`;

const firstImageUrl = sql<string | null>`(SELECT ${productImages.url} FROM ${productImages}
  WHERE ${productImages.productId} = ${products.id} ORDER BY ${productImages.sortOrder} LIMIT 1)`;

/** Everything a line shows and is checked with, the product's pack sizes riding along as JSON. */
const lineColumns = (today: SQL) => ({
  lineId: cartItems.id,
  productId: cartItems.productId,
  variantId: cartItems.variantId,
  quantity: cartItems.quantity,
  slug: products.slug,
  nameVi: products.nameVi,
  nameEn: products.nameEn,
  unit: products.unit,
  price: products.price,
  stock: products.stock,
  producerId: products.producerId,
  soldAtPointsOnly: products.soldAtPointsOnly,
  listed: listedOn(today).mapWith(Boolean).as('listed'),
  groupCode: aliased(productGroups.code, 'group_code'),
  producerName: aliased(producers.name, 'producer_name'),
  producerSlug: aliased(producers.slug, 'producer_slug'),
  variantLabelVi: aliased(productVariants.labelVi, 'variant_label_vi'),
  variantLabelEn: aliased(productVariants.labelEn, 'variant_label_en'),
  imageUrl: firstImageUrl.as('image_url'),
  variants: jsonRows(
    { id: productVariants.id, price: productVariants.price, stock: productVariants.stock },
    sql`FROM ${productVariants} WHERE ${productVariants.productId} = ${products.id}`,
  ).as('variants'),
});

const cartLinesQuery = (db: Database, cartId: SQL, today: SQL) =>
  db
    .select(lineColumns(today))
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .innerJoin(producers, eq(producers.id, products.producerId))
    .innerJoin(productGroups, eq(productGroups.id, products.groupId))
    .leftJoin(productVariants, eq(productVariants.id, cartItems.variantId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.id));

/** The cart page's one statement, built once per isolate: the page is loaded on every step of a purchase. */
const cartLinesStatement = prepared((db) =>
  cartLinesQuery(db, sql`${sql.placeholder('cartId')}`, sql`${sql.placeholder('today')}`).prepare(),
);

export type CartLineRow = Awaited<ReturnType<ReturnType<typeof cartLinesStatement>['execute']>>[number];

/** The lines of a cart, oldest first, each with its product as the server has it now. */
export async function findCartLines(db: Database, cartId: string, today: string): Promise<CartLineRow[]> {
  return cartLinesStatement(db).execute({ cartId, today });
}

/** A line's product as the cart rules (worker/domain/cart.ts) judge it. */
export const productForSale = (row: CartLineRow): ProductForSale => ({
  id: row.productId,
  producerId: row.producerId,
  groupCode: row.groupCode,
  isPublished: row.listed,
  soldAtPointsOnly: row.soldAtPointsOnly,
  price: row.price,
  stock: row.stock,
  variants: row.variants,
});

/** One product as the add-to-cart form names it, with the quantity of it the cart already holds. */
export async function findProductForCart(
  db: Database,
  cartId: string | null,
  productId: number,
  variantId: number | null,
  today: string,
) {
  const inCart = cartId
    ? sql<number>`coalesce((SELECT ${cartItems.quantity} FROM ${cartItems}
        WHERE ${cartItems.cartId} = ${cartId} AND ${cartItems.lineKey} = ${lineKeyOf(productId, variantId)}), 0)`
    : sql<number>`0`;
  const lineCount = cartId
    ? sql<number>`(SELECT count(*) FROM ${cartItems} WHERE ${cartItems.cartId} = ${cartId})`
    : sql<number>`0`;
  const [row] = await db
    .select({
      productId: products.id,
      producerId: products.producerId,
      nameVi: products.nameVi,
      nameEn: products.nameEn,
      slug: products.slug,
      price: products.price,
      stock: products.stock,
      soldAtPointsOnly: products.soldAtPointsOnly,
      listed: listedOn(sql`${today}`).mapWith(Boolean),
      groupCode: aliased(productGroups.code, 'group_code'),
      variants: jsonRows(
        { id: productVariants.id, price: productVariants.price, stock: productVariants.stock },
        sql`FROM ${productVariants} WHERE ${productVariants.productId} = ${products.id}`,
      ),
      inCart: inCart.mapWith(Number),
      lineCount: lineCount.mapWith(Number),
    })
    .from(products)
    .innerJoin(productGroups, eq(productGroups.id, products.groupId))
    .where(eq(products.id, productId));
  return row ?? null;
}

export type ProductForCartRow = NonNullable<Awaited<ReturnType<typeof findProductForCart>>>;

export async function cartExists(db: Database, cartId: string): Promise<boolean> {
  const [row] = await db.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId));
  return row !== undefined;
}

/**
 * Adds `quantity` to the cart's line for this product and pack size, making the cart and the line
 * as needed, in one batch. The quantity adds up in SQL, so two adds at once both count.
 */
export async function addCartLine(
  db: Database,
  cart: { id: string; userId: number | null },
  line: { productId: number; variantId: number | null; quantity: number },
  maxQuantity: number,
): Promise<void> {
  await db.batch([
    db
      .insert(carts)
      .values({ id: cart.id, userId: cart.userId })
      .onConflictDoUpdate({
        target: carts.id,
        set: { updatedAt: now, userId: sql`coalesce(${carts.userId}, excluded.user_id)` },
      }),
    db
      .insert(cartItems)
      .values({ cartId: cart.id, ...line, lineKey: lineKeyOf(line.productId, line.variantId) })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.lineKey],
        set: { quantity: sql`min(${cartItems.quantity} + excluded.quantity, ${maxQuantity})` },
      }),
  ]);
}

/** Sets a line's quantity; 0 removes it. False when the cart has no such line. */
export async function setCartLineQuantity(
  db: Database,
  cartId: string,
  lineId: number,
  quantity: number,
): Promise<boolean> {
  const where = and(eq(cartItems.id, lineId), eq(cartItems.cartId, cartId));
  const [changed] = await db.batch([
    quantity === 0
      ? db.delete(cartItems).where(where).returning({ id: cartItems.id })
      : db.update(cartItems).set({ quantity }).where(where).returning({ id: cartItems.id }),
    db.update(carts).set({ updatedAt: now }).where(eq(carts.id, cartId)),
  ]);
  return changed.length > 0;
}

/** A cart made before signing in becomes the user's, unless it already is someone's. */
export async function claimCart(db: Database, cartId: string, userId: number): Promise<void> {
  await db
    .update(carts)
    .set({ userId, updatedAt: now })
    .where(and(eq(carts.id, cartId), sql`${carts.userId} IS NULL`));
}

/** The user's most recent cart, for a browser that signs in without one. */
export async function latestCartOf(db: Database, userId: number): Promise<string | null> {
  const [row] = await db
    .select({ id: carts.id })
    .from(carts)
    .where(eq(carts.userId, userId))
    .orderBy(desc(carts.updatedAt))
    .limit(1);
  return row?.id ?? null;
}

/** Checkout's one read, built once per isolate: it runs on every step and every placement. */
function checkoutStatements(db: Database) {
  const cartId = sql`${sql.placeholder('cartId')}`;
  const today = sql`${sql.placeholder('today')}`;
  const producerIds = sql`(SELECT DISTINCT ${products.producerId} FROM ${cartItems}
    JOIN ${products} ON ${products.id} = ${cartItems.productId} WHERE ${cartItems.cartId} = ${cartId})`;
  return {
    placed: db
      .select()
      .from(orders)
      .where(and(eq(orders.cartId, cartId), eq(orders.idempotencyKey, sql.placeholder('idempotencyKey')))),
    lines: cartLinesQuery(db, cartId, today),
    producers: checkoutProducersQuery(db, producerIds),
    pickupPlaces: pickupPlaceStatements(db, producerIds, today),
    communes: communesOfProvince(db, sql.placeholder('provinceCode'), sql.placeholder('communeCode')),
  };
}

const checkoutBatch = preparedBatch((db) => {
  const read = checkoutStatements(db);
  return [read.placed, read.lines, read.producers, read.communes, ...read.pickupPlaces] as const;
});

/** The same read without where the parts can be picked up, for an order every part of which is shipped. */
const shippingCheckoutBatch = preparedBatch((db) => {
  const read = checkoutStatements(db);
  return [read.placed, read.lines, read.producers, read.communes] as const;
});

/**
 * Everything checkout decides with, in one round trip: the order this cart already placed with
 * this idempotency key (a form sent twice), the lines with their products as they are now, each
 * producer's shipping rule and account, where each producer's part can be picked up today (unless
 * the caller ships every part), and the communes of the province the buyer chose (or just the one
 * they chose).
 */
export async function findCheckout(
  db: Database,
  request: {
    cartId: string;
    idempotencyKey: string | null;
    today: string;
    provinceCode: string | null;
    /** Only this commune of the province (placing an order checks one); all of them by default (the form). */
    communeCode?: string | null;
    /** False when every part is shipped: no pick-up place is read (each producer then offers none). */
    pickupPlaces?: boolean;
  },
) {
  const values = {
    cartId: request.cartId,
    idempotencyKey: request.idempotencyKey ?? '',
    today: request.today,
    provinceCode: request.provinceCode ?? '',
    communeCode: request.communeCode ?? '',
  };
  const [placed, lines, producerRows, communeRows, points = [], booths = []] =
    request.pickupPlaces === false ? await shippingCheckoutBatch(db, values) : await checkoutBatch(db, values);
  const ids = producerRows.map((producer) => producer.id);
  return {
    placed: placed[0] ?? null,
    lines,
    producers: producerRows,
    pickupPlaces: toPickupPlaces(ids, [points, booths]),
    communes: communeRows,
  };
}

export type Checkout = Awaited<ReturnType<typeof findCheckout>>;

/** A new cart with its first lines, in one batch (an API client's cart is made whole or not at all). */
export async function insertCartWithLines(
  db: Database,
  cart: { id: string; userId: number | null },
  lines: { productId: number; variantId: number | null; quantity: number }[],
): Promise<void> {
  await db.batch([
    db.insert(carts).values({ id: cart.id, userId: cart.userId }),
    ...lines.map((line) =>
      db.insert(cartItems).values({ cartId: cart.id, ...line, lineKey: lineKeyOf(line.productId, line.variantId) }),
    ),
  ]);
}
