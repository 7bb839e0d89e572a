/**
 * `npm run bench`: loads the catalogue routes of a local `wrangler dev` on a
 * generated catalogue and compares them with two reference routes measured
 * in the same run on the same machine: `/health` (bare: the runtime's own
 * limit) and `/health/db` (floor: one D1 round trip). Ratios, not absolute
 * req/s, are what carry over from one machine to another.
 *
 *   npm run bench -- [--products 100000] [--points 10000] [--fresh] [--duration 10] [--rounds 1]
 *                    [--only catalogue,ingest,stamps,scan,points,fairs,orders]
 *
 * `--rounds N` loads each route N times, each between two loads of its reference, and reports the
 * round with the median ratio (failures of every round counted).
 *
 * `ingest` times the certification ingest of a 10,000-row council CSV (test/bench/ingest.ts);
 * `fairs` loads the page of a generated fair with 300 exhibitors beside the floor route (test/bench/fairs.ts);
 * `stamps` times issuing a batch of 100,000 QR stamps and downloading the PDF of a 1,000-stamp batch
 * (test/bench/stamps.ts); `scan` loads the
 * scan page and the scan beacon beside the floor route (test/bench/scan.ts); `points` loads the
 * near-me API over the generated sales points beside the floor route (test/bench/points.ts); `orders`
 * loads the cart page and placing an order beside the floor route (test/bench/orders.ts).
 */
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { repoRoot, seedDatabase, startWorker, type LocalWorker, type StartOptions } from '../browser/local-worker';
import { benchFairPage } from './fairs';
import { benchIngest } from './ingest';
import { benchNearMe } from './points';
import { benchOrders } from './orders';
import { benchScan } from './scan';
import { benchStampIssuance } from './stamps';

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    points: { type: 'string', default: '10000' },
    fresh: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '1' },
    only: { type: 'string', default: 'catalogue,ingest,stamps,scan,points,fairs,orders' },
  },
});
const parts = flags.only.split(',');
const productCount = Number(flags.products);
const pointCount = Number(flags.points);
const durationSeconds = Number(flags.duration);
if (!Number.isInteger(productCount) || productCount < 1) throw new Error(`--products: ${flags.products}`);
if (!Number.isInteger(pointCount) || pointCount < 0) throw new Error(`--points: ${flags.points}`);
if (!(durationSeconds > 0 && durationSeconds <= 60)) throw new Error('--duration: 1 to 60 seconds');
const rounds = Number(flags.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 9) throw new Error('--rounds: 1 to 9');

const CONNECTIONS = 20;
/** A request still unanswered after this counts as a timeout (autocannon's default). */
const REQUEST_TIMEOUT_SECONDS = 10;
/** Warm-up and fact-finding requests, one at a time: generous, so a slow route is measured rather than fatal. */
const SINGLE_REQUEST_TIMEOUT_MS = 180_000;
const WARM_UP_MS = 5_000;
// Terms of the generated catalogue: one in a large share of names, one in a handful of demo products.
const COMMON_TERM = 'mat ong';
const RARE_TERM = 'ruou nhung';

type CacheMode = 'none' | 'off' | 'warm';

interface Measurement {
  route: string;
  path: string;
  cache: CacheMode;
  requestsPerSecond: number;
  /** null when no request completed: there is no latency to report. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Timeouts, connection errors and non-2xx answers: any of them makes the row unreliable. */
  failures: number;
  /** The reference route measured just before and just after this one (their mean), when interleaved. */
  adjacentReference: { route: string; requestsPerSecond: number } | null;
  /** With --rounds above 1: each round's ratio to its adjacent reference, in the order measured. */
  roundRatios?: number[];
}

const ratioOf = (m: Measurement) =>
  m.adjacentReference ? m.requestsPerSecond / m.adjacentReference.requestsPerSecond : m.requestsPerSecond;

/** The round with the median ratio, carrying every round's ratio and all their failures. */
function medianRound(trials: Measurement[]): Measurement {
  const sorted = [...trials].sort((a, b) => ratioOf(a) - ratioOf(b));
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  if (trials.length === 1) return median;
  return {
    ...median,
    failures: trials.reduce((sum, trial) => sum + trial.failures, 0),
    roundRatios: trials.map(ratioOf),
  };
}

/**
 * Seeding 100,000 products takes minutes, so the persist dir is kept between
 * runs and reused while it holds the same catalogue and sales points on the
 * same migrations. Its name says both sizes.
 */
