/**
 * `npm run bench`: loads the catalogue routes of a local `wrangler dev` on a
 * generated catalogue and compares them with two reference routes measured
 * in the same run on the same machine: `/health` (bare: the runtime's own
 * limit) and `/health/db` (floor: one D1 round trip). Ratios, not absolute
 * req/s, are what carry over from one machine to another.
 *
 *   npm run bench -- [--products 100000] [--fresh] [--duration 10]
 */
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { repoRoot, seedDatabase, startWorker, type LocalWorker } from '../browser/local-worker';

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    fresh: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
  },
});
const productCount = Number(flags.products);
const durationSeconds = Number(flags.duration);
if (!Number.isInteger(productCount) || productCount < 1) throw new Error(`--products: ${flags.products}`);
if (!(durationSeconds > 0 && durationSeconds <= 60)) throw new Error(`--duration: 1 to 60 seconds`);

const CONNECTIONS = 20;
const WARM_UP_SECONDS = 2;
// Terms of the generated catalogue: one in a large share of names, one in a handful.
const COMMON_TERM = 'mat ong';
const RARE_TERM = 'ruou nhung';

interface Measurement {
  route: string;
  path: string;
  cache: 'none' | 'cold' | 'warm';
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ratioToBare: number;
  ratioToFloor: number;
}

/**
 * Seeding 100,000 products takes minutes, so the persist dir is kept between
 * runs and reused while it holds the same catalogue on the same migrations.
 */
