/**
 * What a producer learns from the scans of its stamps: scans per Vietnamese day and per province
 * over the chart window, and the stamps whose counters cross the suspicion thresholds of
 * worker/domain/scan-verdict.ts, with the evidence behind each. One round trip.
 */
import { and, desc, eq, gte, or, sql } from 'drizzle-orm';
import { lots, producers, products, scanEvents, stampBatches, stamps } from '../../db/schema';
import { addDays, SCAN_CHART_DAYS } from '../domain/dashboard';
import { SUSPICIOUS_DEVICE_COUNT, SUSPICIOUS_PROVINCE_COUNT } from '../domain/scan-verdict';
import { aliased } from './aliased';
import type { Database } from './db';

/** Provinces listed by name; the rest are summed as "other" by the caller. */
export const PROVINCES_SHOWN = 15;
export const SUSPICIOUS_LISTED = 100;

const productsOf = (producerId: number) =>
  sql`(SELECT ${products.id} FROM ${products} WHERE ${products.producerId} = ${producerId})`;

export async function loadScanStats(db: Database, producerId: number, today: string) {
  // Scans are stored in UTC; the chart's days are Vietnamese days.
  const scanDay = sql<string>`date(${scanEvents.scannedAt}, '+7 hours')`;
  const since = new Date(`${addDays(today, -(SCAN_CHART_DAYS - 1))}T00:00:00+07:00`).toISOString();
  const ownRecentScans = and(sql`${lots.productId} IN ${productsOf(producerId)}`, gte(scanEvents.scannedAt, since));
  const [producerRows, byDay, byProvince, suspicious] = await db.batch([
    db.select({ id: producers.id, name: producers.name }).from(producers).where(eq(producers.id, producerId)),
    db
      .select({ day: scanDay, count: sql<number>`count(*)` })
      .from(scanEvents)
      .innerJoin(stamps, eq(stamps.id, scanEvents.stampId))
      .innerJoin(stampBatches, eq(stampBatches.id, stamps.batchId))
      .innerJoin(lots, eq(lots.id, stampBatches.lotId))
      .where(ownRecentScans)
      .groupBy(scanDay),
    db
      .select({ province: scanEvents.province, count: sql<number>`count(*)` })
      .from(scanEvents)
      .innerJoin(stamps, eq(stamps.id, scanEvents.stampId))
      .innerJoin(stampBatches, eq(stampBatches.id, stamps.batchId))
      .innerJoin(lots, eq(lots.id, stampBatches.lotId))
      .where(ownRecentScans)
      .groupBy(scanEvents.province)
      .orderBy(sql`count(*) DESC`),
    db
      .select({
        serial: stamps.serial,
        status: stamps.status,
        scans: stamps.scanCount,
        devices: stamps.deviceCount,
        provinces: stamps.provinceCount,
        firstScannedAt: stamps.firstScannedAt,
        firstScanProvince: stamps.firstScanProvince,
        lastScannedAt: stamps.lastScannedAt,
        pinClaimedAt: stamps.pinClaimedAt,
        batchId: aliased(stampBatches.id, 'batch_id'),
        lotId: aliased(lots.id, 'lot_id'),
        lotCode: lots.lotCode,
        productName: products.nameVi,
        provincesSeen: sql<
          string | null
        >`(SELECT group_concat(p, '|') FROM (SELECT DISTINCT ${scanEvents.province} AS p FROM ${scanEvents} WHERE ${scanEvents.stampId} = ${stamps.id} AND ${scanEvents.province} IS NOT NULL))`,
      })
      .from(stamps)
      .innerJoin(stampBatches, eq(stampBatches.id, stamps.batchId))
      .innerJoin(lots, eq(lots.id, stampBatches.lotId))
      .innerJoin(products, eq(products.id, lots.productId))
      .where(
        and(
          eq(products.producerId, producerId),
          or(gte(stamps.deviceCount, SUSPICIOUS_DEVICE_COUNT), gte(stamps.provinceCount, SUSPICIOUS_PROVINCE_COUNT)),
        ),
      )
      .orderBy(desc(stamps.lastScannedAt), desc(stamps.id))
      .limit(SUSPICIOUS_LISTED),
  ]);
  const [producer] = producerRows;
  if (!producer) return null;
  return {
    producer,
    byDay,
    byProvince,
    suspicious: suspicious.map((row) => ({
      ...row,
      provincesSeen: row.provincesSeen ? row.provincesSeen.split('|') : [],
    })),
  };
}

export type ScanStats = NonNullable<Awaited<ReturnType<typeof loadScanStats>>>;
