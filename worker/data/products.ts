/**
 * Products: inserting them with the search text the FTS index reads, keeping their catalogue
 * fields in step with their certifications, and the producer portal's reads and changes (listing,
 * visibility, pack sizes, stock, photos). Every change goes in one batch with its audit entry, so
 * a change is never written without its record, nor half written. Public reads live in catalogue.ts.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import {
  certifications,
  producers,
  productGroups,
  productImages,
  productVariants,
  products,
  stockAdjustments,
} from '../../db/schema';
import { MIN_CERTIFIED_STARS } from '../domain/certification';
import { problem } from '../domain/errors';
import { foldVietnamese, productSearchText } from '../domain/text';
import { auditStatement } from './audit';
import { withConstraints } from './constraints';
import type { Database } from './db';

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const pickKeys = <T extends object, K extends keyof T>(row: T, keys: K[]) =>
  Object.fromEntries(keys.map((key) => [key, row[key]]));

export type NewProduct = Omit<typeof products.$inferInsert, 'nameNormalized' | 'searchText' | 'producerId'> & {
  producerId: number | SQL;
};

/** The names around a product that its search text includes. */
export interface SearchContext {
  producerName: string;
  provinceName: string;
  groupName: string;
}

/** Insert a product with the folded name and search text the FTS index reads. */
export function insertProduct(db: Database, product: NewProduct, context: SearchContext) {
  const searchText = productSearchText([product.nameEn, context.producerName, context.provinceName, context.groupName]);
  return db
    .insert(products)
    .values({ ...product, nameNormalized: foldVietnamese(product.nameVi), searchText })
    .returning({ id: products.id });
}

/**
 * Keep the catalogue fields of products (certification_id, ocop_stars,
 * certified_until) equal to their latest certification of 3 stars or more
 * that was not superseded; stars and date stay empty unless it is active.
 * A statement, so callers put it in the same batch as the change that needs it.
 */
export function refreshCatalogueFieldsWhere(db: Database, where: SQL) {
  const latest = sql`FROM ${certifications}
    WHERE ${certifications.productId} = ${products.id}
      AND ${certifications.status} != 'superseded'
      AND ${certifications.stars} >= ${MIN_CERTIFIED_STARS}
    ORDER BY ${certifications.decisionDate} DESC, ${certifications.id} DESC LIMIT 1`;
  return db
    .update(products)
    .set({
      certificationId: sql`(SELECT ${certifications.id} ${latest})`,
      ocopStars: sql`(SELECT CASE WHEN ${certifications.status} = 'active' THEN ${certifications.stars} END ${latest})`,
      certifiedUntil: sql`(SELECT CASE WHEN ${certifications.status} = 'active' THEN ${certifications.validUntil} END ${latest})`,
      updatedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    })
    .where(where);
}

export const refreshCatalogueFields = (db: Database, productId: number) =>
  refreshCatalogueFieldsWhere(db, eq(products.id, productId));

export async function listPortalProducts(db: Database, producerId: number) {
  const [producerRows, items] = await db.batch([
    db.select({ id: producers.id, name: producers.name }).from(producers).where(eq(producers.id, producerId)),
    db
      .select({
        id: products.id,
        slug: products.slug,
        nameVi: products.nameVi,
        price: products.price,
        stock: products.stock,
        unit: products.unit,
        isPublished: products.isPublished,
        ocopStars: products.ocopStars,
        certifiedUntil: products.certifiedUntil,
      })
      .from(products)
      .where(eq(products.producerId, producerId))
      .orderBy(asc(products.nameVi))
      .limit(500),
  ]);
  const [producer] = producerRows;
  return producer ? { producer, items } : null;
}

export const STOCK_HISTORY_LIMIT = 20;

