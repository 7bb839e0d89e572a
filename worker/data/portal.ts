/**
 * Reads and writes of the producer portal. Every page loads in one batch;
 * every change goes in one batch with its audit entry, so a change is never
 * written without its record, nor half written.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import {
  certifications,
  communes,
  lots,
  orders,
  producers,
  productGroups,
  productImages,
  productVariants,
  products,
  scanEvents,
  stampBatches,
  stamps,
  stockAdjustments,
  subOrders,
} from '../../db/schema';
import { MIN_CERTIFIED_STARS } from '../domain/certification';
import { addDays, EXPIRY_WARNING_DAYS, SCAN_CHART_DAYS } from '../domain/dashboard';
import { LOW_STOCK_THRESHOLD } from '../domain/inventory';
import { foldVietnamese, productSearchText } from '../domain/text';
import { auditStatement } from './audit';
import type { Database } from './db';
import { aliased } from './aliased';

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** Sub-orders waiting for the producer: paid (online) or confirmed (cash on delivery). */
const TO_FULFIL = ['paid', 'confirmed'] as const;

const productsOf = (producerId: number) =>
  sql`(SELECT ${products.id} FROM ${products} WHERE ${products.producerId} = ${producerId})`;

const isoUtc = (instant: string) => new Date(instant).toISOString();

export async function loadDashboard(db: Database, producerId: number, today: string) {
  // Scans are stored in UTC; the chart's days are Vietnamese days.
  const scanDay = sql<string>`date(${scanEvents.scannedAt}, '+7 hours')`;
  const since = `${addDays(today, -(SCAN_CHART_DAYS - 1))}T00:00:00+07:00`;
  const [producerRows, toFulfil, lowProducts, lowVariants, expiring, scans] = await db.batch([
    db.select({ id: producers.id, name: producers.name }).from(producers).where(eq(producers.id, producerId)),
    db
      .select({
        id: subOrders.id,
        code: orders.code,
        status: subOrders.status,
        total: subOrders.total,
        createdAt: subOrders.createdAt,
      })
      .from(subOrders)
      .innerJoin(orders, eq(orders.id, subOrders.orderId))
      .where(and(eq(subOrders.producerId, producerId), inArray(subOrders.status, [...TO_FULFIL])))
      .orderBy(asc(subOrders.createdAt))
      .limit(50),
    db
      .select({ id: products.id, name: products.nameVi, stock: products.stock })
      .from(products)
      .where(
        and(
          eq(products.producerId, producerId),
          lte(products.stock, LOW_STOCK_THRESHOLD),
          sql`NOT EXISTS (SELECT 1 FROM ${productVariants} WHERE ${productVariants.productId} = ${products.id})`,
        ),
      )
      .orderBy(asc(products.stock), asc(products.nameVi))
      .limit(50),
    db
      .select({
        productId: products.id,
        name: products.nameVi,
        label: productVariants.labelVi,
        stock: aliased(productVariants.stock, 'variant_stock'),
      })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(and(eq(products.producerId, producerId), lte(productVariants.stock, LOW_STOCK_THRESHOLD)))
      .orderBy(asc(productVariants.stock), asc(products.nameVi))
      .limit(50),
    db
      .select({
        productId: products.id,
        name: products.nameVi,
        stars: certifications.stars,
        decisionNumber: certifications.decisionNumber,
        validUntil: certifications.validUntil,
        status: certifications.status,
      })
      .from(certifications)
      .innerJoin(products, eq(products.id, certifications.productId))
      .where(
        and(
          eq(products.producerId, producerId),
          eq(certifications.status, 'active'),
          // A 1 or 2 star result is not a certificate: it never expires.
          gte(certifications.stars, MIN_CERTIFIED_STARS),
          gte(certifications.validUntil, today),
          lte(certifications.validUntil, addDays(today, EXPIRY_WARNING_DAYS)),
        ),
      )
      .orderBy(asc(certifications.validUntil)),
    db
      .select({ day: scanDay, count: sql<number>`count(*)` })
      .from(scanEvents)
      .innerJoin(stamps, eq(stamps.id, scanEvents.stampId))
      .innerJoin(stampBatches, eq(stampBatches.id, stamps.batchId))
      .innerJoin(lots, eq(lots.id, stampBatches.lotId))
      .where(and(sql`${lots.productId} IN ${productsOf(producerId)}`, gte(scanEvents.scannedAt, isoUtc(since))))
      .groupBy(scanDay),
  ]);
  const [producer] = producerRows;
  if (!producer) return null;
  return { producer, toFulfil, lowProducts, lowVariants, expiring, scans };
}

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

