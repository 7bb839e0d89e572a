/**
 * What a consumer's phone reads and writes at a stamp URL: the scan page in one statement, the
 * narrow stamp state a scan beacon needs, counting a scan, and storing scratch-PIN entries.
 *
 * A stamp is only found through a fully issued batch (quantity > 0, see stamp-batches.ts): the
 * serials of an issuance that never finished were never printed, so they are unknown here.
 */
import { and, eq, fillPlaceholders, gt, inArray, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import {
  certifications,
  communes,
  lots,
  producers,
  productImages,
  productVariants,
  products,
  rateLimits,
  salesPoints,
  scanEvents,
  stampBatches,
  stamps,
  traceEvents,
} from '../../db/schema';
import type { StampIdentity } from '../domain/digital-link';
import type { ScanState, StampPinState } from '../domain/scan-verdict';
import type { UserAgentFamily } from '../domain/user-agent';
import type { LatLng } from '../domain/geo';
import { isViolation } from './constraints';
import { jsonRows } from './json-rows';
import { nearValues, stockingPointsColumn } from './sales-points';
import { namedExpressions } from './aliased';
import { certificationFactColumns } from './certification-facts';
import { NEARBY_POINTS } from '../domain/sales-point';
import type { Database } from './db';
import { opaquePlaceholder, prepared } from './prepared';

/** What identifies one look at a stamp: its serial, and the device and province it comes from. */
export interface ScanLookup {
  serial: string;
  /** The GTIN-14 of the scanned path, to check it names the stamp's product (null for a trace-code path). */
  gtin: string | null;
  /** The device-id cookie, when the browser sent one. */
  deviceId: string | null;
  /** The client's address as today's hash (worker/crypto/ip-hash.ts). */
  ipHash: string | null;
  /** Where this request comes from (scan-request.ts), when known. */
  province: string | null;
}

/** A rate-limit counter to read along with the page (rate-limits.ts keys and windows). */
export interface ThrottleLookup {
  key: string;
  windowStart: string;
}

/** Journey and lot-test entries a scan page shows at most. */
const MAX_EVENTS = 50;

/**
 * Whether the scanned GTIN is the product's own or one of its pack sizes': a stamp printed for a
 * pack carries that pack's GTIN. Stored GTINs and paths are both GTIN-14 (toGtin14), so both sides
 * compare as they are and the unique GTIN indexes answer.
 */
const gtinMatchesSql = (gtin: SQL | Placeholder | string) =>
  sql<number>`(${products.gtin} = ${gtin} OR EXISTS (SELECT 1 FROM ${productVariants}
    WHERE ${productVariants.productId} = ${products.id} AND ${productVariants.gtin} = ${gtin}))`;

/**
 * The per-scan values, as placeholders: the statements below are built once and reused (see
 * prepared), so their SQL cannot change shape with them. A null device id matches no scan event;
 * a null province counts as seen, as a scan from nowhere known adds no province.
 */
const serialParam = opaquePlaceholder('serial');
const gtinParam = sql.placeholder('gtin');
const deviceParam = sql.placeholder('deviceId');
const ipHashParam = sql.placeholder('ipHash');
const provinceParam = sql.placeholder('province');

/** Counters and identity: what the page decides a verdict from. */
const stampStateColumns = {
  stampId: stamps.id,
  serial: stamps.serial,
  status: stamps.status,
  scanCount: stamps.scanCount,
  deviceCount: stamps.deviceCount,
  networkCount: stamps.networkCount,
  provinceCount: stamps.provinceCount,
  firstScannedAt: stamps.firstScannedAt,
  firstScanProvince: stamps.firstScanProvince,
  lotCode: lots.lotCode,
  traceCode: products.traceCode,
  gtinMatches: sql<number>`(${gtinParam} IS NOT NULL AND ${gtinMatchesSql(gtinParam)})`.mapWith(Boolean),
  deviceSeen: sql<number>`EXISTS (SELECT 1 FROM ${scanEvents}
    WHERE ${scanEvents.stampId} = ${stamps.id} AND ${scanEvents.deviceId} = ${deviceParam})`.mapWith(Boolean),
  networkSeen: sql<number>`EXISTS (SELECT 1 FROM ${scanEvents}
    WHERE ${scanEvents.stampId} = ${stamps.id} AND ${scanEvents.ipHash} = ${ipHashParam})`.mapWith(Boolean),
  provinceSeen: sql<number>`(${provinceParam} IS NULL OR EXISTS (SELECT 1 FROM ${scanEvents}
    WHERE ${scanEvents.stampId} = ${stamps.id} AND ${scanEvents.province} = ${provinceParam}))`.mapWith(Boolean),
};

const placeholderValues = (lookup: ScanLookup) => ({
  serial: lookup.serial,
  gtin: lookup.gtin,
  deviceId: lookup.deviceId,
  ipHash: lookup.ipHash,
  province: lookup.province,
});

const scanPageQuery = prepared((db) =>
  db
    .select(
      namedExpressions({
        ...stampStateColumns,
        // Read here rather than counted: looking up a real stamp costs nothing against the limit.
        throttleCount: sql<number>`coalesce((SELECT ${rateLimits.count} FROM ${rateLimits}
        WHERE ${rateLimits.key} = ${sql.placeholder('throttleKey')}
        AND ${rateLimits.windowStart} = ${sql.placeholder('throttleWindow')}), 0)`,
        pinHmac: stamps.pinHmac,
        pinClaimedAt: stamps.pinClaimedAt,
        pinClaimProvince: stamps.pinClaimProvince,
        pinFailedAttempts: stamps.pinFailedAttempts,
        pinLockedUntil: stamps.pinLockedUntil,
        keyVersion: stampBatches.keyVersion,
        lotProductionDate: lots.productionDate,
        lotBestBefore: lots.bestBefore,
        productId: products.id,
        productSlug: products.slug,
        productNameVi: products.nameVi,
        productNameEn: products.nameEn,
        productPublished: products.isPublished,
        producerName: producers.name,
        producerSlug: producers.slug,
        producerKind: producers.kind,
        producerProvinceCode: producers.provinceCode,
        producerCommuneVi: communes.fullNameVi,
        producerCommuneEn: communes.fullNameEn,
        images: jsonRows(
          { url: productImages.url, altVi: productImages.altVi, altEn: productImages.altEn },
          sql`FROM ${productImages} WHERE ${productImages.productId} = ${products.id}
          ORDER BY ${productImages.sortOrder} LIMIT 1`,
        ),
        history: jsonRows(
          certificationFactColumns,
          sql`FROM ${certifications} WHERE ${certifications.productId} = ${products.id}`,
        ),
        // Only public events: the private ones are the producer's own notes.
        events: jsonRows(
          {
            eventType: traceEvents.eventType,
            occurredAt: traceEvents.occurredAt,
            provinceCode: traceEvents.provinceCode,
            communeVi: communes.fullNameVi,
            communeEn: communes.fullNameEn,
            salesPoint: salesPoints.name,
            placeText: traceEvents.placeText,
            actor: traceEvents.actor,
            description: traceEvents.description,
            reportUrl: traceEvents.reportUrl,
          },
          sql`FROM ${traceEvents}
          LEFT JOIN ${communes} ON ${communes.code} = ${traceEvents.communeCode}
          LEFT JOIN ${salesPoints} ON ${salesPoints.id} = ${traceEvents.salesPointId}
          WHERE ${traceEvents.lotId} = ${lots.id} AND ${traceEvents.isPublic} = 1
          ORDER BY ${traceEvents.occurredAt}, ${traceEvents.id} LIMIT ${sql.raw(String(MAX_EVENTS))}`,
        ),
        // Nearest first when the page binds the visitor's place (nearX/nearY/nearZ), else by province and name.
        salesPoints: stockingPointsColumn(products.id, NEARBY_POINTS),
      }),
    )
    .from(stamps)
    .innerJoin(stampBatches, and(eq(stampBatches.id, stamps.batchId), gt(stampBatches.quantity, 0)))
    .innerJoin(lots, eq(lots.id, stampBatches.lotId))
    .innerJoin(products, eq(products.id, lots.productId))
    .innerJoin(producers, eq(producers.id, products.producerId))
    .leftJoin(communes, eq(communes.code, producers.communeCode))
    .where(eq(stamps.serial, serialParam))
    .prepare(),
);

/**
 * Everything the scan page shows for a serial, in one statement: the stamp with its counters and
 * PIN state, its batch, lot, product and producer by join, and the short lists (the first photo,
 * the certification history, the lot's public events, the sales points) as JSON columns, and the
 * caller's count on a rate limit. Null for a serial no fully issued batch holds.
 */
export async function findScanPage(
  db: Database,
  lookup: ScanLookup,
  throttle: ThrottleLookup,
  near: LatLng | null = null,
) {
  const [row] = await scanPageQuery(db).all({
    ...placeholderValues(lookup),
    ...nearValues(near),
    throttleKey: throttle.key,
    throttleWindow: throttle.windowStart,
  });
  return row ?? null;
}

export type ScanPageRow = NonNullable<Awaited<ReturnType<typeof findScanPage>>>;

export interface CountedScan {
  /** Null for a serial no stamp has: the scan is recorded, nothing is counted. */
  stampId: number | null;
  serial: string;
  /** UTC instant of the scan. */
  scannedAt: string;
  verdict: ScanState;
  province: string | null;
  country: string | null;
  deviceId: string | null;
  ipHash: string | null;
  userAgentFamily: UserAgentFamily;
  /** The page view's single-use nonce: a second scan with it breaks the unique index and counts nothing. */
  beaconNonce: string;
}

/** A statement's SQL and its parameters, placeholders still to fill. */
interface BuiltQuery {
  sql: string;
  params: unknown[];
}

/**
 * Write statements built once, as text: unlike a read, a D1 batch cannot take drizzle's prepared
 * queries, so the text is kept and bound per scan. Pure data, so one copy serves every binding.
 */
function builtOnce<T>(build: (db: Database) => T): (db: Database) => T {
  let built: T | undefined;
  return (db) => (built ??= build(db));
}

const scan = (name: keyof CountedScan) => sql.placeholder(name);

const scanStatements = builtOnce((db): { count: BuiltQuery; insert: BuiltQuery } => ({
  // SET expressions read the row as it was before the update, so the first scan's place goes
  // with its time, and the scan events read are those before this one's.
  count: db
    .update(stamps)
    .set({
      scanCount: sql`${stamps.scanCount} + 1`,
      deviceCount: sql`${stamps.deviceCount} + (${scan('deviceId')} IS NULL OR NOT EXISTS (SELECT 1 FROM ${scanEvents}
        WHERE ${scanEvents.stampId} = ${stamps.id} AND ${scanEvents.deviceId} = ${scan('deviceId')}))`,
      networkCount: sql`${stamps.networkCount} + (${scan('ipHash')} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${scanEvents}
        WHERE ${scanEvents.stampId} = ${stamps.id} AND ${scanEvents.ipHash} = ${scan('ipHash')}))`,
      provinceCount: sql`${stamps.provinceCount} + (${scan('province')} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${scanEvents}
        WHERE ${scanEvents.stampId} = ${stamps.id} AND ${scanEvents.province} = ${scan('province')}))`,
      firstScannedAt: sql`coalesce(${stamps.firstScannedAt}, ${scan('scannedAt')})`,
      firstScanProvince: sql`CASE WHEN ${stamps.firstScannedAt} IS NULL THEN ${scan('province')} ELSE ${stamps.firstScanProvince} END`,
      lastScannedAt: sql`${scan('scannedAt')}`,
    })
    .where(and(eq(stamps.id, scan('stampId')), eq(stamps.status, 'active')))
    .toSQL(),
  insert: db
    .insert(scanEvents)
    .values({
      stampId: scan('stampId'),
      serial: scan('serial'),
      scannedAt: scan('scannedAt'),
      verdict: scan('verdict'),
      province: scan('province'),
      country: scan('country'),
      deviceId: scan('deviceId'),
      ipHash: scan('ipHash'),
      userAgentFamily: scan('userAgentFamily'),
      beaconNonce: scan('beaconNonce'),
    })
    .toSQL(),
}));

/**
 * Records a scan and, for an active stamp, counts it, in one D1 batch (one transaction): the
 * UPDATE works out whether the device, the network and the province are new from the scan events
 * already recorded, and only then is this scan's event inserted. Two beacons at once therefore
 * never both count the same device, network or province as new, and the counters stay exact. A
 * scan without a device id counts as a new device: nothing says it is one seen before; one without
 * a province adds none. A page view counts once: the event carries its nonce under a unique index,
 * so a replayed beacon rolls the whole batch back and answers false.
 */
export async function recordScan(db: Database, counted: CountedScan): Promise<boolean> {
  const { count, insert } = scanStatements(db);
  const values = { ...counted };
  const bind = (query: BuiltQuery) => db.$client.prepare(query.sql).bind(...fillPlaceholders(query.params, values));
  try {
    if (counted.stampId === null) await bind(insert).run();
    else await db.$client.batch([bind(count), bind(insert)]);
    return true;
  } catch (error) {
    if (isViolation(error, 'UNIQUE', 'scan_events.beacon_nonce')) return false;
    throw error;
  }
}

// D1 reports affected rows in meta.changes.
const changes = (result: unknown) => (result as { meta: { changes: number } }).meta.changes;

/** The PIN columns of a stamp as they are now; null for an unknown stamp id. */
export async function findPinState(db: Database, stampId: number): Promise<StampPinState | null> {
  const [row] = await db
    .select({
      pinHmac: stamps.pinHmac,
      pinClaimedAt: stamps.pinClaimedAt,
      pinClaimProvince: stamps.pinClaimProvince,
      pinFailedAttempts: stamps.pinFailedAttempts,
      pinLockedUntil: stamps.pinLockedUntil,
    })
    .from(stamps)
    .where(eq(stamps.id, stampId));
  return row ?? null;
}

/**
 * Writes what a PIN entry decided, only if the PIN columns are still what the decision was made
 * from (compare and set). False when another entry changed them first: the caller reads them
 * again and decides again. So two simultaneous first claims cannot both win, and no wrong entry
 * is lost to another written at the same moment.
 */
export async function storePinDecision(
  db: Database,
  stampId: number,
  decidedFrom: StampPinState,
  update: Partial<StampPinState>,
): Promise<boolean> {
  const result = await db
    .update(stamps)
    .set(update)
    .where(
      and(
        eq(stamps.id, stampId),
        sql`${stamps.pinClaimedAt} IS ${decidedFrom.pinClaimedAt}`,
        sql`${stamps.pinFailedAttempts} = ${decidedFrom.pinFailedAttempts}`,
        sql`${stamps.pinLockedUntil} IS ${decidedFrom.pinLockedUntil}`,
      ),
    );
  return changes(result) === 1;
}

/**
 * The product a scanned path names by its GTIN (its own or a pack size's) or trace code, for a report
 * on an unknown serial. A GTIN belongs to one product across products and pack sizes (the
 * canonical-gtin migration's triggers), so at most one product answers.
 */
export async function findProductIdForPath(db: Database, identity: StampIdentity): Promise<number | null> {
  const named =
    identity.kind === 'trace'
      ? eq(products.traceCode, identity.traceCode)
      : or(
          eq(products.gtin, identity.gtin),
          inArray(
            products.id,
            db
              .select({ productId: productVariants.productId })
              .from(productVariants)
              .where(eq(productVariants.gtin, identity.gtin)),
          ),
        );
  const [row] = await db.select({ id: products.id }).from(products).where(named).limit(1);
  return row?.id ?? null;
}