/** A product and everything its edit page shows, in one round trip. */
export async function findProductForEdit(db: Database, productId: number) {
  const [productRows, producerRows, groupRows, variants, images, history, adjustments] = await db.batch([
    db.select().from(products).where(eq(products.id, productId)),
    db
      .select({ id: producers.id, name: producers.name })
      .from(producers)
      .where(
        sql`${producers.id} = (SELECT ${products.producerId} FROM ${products} WHERE ${products.id} = ${productId})`,
      ),
    db
      .select()
      .from(productGroups)
      .where(
        sql`${productGroups.id} = (SELECT ${products.groupId} FROM ${products} WHERE ${products.id} = ${productId})`,
      ),
    db
      .select()
      .from(productVariants)
      .where(eq(productVariants.productId, productId))
      .orderBy(asc(productVariants.sortOrder), asc(productVariants.id)),
    db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, productId))
      .orderBy(asc(productImages.sortOrder), asc(productImages.id)),
    db
      .select()
      .from(certifications)
      .where(eq(certifications.productId, productId))
      .orderBy(desc(certifications.decisionDate), desc(certifications.id)),
    db
      .select({
        id: stockAdjustments.id,
        delta: stockAdjustments.delta,
        stockAfter: stockAdjustments.stockAfter,
        reason: stockAdjustments.reason,
        createdAt: stockAdjustments.createdAt,
        variantId: stockAdjustments.variantId,
      })
      .from(stockAdjustments)
      .where(eq(stockAdjustments.productId, productId))
      .orderBy(desc(stockAdjustments.id))
      .limit(STOCK_HISTORY_LIMIT),
  ]);
  const [product] = productRows;
  const [producer] = producerRows;
  const [group] = groupRows;
  if (!product || !producer || !group) return null;
  return { product, producer, group, variants, images, history, adjustments };
}

export type ProductForEdit = NonNullable<Awaited<ReturnType<typeof findProductForEdit>>>;

/** Who made a change, for the audit log and the stock history. */
export interface Actor {
  userId: number;
}

/** The folded names around a product that its search text holds (see insertProduct). */
export interface SearchParts {
  nameEn: string | null;
  producerName: string;
  provinceName: string;
  groupName: string;
}

/** Recompute a product's search text; the FTS triggers follow the column. */
export function refreshSearchText(db: Database, productId: number, parts: SearchParts) {
  return db
    .update(products)
    .set({ searchText: productSearchText([parts.nameEn, parts.producerName, parts.provinceName, parts.groupName]) })
    .where(eq(products.id, productId));
}

/**
 * A product with variants shows the lowest variant price and the summed
 * variant stock in the catalogue (worker/domain/inventory.ts); one without
 * variants keeps its own figures, which this leaves alone.
 */
export function refreshVariantFigures(db: Database, productId: number) {
  const ofVariants = (expression: ReturnType<typeof sql>) =>
    sql`(SELECT ${expression} FROM ${productVariants} WHERE ${productVariants.productId} = ${productId})`;
  return db
    .update(products)
    .set({
      price: sql`${ofVariants(sql`min(${productVariants.price})`)}`,
      stock: sql`${ofVariants(sql`coalesce(sum(${productVariants.stock}), 0)`)}`,
      updatedAt: now,
    })
    .where(
      and(
        eq(products.id, productId),
        sql`EXISTS (SELECT 1 FROM ${productVariants} WHERE ${productVariants.productId} = ${productId})`,
      ),
    );
}

export interface ListingChange {
  nameEn: string | null;
  descriptionVi: string | null;
  descriptionEn: string | null;
  storyVi: string | null;
  storyEn: string | null;
  unit: string;
  soldAtPointsOnly: boolean;
  /** Undefined when variants decide the price. */
  price?: number | null;
}

export async function updateListing(
  db: Database,
  actor: Actor,
  before: ProductForEdit['product'],
  change: ListingChange,
  search: SearchParts,
) {
  await db.batch([
    db
      .update(products)
      .set({ ...change, updatedAt: now })
      .where(eq(products.id, before.id)),
    refreshSearchText(db, before.id, search),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'product.update_listing',
      entity: 'product',
      entityId: before.id,
      before: pickKeys(before, Object.keys(change) as (keyof ListingChange)[]),
      after: change,
    }),
  ]);
}

export async function setPublished(db: Database, actor: Actor, productId: number, isPublished: boolean) {
  await db.batch([
    db.update(products).set({ isPublished, updatedAt: now }).where(eq(products.id, productId)),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: isPublished ? 'product.publish' : 'product.unpublish',
      entity: 'product',
      entityId: productId,
      after: { isPublished },
    }),
  ]);
}

const gtinTaken = { 'UNIQUE product_variants.gtin': problem('gtin', 'gtin_taken') } as const;

export interface VariantFields {
  labelVi: string;
  labelEn: string | null;
  price: number;
  gtin: string | null;
}