const pickKeys = <T extends object, K extends keyof T>(row: T, keys: K[]) =>
  Object.fromEntries(keys.map((key) => [key, row[key]]));

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

export interface VariantFields {
  labelVi: string;
  labelEn: string | null;
  price: number;
  gtin: string | null;
}

/** A new pack size starts with no stock: stock arrives through an adjustment, so it has a history. */
export async function addVariant(db: Database, actor: Actor, productId: number, fields: VariantFields) {
  const nextSort = sql`(SELECT coalesce(max(${productVariants.sortOrder}), -1) + 1 FROM ${productVariants} WHERE ${productVariants.productId} = ${productId})`;
  await db.batch([
    db.insert(productVariants).values({ productId, ...fields, stock: 0, sortOrder: nextSort }),
    refreshVariantFigures(db, productId),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'variant.create',
      entity: 'product',
      entityId: productId,
      after: fields,
    }),
  ]);
}

export async function updateVariant(
  db: Database,
  actor: Actor,
  before: ProductForEdit['variants'][number],
  fields: VariantFields,
) {
  await db.batch([
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
  ]);
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
  await db.batch([
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
  ]);
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

// ---------------------------------------------------------------- organisation profile

/** The profile, the communes of `provinceCode` (its own by default) and what search text refreshes need. */
export async function findProfile(db: Database, producerId: number, provinceCode?: string) {
  const province =
    provinceCode ?? sql`(SELECT ${producers.provinceCode} FROM ${producers} WHERE ${producers.id} = ${producerId})`;
  const [producerRows, communeRows, productRows] = await db.batch([
    db.select().from(producers).where(eq(producers.id, producerId)),
    db
      .select({ code: communes.code, nameVi: communes.fullNameVi, nameEn: communes.fullNameEn })
      .from(communes)
      .where(sql`${communes.provinceCode} = ${province}`)
      .orderBy(asc(communes.nameVi)),
    db
      .select({
        id: products.id,
        nameEn: products.nameEn,
        provinceCode: products.provinceCode,
        groupName: aliased(productGroups.nameVi, 'group_name'),
      })
      .from(products)
      .innerJoin(productGroups, eq(productGroups.id, products.groupId))
      .where(eq(products.producerId, producerId)),
  ]);
  const [producer] = producerRows;
  return producer ? { producer, communes: communeRows, products: productRows } : null;
}

export type Profile = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

export type ProfileChange = Pick<
  typeof producers.$inferInsert,
  | 'name'
  | 'kind'
  | 'taxCode'
  | 'provinceCode'
  | 'communeCode'
  | 'street'
  | 'phone'
  | 'zalo'
  | 'email'
  | 'website'
  | 'storyVi'
  | 'storyEn'
  | 'bankBin'
  | 'bankAccountNumber'
  | 'bankAccountName'
>;

/**
 * Save the profile. A new name or province changes what each product's
 * search text holds and where the catalogue files it, so both follow in the
 * same batch.
 */
export async function updateProfile(
  db: Database,
  actor: Actor,
  profile: Profile,
  change: ProfileChange,
  provinceNameOf: (code: string) => string,
) {
  const before = profile.producer;
  const followUps = profile.products.flatMap((product) => [
    refreshSearchText(db, product.id, {
      nameEn: product.nameEn,
      producerName: change.name,
      provinceName: provinceNameOf(change.provinceCode),
      groupName: product.groupName,
    }),
    ...(product.provinceCode === change.provinceCode
      ? []
      : [db.update(products).set({ provinceCode: change.provinceCode }).where(eq(products.id, product.id))]),
  ]);
  await db.batch([
    db
      .update(producers)
      .set({ ...change, nameNormalized: foldVietnamese(change.name), updatedAt: now })
      .where(eq(producers.id, before.id)),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'producer.update_profile',
      entity: 'producer',
      entityId: before.id,
      before: pickKeys(before, Object.keys(change) as (keyof ProfileChange)[]),
      after: change,
    }),
    ...followUps,
  ]);
}

/** Whether a failed write broke the unique index on `column` (a GTIN or tax code already taken). */
export const isUniqueViolation = (error: unknown, table: string, column: string) =>
  error instanceof Error && error.message.includes(`UNIQUE constraint failed: ${table}.${column}`);