async function preparePersistDir(): Promise<string> {
  const persistTo = join(tmpdir(), `ocop-bench-${productCount}${pointCount > 0 ? `-points-${pointCount}` : ''}`);
  const markerPath = join(persistTo, 'ocop-bench.json');
  const migrations = (await readdir(join(repoRoot, 'db', 'migrations'))).filter((name) => name.endsWith('.sql'));
  const marker = JSON.stringify({ products: productCount, points: pointCount, migrations });

  if (!flags.fresh && existsSync(markerPath) && (await readFile(markerPath, 'utf8')) === marker) {
    console.log(`Reusing ${persistTo} (${productCount} products, ${pointCount} sales points; --fresh to reseed)`);
    // Only the seeded data is kept. The edge cache's copies would be unreachable under a new
    // generation anyway, and wrangler's local tracing (on by default) stores every request's
    // spans in the persist dir: 11 GB after a day of runs, a larger store to write into each time.
    await Promise.all(
      ['cache', 'observability'].map((part) => rm(join(persistTo, 'v3', part), { recursive: true, force: true })),
    );
    return persistTo;
  }
  await rm(persistTo, { recursive: true, force: true });
  await mkdir(persistTo, { recursive: true });
  console.log(`Seeding ${productCount} products and ${pointCount} sales points into ${persistTo}…`);
  const started = Date.now();
  await seedDatabase(persistTo, { products: productCount, points: pointCount, showOutput: true });
  console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  // Written last: an interrupted seed leaves no marker and is redone.
  await writeFile(markerPath, marker);
  return persistTo;
}