async function preparePersistDir(): Promise<string> {
  const persistTo = join(tmpdir(), `ocop-bench-${productCount}`);
  const markerPath = join(persistTo, 'ocop-bench.json');
  const migrations = (await readdir(join(repoRoot, 'db', 'migrations'))).filter((name) => name.endsWith('.sql'));
  const marker = JSON.stringify({ products: productCount, migrations });

  if (!flags.fresh && existsSync(markerPath) && (await readFile(markerPath, 'utf8')) === marker) {
    console.log(`Reusing ${persistTo} (${productCount} products; --fresh to reseed)`);
    return persistTo;
  }
  await rm(persistTo, { recursive: true, force: true });
  await mkdir(persistTo, { recursive: true });
  console.log(`Seeding ${productCount} products into ${persistTo}…`);
  const started = Date.now();
  await seedDatabase(persistTo, { products: productCount });
  console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  // Written last: an interrupted seed leaves no marker and is redone.
  await writeFile(markerPath, marker);
  return persistTo;
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
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

async function load(baseUrl: string, path: string, seconds: number): Promise<autocannon.Result> {
  const result = await autocannon({ url: `${baseUrl}${path}`, connections: CONNECTIONS, duration: seconds });
  // A fast 404 or 500 would pass for a fast page: any non-2xx invalidates the figure.
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${path}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  return result;
}

async function measure(worker: LocalWorker, route: string, path: string, cache: Measurement['cache']) {
  await load(worker.baseUrl, path, WARM_UP_SECONDS);
  const result = await load(worker.baseUrl, path, durationSeconds);
  console.log(`  ${route} (${cache}): ${result.requests.average.toFixed(0)} req/s`);
  return { route, path, cache, result };
}

async function withWorker<T>(options: Parameters<typeof startWorker>[0], body: (worker: LocalWorker) => Promise<T>) {
  const worker = await startWorker(options);
  try {
    return await body(worker);
  } finally {
    await worker.stop();
  }
}

const persistTo = await preparePersistDir();

type Raw = Awaited<ReturnType<typeof measure>>;
const catalogueRoutes = (slug: string): [string, string][] => [
  ['search API, common term', `/api/v1/products?q=${encodeURIComponent(COMMON_TERM)}`],
  ['search API, rare term', `/api/v1/products?q=${encodeURIComponent(RARE_TERM)}`],
  ['listing page', '/products'],
  ['product page', `/products/${slug}`],
  ['home page', '/'],
];

console.log('\nPhase 1: edge cache off (CATALOGUE_CACHE_SECONDS=0)');
const cold = await withWorker({ persistTo, vars: { CATALOGUE_CACHE_SECONDS: '0' } }, async (worker) => {
  const slug = await firstProductSlug(worker.baseUrl);
  const totals = {
    common: await searchTotal(worker.baseUrl, COMMON_TERM),
    rare: await searchTotal(worker.baseUrl, RARE_TERM),
  };
  console.log(`  "${COMMON_TERM}": ${totals.common} matches, "${RARE_TERM}": ${totals.rare} matches, product ${slug}`);
  if (totals.common === 0 || totals.rare === 0) throw new Error('a search term finds nothing: pick other terms');

  const home = Buffer.from(await (await fetchOk(`${worker.baseUrl}/`)).arrayBuffer());
  const product = Buffer.from(await (await fetchOk(`${worker.baseUrl}/products/${slug}`)).arrayBuffer());
  const sizes = {
    home: { raw: home.length, gzip: gzipSync(home).length },
    product: { raw: product.length, gzip: gzipSync(product).length },
  };

  const runs: Raw[] = [
    await measure(worker, 'bare /health', '/health', 'none'),
    await measure(worker, 'floor /health/db', '/health/db', 'none'),
  ];
  for (const [route, path] of catalogueRoutes(slug)) runs.push(await measure(worker, route, path, 'cold'));
  return { slug, totals, sizes, runs };
});

console.log('\nPhase 2: default config (edge cache on)');
const warm = await withWorker({ persistTo }, async (worker) => {
  const runs: Raw[] = [];
  // The warm-up load inside measure() fills the cache before the measured load.
  for (const [route, path] of catalogueRoutes(cold.slug)) runs.push(await measure(worker, route, path, 'warm'));
  return runs;
});

const [bare, floor] = cold.runs;
const perSecond = (run: Raw) => run.result.requests.average;
const measurements: Measurement[] = [...cold.runs, ...warm].map((run) => ({
  route: run.route,
  path: run.path,
  cache: run.cache,
  requestsPerSecond: Math.round(perSecond(run)),
  p50Ms: run.result.latency.p50,
  p99Ms: run.result.latency.p99,
  ratioToBare: perSecond(run) / perSecond(bare!),
  ratioToFloor: perSecond(run) / perSecond(floor!),
}));

const find = (route: string, cache: Measurement['cache']) =>
  measurements.find((m) => m.route === route && m.cache === cache)!;
const targets = [
  { target: 'product page ≥ 0.7× floor (cache off)', ratio: find('product page', 'cold').ratioToFloor, min: 0.7 },
  {
    target: 'search API, common term ≥ 0.5× floor (cache off)',
    ratio: find('search API, common term', 'cold').ratioToFloor,
    min: 0.5,
  },
  ...['listing page', 'product page', 'home page'].map((route) => ({
    target: `${route} ≥ 0.6× bare (warm cache)`,
    ratio: find(route, 'warm').ratioToBare,
    min: 0.6,
  })),
].map((t) => ({ ...t, met: t.ratio >= t.min }));

const fixed = (value: number, digits: number) => value.toFixed(digits);
const rows = [
  ['route', 'cache', 'req/s', 'p50 ms', 'p99 ms', '× bare', '× floor'],
  ...measurements.map((m) => [
    m.route,
    m.cache,
    String(m.requestsPerSecond),
    String(m.p50Ms),
    String(m.p99Ms),
    fixed(m.ratioToBare, 2),
    fixed(m.ratioToFloor, 2),
  ]),
];
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
const line = (row: string[]) =>
  `| ${row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;

console.log(`\n${productCount} products, ${CONNECTIONS} connections, ${durationSeconds} s per route\n`);
console.log(line(rows[0]!));
console.log(
  `|${widths.map((width, column) => (column < 2 ? ` ${'-'.repeat(width)} ` : ` ${'-'.repeat(width - 1)}: `)).join('|')}|`,
);
for (const row of rows.slice(1)) console.log(line(row));

console.log('\nTargets');
for (const t of targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${fixed(t.ratio, 2)}×`);

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log('\nHTML size (raw / gzip)');
console.log(`  home page:    ${kib(cold.sizes.home.raw)} / ${kib(cold.sizes.home.gzip)}`);
console.log(`  product page: ${kib(cold.sizes.product.raw)} / ${kib(cold.sizes.product.gzip)}`);

const report = {
  date: new Date().toISOString(),
  products: productCount,
  connections: CONNECTIONS,
  durationSeconds,
  searchTerms: { common: COMMON_TERM, rare: RARE_TERM, matches: cold.totals },
  productSlug: cold.slug,
  htmlBytes: cold.sizes,
  measurements,
  targets,
};
const resultsPath = join(tmpdir(), `ocop-bench-results-${Date.now()}.json`);
await writeFile(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nResults written to ${resultsPath}:\n${JSON.stringify(report, null, 2)}`);
