/**
 * Near me over a large network of sales points: the bench database holds the demo points and
 * `--points` generated ones (10,000 by default, db/seed/point-generator.ts: spread over the 34
 * provinces around their main cities), and the near-me API is loaded from Biên Hòa with the
 * default radius of 50 km, where a few hundred points pass the bounding box, between two loads of
 * the floor route (/health/db, one D1 round trip). Target: at least 0.7× the floor beside it.
 * The same search keeping only points open now (every match read, the hours decided in Vietnam
 * time) and the public list page are loaded too, for comparison.
 */
import { withLocalDb } from '../../db/seed/local-d1';
import { salesPoints } from '../../db/schema';
import type { StartOptions } from '../browser/local-worker';
import { startWorker } from '../browser/local-worker';
import type { BenchMachinery } from './scan';

/** Biên Hòa, Đồng Nai: the demo's provincial OCOP centre. */
const NEAR = '10.9504,106.8216';

async function storedPoints(persistTo: string): Promise<number> {
  return withLocalDb(persistTo, async (db) => db.$count(salesPoints));
}

/** What the loaded search finds: how many points lie within the radius, and the nearest one's distance. */
async function searchFacts(options: StartOptions) {
  const worker = await startWorker(options);
  try {
    const response = await fetch(`${worker.baseUrl}/api/v1/sales-points?near=${NEAR}&limit=1`);
    if (!response.ok) throw new Error(`near-me API answered ${response.status}`);
    const body = (await response.json()) as { total: number; data: { distance_km: number }[] };
    return { withinRadius: body.total, nearestKm: body.data[0]?.distance_km ?? null };
  } finally {
    await worker.stop();
  }
}

export async function benchNearMe({ persistTo, startOptions, floorRoute, loadRoutes }: BenchMachinery) {
  console.log('\nNear me over the generated sales points (beside the floor route)');
  const points = await storedPoints(persistTo);
  const facts = await searchFacts(startOptions);
  console.log(`  ${points} sales points stored; ${facts.withinRadius} active within 50 km of ${NEAR}`);
  if (facts.withinRadius < 100) throw new Error('too few points near the centre: seed with --points 10000');

  const [api, openNow, page] = await loadRoutes(
    startOptions,
    'off',
    [
      { route: 'near-me API', path: `/api/v1/sales-points?near=${NEAR}` },
      { route: 'near-me API, open now', path: `/api/v1/sales-points?near=${NEAR}&open_now=1` },
      { route: 'near-me page', path: `/sales-points?near=${NEAR}`, headers: { Accept: 'text/html' } },
    ],
    floorRoute,
  );
  const targets = [{ target: 'near-me API ≥ 0.7× floor', row: api!, min: 0.7 }].map(({ target, row, min }) => {
    const ratio = row.requestsPerSecond / row.adjacentReference!.requestsPerSecond;
    return { target, ratio, met: ratio >= min && row.failures === 0 };
  });
  for (const row of [api!, openNow!, page!]) {
    console.log(
      `  ${row.route}: ${row.requestsPerSecond.toFixed(0)} req/s, p50 ${row.p50Ms ?? '—'} ms, p99 ${row.p99Ms ?? '—'} ms, ` +
        `${row.failures} failures, floor beside it ${row.adjacentReference!.requestsPerSecond.toFixed(0)} req/s, ` +
        `${(row.requestsPerSecond / row.adjacentReference!.requestsPerSecond).toFixed(2)}×`,
    );
  }
  console.log('\nTargets');
  for (const t of targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.ratio.toFixed(2)}×`);
  return { points, facts, api, openNow, page, targets };
}
