/**
 * What a consumer's phone costs the platform: the scan page at a stamp URL (never cached: each
 * answer is for one device) and the beacon POST that counts the scan, each loaded between two
 * loads of the floor route (/health/db, one D1 round trip) on the bench catalogue. Targets: page
 * at least 0.7× the floor beside it, beacon at least 0.5×.
 *
 * Fresh stamps are issued at the start of each run through the data layer, on a new lot of a
 * demo product, so the page is measured on a stamp in its usual state and counters from earlier
 * runs never weigh on this one. The beacon is loaded as pages send it, with the page's signed
 * verdict (one D1 batch), and without one (the stamp is read again first), for comparison.
 */
import { eq } from 'drizzle-orm';
import { products, stamps } from '../../db/schema';
import { withLocalDb } from '../../db/seed/local-d1';
import { LOCAL_SECRETS } from '../../db/seed/local-secrets';
import { activateStamps, insertStampBatch } from '../../worker/data/stamp-batches';
import { createLot } from '../../worker/data/lots';
import { generatePin, generateSerials } from '../../worker/crypto/stamp-codes';
import { pinHmac } from '../../worker/crypto/pin';
import { buildStampPath } from '../../worker/domain/digital-link';
import { signBeaconToken } from '../../worker/crypto/beacon-token';
import { DEVICE_COOKIE } from '../../worker/domain/scan-request';
import type { StartOptions } from '../browser/local-worker';

/** A demo product with a GTIN, so the stamps carry the Digital Link path most stamps will. */
const BENCH_PRODUCT = 'buoi-da-xanh-binh-loi';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36';

export interface BenchRoute {
  route: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** A body for each request, for a route whose requests cannot repeat. */
  nextBody?: () => string;
}

export interface BenchMeasurement {
  route: string;
  requestsPerSecond: number;
  p50Ms: number | null;
  p99Ms: number | null;
  failures: number;
  adjacentReference: { route: string; requestsPerSecond: number } | null;
}

/** The machinery of run.ts: its kept bench database and its interleaved loading. */
export interface BenchMachinery {
  persistTo: string;
  startOptions: StartOptions;
  floorRoute: BenchRoute;
  loadRoutes: (
    options: StartOptions,
    cache: 'off',
    routes: BenchRoute[],
    reference: BenchRoute,
  ) => Promise<BenchMeasurement[]>;
}

/** Two active stamps on a new lot: one whose page is loaded, one that takes the beacons. */
async function issueBenchStamps(persistTo: string) {
  return withLocalDb(persistTo, async (db) => {
    const [product] = await db
      .select({ id: products.id, gtin: products.gtin })
      .from(products)
      .where(eq(products.slug, BENCH_PRODUCT));
    if (!product?.gtin) throw new Error(`the bench database has no ${BENCH_PRODUCT} with a GTIN`);
    const lotCode = `S${Date.now().toString(36).toUpperCase()}`.slice(0, 10);
    const lotId = await createLot(db, { productId: product.id, lotCode, productionDate: '2026-11-18' });
    const key = JSON.parse(LOCAL_SECRETS.STAMP_PIN_KEYS) as Record<string, string>;
    // Two stamps with PINs, planned here as the issuing service plans them (its PIN file in R2 is not needed).
    const serials = generateSerials(2);
    const pinHmacs = await Promise.all(serials.map(() => pinHmac(generatePin(), key['1']!, 1)));
    const batchId = await insertStampBatch(db, {
      lotId,
      withPin: true,
      keyVersion: 1,
      issuedBy: null,
      labelsPerSheet: 2,
      stamps: serials.map((serial, i) => ({ serial, sheetNumber: 1, pinHmac: pinHmacs[i]! })),
      newSerials: generateSerials,
    });
    const issued = { batchId, stamps: serials.map((serial) => ({ serial })) };
    await activateStamps(db, { batchId: issued.batchId, actorUserId: null });
    const [page, beacon] = issued.stamps.map((stamp) =>
      buildStampPath({ kind: 'gtin', gtin: product.gtin!, lot: lotCode, serial: stamp.serial }),
    );
    const beaconSerial = issued.stamps[1]!.serial;
    const [row] = await db.select({ id: stamps.id }).from(stamps).where(eq(stamps.serial, beaconSerial));
    return { page: page!, beacon: beacon!, beaconSerial, beaconStampId: row!.id, key: key['1']! };
  });
}

async function countedScans(persistTo: string, serial: string): Promise<number> {
  return withLocalDb(persistTo, async (db) => {
    const [row] = await db.select({ n: stamps.scanCount }).from(stamps).where(eq(stamps.serial, serial));
    return row?.n ?? 0;
  });
}

export async function benchScan({ persistTo, startOptions, floorRoute, loadRoutes }: BenchMachinery) {
  console.log('\nScan page and scan beacon (beside the floor route)');
  const paths = await issueBenchStamps(persistTo);
  console.log(`  page: ${paths.page}\n  beacon for: ${paths.beacon}`);

  // What a page hands its beacon: its verdict, signed for the phone's device id (worker/lib/beacon-token.ts).
  const device = 'BenchPhoneDeviceId0001';
  const token = await signBeaconToken(
    paths.key,
    { stampId: paths.beaconStampId, verdict: 'genuine_repeat', serial: paths.beaconSerial, deviceId: device },
    new Date(),
  );
  const beaconHeaders = {
    'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
    'Sec-Fetch-Site': 'same-origin',
    'User-Agent': ANDROID_CHROME,
    Cookie: `${DEVICE_COOKIE}=${device}`,
  };
  const [page, beacon, unsigned] = await loadRoutes(
    startOptions,
    'off',
    [
      { route: 'scan page', path: paths.page, headers: { Accept: 'text/html', 'User-Agent': ANDROID_CHROME } },
      {
        route: 'scan beacon',
        path: '/scans',
        method: 'POST',
        body: new URLSearchParams({ path: paths.beacon, token }).toString(),
        headers: beaconHeaders,
      },
      {
        route: 'scan beacon without token',
        path: '/scans',
        method: 'POST',
        body: new URLSearchParams({ path: paths.beacon }).toString(),
        headers: beaconHeaders,
      },
    ],
    floorRoute,
  );
  // A beacon answered 204 without being counted (taken for a robot, say) would flatter the figure.
  const counted = await countedScans(persistTo, paths.beaconSerial);

  const targets = [
    { target: 'scan page ≥ 0.7× floor', row: page!, min: 0.7 },
    { target: 'scan beacon ≥ 0.5× floor', row: beacon!, min: 0.5 },
  ].map(({ target, row, min }) => {
    const ratio = row.requestsPerSecond / row.adjacentReference!.requestsPerSecond;
    return { target, ratio, met: ratio >= min && row.failures === 0 };
  });
  for (const row of [page!, beacon!, unsigned!]) {
    console.log(
      `  ${row.route}: ${row.requestsPerSecond.toFixed(0)} req/s, p50 ${row.p50Ms ?? '—'} ms, p99 ${row.p99Ms ?? '—'} ms, ` +
        `${row.failures} failures, floor beside it ${row.adjacentReference!.requestsPerSecond.toFixed(0)} req/s`,
    );
  }
  console.log(`  beacons counted on the stamp: ${counted}`);
  console.log('\nTargets');
  for (const t of targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.ratio.toFixed(2)}×`);
  if (counted === 0) throw new Error('no beacon was counted: the beacon figure measures nothing');
  return { page, beacon, unsigned, counted, targets };
}
