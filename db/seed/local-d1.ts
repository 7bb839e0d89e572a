/**
 * Node-only plumbing shared by `npm start` and `npm run db:seed`: argument
 * parsing, wrangler's migrations, and a drizzle client on the same local D1
 * state that `wrangler dev --persist-to DIR` reads. The seeding logic itself
 * (demo.ts, generator.ts) stays free of Node so the Workers tests can run it.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import { createDb, type Database } from '../../worker/data/db';
import { seedDemo } from './demo';
import { seedDemoAccounts } from './demo-accounts';
import { seedDemoSellers } from './demo-sellers';
import { seedDemoStamps } from './demo-stamps';
import { seedGeneratedCatalogue } from './generator';
import { seedGeneratedPoints } from './point-generator';
import { withLocalSecrets } from './local-secrets';
import { upsertReferenceData } from './reference';

export const ROOT = resolve(import.meta.dirname, '../..');
const WRANGLER_BIN = resolve(ROOT, 'node_modules/.bin/wrangler');

export interface SeedOptions {
  /** Wrangler's local state directory (its `--persist-to`), absolute. */
  persistTo: string;
  /** Generated products to have in the catalogue on top of the demo data. */
  products: number;
  /** Generated sales points on top of the demo ones. */
  points: number;
}

/** Parses `[--persist-to DIR] [--products N] [--points N]`; unknown flags are an error, not a silent no-op. */
export function parseSeedArgs(argv: string[]): SeedOptions {
  const { values } = parseArgs({
    args: argv,
    options: { 'persist-to': { type: 'string' }, products: { type: 'string' }, points: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const products = Number(values.products ?? '0');
  if (!Number.isInteger(products) || products < 0)
    throw new Error(`--products must be a whole number, got ${values.products}`);
  const points = Number(values.points ?? '0');
  if (!Number.isInteger(points) || points < 0) throw new Error(`--points must be a whole number, got ${values.points}`);
  // Relative to where the command was typed, as wrangler resolves its own --persist-to;
  // npm runs scripts from the package root and keeps the caller's directory in INIT_CWD.
  const persistTo = values['persist-to']
    ? resolve(process.env.INIT_CWD ?? process.cwd(), values['persist-to'])
    : resolve(ROOT, '.wrangler/state');
  return { persistTo, products, points };
}

/**
 * wrangler's log level for steps whose progress this script reports itself: its warnings and
 * errors still show, its tables and banners do not. A WRANGLER_LOG the caller set wins.
 */
const QUIET_WRANGLER_LOG = process.env.WRANGLER_LOG ?? 'warn';

/** Runs wrangler with output passed through; rejects on a non-zero exit. */
export function runWrangler(args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(WRANGLER_BIN, args, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      // CI=true makes `migrations apply` skip its confirmation prompt.
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', ...env },
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`wrangler ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** wrangler prints the whole migration table again after each migration it applies: this script says when it is done. */
export const applyMigrations = (persistTo: string) =>
  runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], {
    WRANGLER_LOG: QUIET_WRANGLER_LOG,
  });

/** Runs a step of wrangler's API at QUIET_WRANGLER_LOG: its logger reads the level from the environment each time. */
async function quietly<T>(step: () => Promise<T>): Promise<T> {
  const callerLevel = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = QUIET_WRANGLER_LOG;
  try {
    return await step();
  } finally {
    if (callerLevel === undefined) delete process.env.WRANGLER_LOG;
    else process.env.WRANGLER_LOG = callerLevel;
  }
}

/** A drizzle client on the local D1 of `persistTo`, disposed when `work` settles. */
export async function withLocalDb<T>(persistTo: string, work: (db: Database) => Promise<T>): Promise<T> {
  // The proxy reads wrangler.toml's required secrets from the environment, as wrangler dev does.
  Object.assign(process.env, withLocalSecrets(process.env));
  const proxy = await quietly(() =>
    getPlatformProxy<{ DB: D1Database }>({
      configPath: resolve(ROOT, 'wrangler.toml'),
      // wrangler dev keeps its Miniflare data under <persist-to>/v3.
      persist: { path: resolve(persistTo, 'v3') },
      remoteBindings: false,
    }),
  );
  try {
    return await work(createDb(proxy.env.DB));
  } finally {
    await proxy.dispose();
  }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Migrations, reference data, demo data and, when asked, the generated catalogue; every step idempotent. */
export async function prepareLocalDatabase(options: SeedOptions): Promise<void> {
  let started = performance.now();
  await applyMigrations(options.persistTo);
  console.log(`Migrations applied (${seconds(started)}) in ${options.persistTo}`);
  await withLocalDb(options.persistTo, async (db) => {
    started = performance.now();
    await upsertReferenceData(db);
    console.log(`Reference data upserted (${seconds(started)})`);
    started = performance.now();
    const demo = await seedDemo(db);
    console.log(
      `Demo data: ${demo.productsAdded} products added, ${demo.productsKept} already there (${seconds(started)})`,
    );
    const sellers = await seedDemoSellers(db);
    console.log(`Demo sellers: ${sellers.sellers} with shipping rules and bank accounts`);
    const accounts = await seedDemoAccounts(db);
    console.log(`Demo accounts: ${accounts.added} added, ${accounts.kept} already there`);
    const demoStamps = await seedDemoStamps(db);
    console.log(`Demo stamps: ${demoStamps.stamps} in place`);
    if (options.products > 0) {
      started = performance.now();
      const generated = await seedGeneratedCatalogue(db, options.products);
      console.log(
        `Generated catalogue: ${generated.productsAdded} products added, ${generated.productsKept} already there (${seconds(started)})`,
      );
    }
    if (options.points > 0) {
      started = performance.now();
      const generated = await seedGeneratedPoints(db, options.points);
      console.log(
        `Generated sales points: ${generated.pointsAdded} added, ${generated.pointsKept} already there (${seconds(started)})`,
      );
    }
  });
}