/** A new pack size starts with no stock: stock arrives through an adjustment, so it has a history. */
export async function addVariant(db: Database, actor: Actor, productId: number, fields: VariantFields) {
  const nextSort = sql`(SELECT coalesce(max(${productVariants.sortOrder}), -1) + 1 FROM ${productVariants} WHERE ${productVariants.productId} = ${productId})`;
  await withConstraints(
    () =>
      db.batch([
        db.insert(productVariants).values({ productId, ...fields, stock: 0, sortOrder: nextSort }),
        refreshVariantFigures(db, productId),
        auditStatement(db, {
          actorUserId: actor.userId,
          action: 'variant.create',
          entity: 'product',
          entityId: productId,
          after: fields,
        }),
      ]),
    gtinTaken,
  );
}

export async function updateVariant(
  db: Database,
  actor: Actor,
  before: ProductForEdit['variants'][number],
  fields: VariantFields,
) {
  await withConstraints(
    () =>
      db.batch([
        db
          .update(productVariants)
          .set(fields)
          .where(and(eq(productVariants.id, before.id), eq(productVariants.productId, before.productId))),
        refreshVariantFigures(db, before.productId),
        auditStatement(db, {
          actorUserId: actor.userId,
          action: 'variant.update',
          entity: 'product_variant',
          entityId: before.id,
          before: pickKeys(before, ['labelVi', 'labelEn', 'price', 'gtin']),
          after: fields,
        }),
      ]),
    gtinTaken,
  );
}

export interface StockChange {
  productId: number;
  variantId: number | null;
  delta: number;
  /** Reason code and note as stored (see worker/domain/inventory.ts storedReason). */
  reason: string;
}

/**
 * Apply a stock change and record it. The history row reads the stock after
 * the update and is NULL when it went below zero, which the NOT NULL column
 * refuses: the whole batch then rolls back, so two concurrent adjustments can
 * never take stock negative even though each was checked against a read.
 */
export async function adjustStock(db: Database, actor: Actor, change: StockChange) {
  const { productId, variantId, delta } = change;
  const stockAfter =
    variantId === null
      ? sql<number>`(SELECT CASE WHEN ${products.stock} >= 0 THEN ${products.stock} END FROM ${products} WHERE ${products.id} = ${productId})`
      : sql<number>`(SELECT CASE WHEN ${productVariants.stock} >= 0 THEN ${productVariants.stock} END FROM ${productVariants} WHERE ${productVariants.id} = ${variantId})`;
  const applied =
    variantId === null
      ? db
          .update(products)
          .set({ stock: sql`${products.stock} + ${delta}`, updatedAt: now })
          .where(eq(products.id, productId))
      : db
          .update(productVariants)
          .set({ stock: sql`${productVariants.stock} + ${delta}` })
          .where(and(eq(productVariants.id, variantId), eq(productVariants.productId, productId)));
  await withConstraints(
    () =>
      db.batch([
        applied,
        db
          .insert(stockAdjustments)
          .values({ productId, variantId, delta, stockAfter, reason: change.reason, userId: actor.userId }),
        refreshVariantFigures(db, productId),
        auditStatement(db, {
          actorUserId: actor.userId,
          action: 'stock.adjust',
          entity: 'product',
          entityId: productId,
          after: change,
        }),
      ]),
    // An adjustment that raced another and would have taken the stock below zero.
    { 'NOT NULL stock_adjustments.stock_after': problem('delta', 'stock_changed') },
  );
}

export interface NewImage {
  url: string;
  altVi: string;
  altEn: string | null;
  width: number | null;
  height: number | null;
}

export async function addImage(db: Database, actor: Actor, productId: number, image: NewImage) {
  const nextSort = sql`(SELECT coalesce(max(${productImages.sortOrder}), -1) + 1 FROM ${productImages} WHERE ${productImages.productId} = ${productId})`;
  await db.batch([
    db.insert(productImages).values({ productId, ...image, sortOrder: nextSort }),
    db.update(products).set({ updatedAt: now }).where(eq(products.id, productId)),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'product_image.create',
      entity: 'product',
      entityId: productId,
      after: image,
    }),
  ]);
}

export async function removeImage(db: Database, actor: Actor, image: ProductForEdit['images'][number]) {
  await db.batch([
    db.delete(productImages).where(and(eq(productImages.id, image.id), eq(productImages.productId, image.productId))),
    db.update(products).set({ updatedAt: now }).where(eq(products.id, image.productId)),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'product_image.delete',
      entity: 'product',
      entityId: image.productId,
      before: image,
    }),
  ]);
}