async function fetchOk(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(SINGLE_REQUEST_TIMEOUT_MS) }).catch(
    (error: unknown) => {
      throw new Error(`${init.method ?? 'GET'} ${url} failed`, { cause: error });
    },
  );
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}`);
  return response;
}

async function searchTotal(baseUrl: string, term: string): Promise<number> {
  const response = await fetchOk(`${baseUrl}/api/v1/products?q=${encodeURIComponent(term)}&limit=1`);
  return ((await response.json()) as { total: number }).total;
}

async function firstProductSlug(baseUrl: string): Promise<string> {
  const response = await fetchOk(`${baseUrl}/api/v1/products?limit=1`);
  const slug = ((await response.json()) as { data: { slug: string }[] }).data[0]?.slug;
  if (!slug) throw new Error('the catalogue lists no product');
  return slug;
}

async function gzipSizes(url: string) {
  const body = Buffer.from(await (await fetchOk(url)).arrayBuffer());
  return { raw: body.length, gzip: gzipSync(body).length };
}

/**
 * One request at a time, so a slow route does not leave a queue of abandoned
 * requests behind; the first one also fills the edge cache when it is on.
 */
async function warmUp(url: string, init: () => RequestInit) {
  const until = Date.now() + WARM_UP_MS;
  const get = async () => (await fetchOk(url, init())).arrayBuffer();
  await get();
  while (Date.now() < until) await get();
}

interface Route {
  route: string;
  path: string;
  /** A POST (the scan beacon) sends this body with these headers; GET by default. */
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** Each request's own body and headers, over the ones above: the beacon's single-use ticket and address. */
  vary?: () => { body: string; headers: Record<string, string> };
}

/** A route's request, with what varies from one request to the next. */
function requestOf({ method, body, headers, vary }: Route): RequestInit {
  const varied = vary?.();
  return { method, body: varied?.body ?? body, headers: { ...headers, ...varied?.headers } };
}

/**
 * Loads each route in turn on one `wrangler dev`. With a `reference` route,
 * the reference is loaded before the first route and after every route, and
 * each route is compared with the mean of the two it sits between: the
 * machine's speed drifts over a run of minutes, and a reference measured only
 * at the start can move a ratio by a third. After a run with timeouts the
 * server is restarted: the requests autocannon gave up on would still be
 * holding the database and slow down the next route.
 */
async function loadRoutes(
  options: StartOptions,
  cache: CacheMode,
  routes: Route[],
  reference?: Route,
): Promise<Measurement[]> {
  let worker: LocalWorker = await startWorker(options);
  const measure = async (spec: Route, quiet = false): Promise<Measurement> => {
    const { route, path, method, body, headers, vary } = spec;
    await warmUp(`${worker.baseUrl}${path}`, () => requestOf(spec));
    const result = await autocannon({
      url: `${worker.baseUrl}${path}`,
      method: method ?? 'GET',
      ...(body === undefined ? {} : { body }),
      ...(headers === undefined ? {} : { headers }),
      ...(vary
        ? {
            requests: [
              {
                setupRequest: (request: autocannon.Request) => {
                  const varied = vary();
                  return { ...request, body: varied.body, headers: { ...request.headers, ...varied.headers } };
                },
              },
            ],
          }
        : {}),
      connections: CONNECTIONS,
      duration: durationSeconds,
      timeout: REQUEST_TIMEOUT_SECONDS,
    });
    const completed = result['2xx'] > 0;
    const measurement: Measurement = {
      route,
      path,
      cache,
      requestsPerSecond: result['2xx'] / result.duration,
      p50Ms: completed ? result.latency.p50 : null,
      p99Ms: completed ? result.latency.p99 : null,
      failures: result.errors + result.non2xx,
      adjacentReference: null,
    };
    if (!quiet) console.log(`  ${route} (cache ${cache}): ${measurement.requestsPerSecond.toFixed(0)} req/s`);
    if (result.errors > 0) {
      await worker.stop();
      worker = await startWorker(options);
    }
    return measurement;
  };
  const measurements: Measurement[] = [];
  try {
    let before = reference ? (await measure(reference, true)).requestsPerSecond : null;
    for (const route of routes) {
      const trials: Measurement[] = [];
      for (let round = 0; round < rounds; round++) {
        const measurement = await measure(route);
        if (reference && before !== null) {
          const after = (await measure(reference, true)).requestsPerSecond;
          measurement.adjacentReference = { route: reference.route, requestsPerSecond: (before + after) / 2 };
          console.log(`    beside ${reference.route}: ${before.toFixed(0)} before, ${after.toFixed(0)} after`);
          before = after;
        }
        trials.push(measurement);
      }
      const chosen = medianRound(trials);
      if (chosen.roundRatios) {
        console.log(`    rounds: ${chosen.roundRatios.map((ratio) => ratio.toFixed(2)).join(', ')}; median reported`);
      }
      measurements.push(chosen);
    }
  } finally {
    await worker.stop();
  }
  return measurements;
}

/** The catalogue routes on a generated catalogue, against the bare and floor routes of the same run. */
async function benchCatalogue() {
  const persistTo = await preparePersistDir();
  const noCache = { persistTo, vars: { CATALOGUE_CACHE_SECONDS: '0' } };

  console.log('\nCatalogue facts');
  const facts = await (async () => {
    const worker = await startWorker(noCache);
    try {
      const slug = await firstProductSlug(worker.baseUrl);
      const matches = {
        common: await searchTotal(worker.baseUrl, COMMON_TERM),
        rare: await searchTotal(worker.baseUrl, RARE_TERM),
      };
      if (matches.common === 0 || matches.rare === 0) throw new Error('a search term finds nothing: pick other terms');
      const htmlBytes = {
        home: await gzipSizes(`${worker.baseUrl}/`),
        product: await gzipSizes(`${worker.baseUrl}/products/${slug}`),
      };
      return { slug, matches, htmlBytes };
    } finally {
      await worker.stop();
    }
  })();
  console.log(`  "${COMMON_TERM}": ${facts.matches.common} matches, "${RARE_TERM}": ${facts.matches.rare} matches`);
  console.log(`  product page: /products/${facts.slug}`);

  const catalogueRoutes: Route[] = [
    { route: 'search API, common term', path: `/api/v1/products?q=${encodeURIComponent(COMMON_TERM)}` },
    { route: 'search API, rare term', path: `/api/v1/products?q=${encodeURIComponent(RARE_TERM)}` },
    { route: 'listing page', path: '/products' },
    { route: 'product page', path: `/products/${facts.slug}` },
    { route: 'home page', path: '/' },
  ];

  console.log('\nReference routes');
  const references = await loadRoutes(noCache, 'none', [
    { route: 'bare /health', path: '/health' },
    { route: 'floor /health/db', path: '/health/db' },
  ]);
  console.log('\nCatalogue, edge cache off (CATALOGUE_CACHE_SECONDS=0)');
  const floorRoute = { route: 'floor /health/db', path: '/health/db' };
  const bareRoute = { route: 'bare /health', path: '/health' };
  const cacheOff = await loadRoutes(noCache, 'off', catalogueRoutes, floorRoute);
  console.log('\nCatalogue, default config (edge cache on, warmed)');
  const cacheWarm = await loadRoutes({ persistTo }, 'warm', catalogueRoutes, bareRoute);

  const [bare, floor] = references;
  const measurements = [...references, ...cacheOff, ...cacheWarm].map((m) => ({
    ...m,
    ratioToBare: m.requestsPerSecond / bare!.requestsPerSecond,
    ratioToFloor: m.requestsPerSecond / floor!.requestsPerSecond,
    ratioToAdjacent: m.adjacentReference ? m.requestsPerSecond / m.adjacentReference.requestsPerSecond : null,
  }));

  const find = (route: string, cache: CacheMode) => measurements.find((m) => m.route === route && m.cache === cache)!;
  const targets = [
    { target: 'product page ≥ 0.7× floor (cache off)', row: find('product page', 'off'), of: 'floor', min: 0.7 },
    {
      target: 'search API, common term ≥ 0.5× floor (cache off)',
      row: find('search API, common term', 'off'),
      of: 'floor',
      min: 0.5,
    },
    ...['listing page', 'product page', 'home page'].map((route) => ({
      target: `${route} ≥ 0.6× bare (warm cache)`,
      row: find(route, 'warm'),
      of: 'bare',
      min: 0.6,
    })),
  ].map(({ target, row, of, min }) => {
    // Targets are judged against the reference measured beside the route (see loadRoutes).
    const ratio = row.ratioToAdjacent ?? (of === 'floor' ? row.ratioToFloor : row.ratioToBare);
    return { target, ratio, met: ratio >= min && row.failures === 0 };
  });

  const ms = (value: number | null) => (value === null ? '—' : String(value));
  const rows = [
    ['route', 'cache', 'req/s', 'p50 ms', 'p99 ms', 'failures', '× bare', '× floor', '× beside'],
    ...measurements.map((m) => [
      m.route,
      m.cache,
      m.requestsPerSecond.toFixed(0),
      ms(m.p50Ms),
      ms(m.p99Ms),
      String(m.failures),
      m.ratioToBare.toFixed(2),
      m.ratioToFloor.toFixed(2),
      m.ratioToAdjacent === null ? '—' : m.ratioToAdjacent.toFixed(2),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const textColumns = 2;
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (i < textColumns ? ` ${'-'.repeat(width)} ` : ` ${'-'.repeat(width - 1)}: `)).join('|')}|`;

  console.log(
    `\n${productCount} products, ${CONNECTIONS} connections, ${durationSeconds} s per route, ${rounds} round(s)\n`,
  );
  console.log([line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n'));

  console.log('\nTargets');
  for (const t of targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.ratio.toFixed(2)}×`);

  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log('\nHTML size (raw / gzip)');
  console.log(`  home page:    ${kib(facts.htmlBytes.home.raw)} / ${kib(facts.htmlBytes.home.gzip)}`);
  console.log(`  product page: ${kib(facts.htmlBytes.product.raw)} / ${kib(facts.htmlBytes.product.gzip)}`);

  const report = {
    date: new Date().toISOString(),
    products: productCount,
    connections: CONNECTIONS,
    durationSeconds,
    searchTerms: { common: COMMON_TERM, rare: RARE_TERM, matches: facts.matches },
    productSlug: facts.slug,
    htmlBytes: facts.htmlBytes,
    measurements,
    targets,
  };
  const resultsPath = join(tmpdir(), `ocop-bench-results-${Date.now()}.json`);
  await writeFile(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${resultsPath}:\n${JSON.stringify(report, null, 2)}`);
}

if (parts.includes('catalogue')) await benchCatalogue();
if (parts.includes('ingest')) await benchIngest();
if (parts.includes('stamps')) await benchStampIssuance();
const machinery = async () => {
  const persistTo = await preparePersistDir();
  return {
    persistTo,
    startOptions: { persistTo, vars: { CATALOGUE_CACHE_SECONDS: '0' } },
    cachedOptions: { persistTo },
    floorRoute: { route: 'floor /health/db', path: '/health/db' },
    loadRoutes,
  };
};
if (parts.includes('scan')) await benchScan(await machinery());
if (parts.includes('points')) await benchNearMe(await machinery());
if (parts.includes('fairs')) await benchFairPage(await machinery());
if (parts.includes('orders')) await benchOrders({ ...(await machinery()), durationSeconds });
