/** The producer dashboard: orders to fulfil, low stock, certifications lapsing soon and recent scans, in one batch. */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import {
  certifications,
  lots,
  orders,
  producers,
  productVariants,
  products,
  scanEvents,
  stampBatches,
  stamps,
  subOrders,
} from '../../db/schema';
import { MIN_CERTIFIED_STARS } from '../domain/certification';
import { addDays, EXPIRY_WARNING_DAYS, SCAN_CHART_DAYS } from '../domain/dashboard';
import { LOW_STOCK_THRESHOLD } from '../domain/inventory';
import { TO_FULFIL } from '../domain/order-status';
import { aliased } from './aliased';
import type { Database } from './db';

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
        number: subOrders.number,
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
