/**
 * The heaviest fair page: a provincial fair with 300 exhibitors in 300 booths over four zones,
 * each showing up to three products, on the bench catalogue. Its page (booth plan as SVG, the
 * text list of every booth, exhibitor and product) and its API answer are loaded with the edge
 * cache off, each between two loads of the floor route (/health/db, one D1 round trip).
 * Target: the page at least 0.7× the floor beside it.
 *
 * The fair is generated once in the kept bench database through the data layer, from the
 * generated producers that have listed products; each run moves its dates to start today, so
 * it is measured running, with its exhibitors on show.
 */
import { gzipSync } from 'node:zlib';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { fairs, products, users } from '../../db/schema';
import { withLocalDb } from '../../db/seed/local-d1';
import { addExhibitor, findBooth, findFairForEdit, insertFair, setFairPublished } from '../../worker/data/fairs';
import { fairFloorFromForm } from '../../worker/domain/fair-form';
import { addDays } from '../../worker/domain/iso-date';
import { vietnamDate } from '../../worker/domain/time';
import { startWorker } from '../browser/local-worker';
import type { StartOptions } from '../browser/local-worker';
import type { BenchMachinery, BenchMeasurement, BenchRoute } from './scan';

export const BENCH_FAIR_EXHIBITORS = 300;
const BENCH_FAIR_NAME = 'Hội chợ OCOP đo tải 300 gian';
const PRODUCTS_PER_EXHIBITOR = 3;

const FLOOR = {
  zones: [
    'chu_nha | Khu sản phẩm OCOP tỉnh chủ nhà | Host province OCOP products',
    'vung_mien | Đặc sản vùng miền | Regional specialties',
    'tinh_ban | Khu tỉnh bạn | Guest provinces',
    'am_thuc | Khu ẩm thực | Food court',
  ].join('\n'),
  boothTypes:
    'tieu_chuan | Gian tiêu chuẩn | Standard booth | 3x3 | 1.500.000\ndoi | Gian đôi | Double booth | 6x3 | 2.800.000',
  booths: [
    'chu_nha | tieu_chuan | A001..A100',
    'vung_mien | tieu_chuan | B001..B100',
    'tinh_ban | doi | C01..C60',
    'am_thuc | tieu_chuan | F01..F40',
  ].join('\n'),
};

/** The bench fair's slug, made once with its booths and 300 exhibitors, dated to run from today. */
async function prepareBenchFair(persistTo: string): Promise<string> {
  return withLocalDb(persistTo, async (db) => {
    const today = vietnamDate(new Date());
    const [existing] = await db
      .select({ id: fairs.id, slug: fairs.slug })
      .from(fairs)
      .where(eq(fairs.nameVi, BENCH_FAIR_NAME));
    if (existing) {
      await db
        .update(fairs)
        .set({ startsOn: today, endsOn: addDays(today, 4) })
        .where(eq(fairs.id, existing.id));
      return existing.slug;
    }
    const floor = fairFloorFromForm(FLOOR);
    if (!floor.ok) throw new Error(`bench floor: ${JSON.stringify(floor.problems)}`);
    // The demo staff account (db/seed/demo-accounts.ts) stands for the organiser in the audit log.
    const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'canbo@ocop.example'));
    if (!staff) throw new Error('the bench database has no demo staff account');
    const actor = { userId: staff.id };
    const created = await insertFair(
      db,
      actor,
      {
        kind: 'trade_fair',
        nameVi: BENCH_FAIR_NAME,
        nameEn: 'Load-test OCOP fair, 300 booths',
        descriptionVi: 'Hội chợ sinh tự động để đo tải trang hội chợ.',
        descriptionEn: 'A generated fair to load the fair page.',
        provinceCode: '75',
        communeCode: '26068',
        venue: 'Trung tâm Hội chợ Triển lãm',
        street: '1 đường Nguyễn Ái Quốc',
        latitude: 10.9574,
        longitude: 106.8427,
        organiser: 'Sở Công Thương',
        startsOn: today,
        endsOn: addDays(today, 4),
        dailyOpens: '08:00',
        dailyCloses: '22:00',
        applicationsOpenOn: null,
        applicationsCloseOn: null,
        zones: floor.floor.zones,
        boothTypes: floor.floor.boothTypes,
      },
      floor.floor.booths,
    );
    // Generated producers with listed products certified well past the fair: the first 300.
    const rows = await db
      .select({ producerId: products.producerId, productId: products.id })
      .from(products)
      .where(
        and(
          eq(products.isPublished, true),
          gte(products.ocopStars, 3),
          gte(products.certifiedUntil, addDays(today, 30)),
          sql`${products.producerCode} LIKE 'SP%'`,
        ),
      )
      .orderBy(asc(products.producerId), asc(products.id))
      .limit(BENCH_FAIR_EXHIBITORS * 5);
    const byProducer = new Map<number, number[]>();
    for (const row of rows) byProducer.set(row.producerId, [...(byProducer.get(row.producerId) ?? []), row.productId]);
    const exhibitors = [...byProducer.entries()].slice(0, BENCH_FAIR_EXHIBITORS);
    if (exhibitors.length < BENCH_FAIR_EXHIBITORS) {
      throw new Error(`the bench catalogue has only ${exhibitors.length} producers with listed products`);
    }
    for (const [i, [producerId, productIds]] of exhibitors.entries()) {
      const booth = (await findBooth(db, created.id, floor.floor.booths[i]!.code))!;
      await addExhibitor(db, actor, created.id, producerId, booth, productIds.slice(0, PRODUCTS_PER_EXHIBITOR));
    }
    await setFairPublished(db, actor, (await findFairForEdit(db, created.id))!.fair, true);
    return created.slug;
  });
}

export interface FairBenchMachinery extends Omit<BenchMachinery, 'loadRoutes'> {
  /** Options of the default configuration: the edge cache on, as deployed. */
  cachedOptions: StartOptions;
  loadRoutes: (
    options: StartOptions,
    cache: 'off' | 'warm',
    routes: BenchRoute[],
    reference: BenchRoute,
  ) => Promise<BenchMeasurement[]>;
}

/**
 * The fair page and its API answer with the edge cache off (every request queries D1 and renders
 * 300 booths), then the page as deployed (edge cache on, warmed by the warm-up requests; a change
 * to any fair starts a new cache generation, so a copy never outlives a change). Each beside the
 * floor route; the target is judged on the page as deployed, and the cache-off figures show what
 * one render costs.
 */
export async function benchFairPage(machinery: FairBenchMachinery) {
  const { persistTo, startOptions, cachedOptions, floorRoute, loadRoutes } = machinery;
  console.log(`\nFair page with ${BENCH_FAIR_EXHIBITORS} exhibitors (beside the floor route)`);
  const slug = await prepareBenchFair(persistTo);
  const page = `/fairs/${slug}`;
  const worker = await startWorker(startOptions);
  const html = Buffer.from(await (await fetch(`${worker.baseUrl}${page}`)).arrayBuffer());
  await worker.stop();
  const size = { raw: html.length, gzip: gzipSync(html).length };
  console.log(`  ${page}: ${(size.raw / 1024).toFixed(1)} KiB, ${(size.gzip / 1024).toFixed(1)} KiB gzipped`);
  const pageRoute = {
    route: `fair page, ${BENCH_FAIR_EXHIBITORS} exhibitors`,
    path: page,
    headers: { Accept: 'text/html' },
  };
  const [pageOff, apiOff] = await loadRoutes(
    startOptions,
    'off',
    [pageRoute, { route: `fair API, ${BENCH_FAIR_EXHIBITORS} exhibitors`, path: `/api/v1/fairs/${slug}` }],
    floorRoute,
  );
  const [pageWarm] = await loadRoutes(cachedOptions, 'warm', [pageRoute], floorRoute);
  const rows = [
    { cache: 'off', row: pageOff! },
    { cache: 'off', row: apiOff! },
    { cache: 'warm', row: pageWarm! },
  ];
  for (const { cache, row } of rows) {
    console.log(
      `  ${row.route} (cache ${cache}): ${row.requestsPerSecond.toFixed(0)} req/s, p50 ${row.p50Ms ?? '—'} ms, ` +
        `p99 ${row.p99Ms ?? '—'} ms, ${row.failures} failures, floor beside it ${row.adjacentReference!.requestsPerSecond.toFixed(0)} req/s, ` +
        `${(row.requestsPerSecond / row.adjacentReference!.requestsPerSecond).toFixed(2)}×`,
    );
  }
  const ratio = pageWarm!.requestsPerSecond / pageWarm!.adjacentReference!.requestsPerSecond;
  const target = {
    target: `fair page (${BENCH_FAIR_EXHIBITORS} exhibitors, as deployed) ≥ 0.7× floor`,
    ratio,
    met: ratio >= 0.7 && pageWarm!.failures === 0,
  };
  console.log('\nTargets');
  console.log(`  ${target.met ? 'met   ' : 'MISSED'} ${target.target}: ${target.ratio.toFixed(2)}×`);
  return { rows, size, targets: [target] };
}
