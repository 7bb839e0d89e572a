/**
 * `npm start -- [--persist-to DIR] [--products N] [--points N]`, port from PORT (default 8787).
 *
 * Prepares the local database exactly like `npm run db:seed` (migrations,
 * reference data, demo data, optional generated catalogue; all idempotent),
 * then runs `wrangler dev` on that state and prints the URL once it answers.
 * No prompts: works with CI=true and without a TTY. Ctrl-C or SIGTERM stops
 * wrangler too.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { demoAccountLines } from './demo-accounts';
import { demoSalesPointLines } from './demo-sales-points';
import { demoFairLines } from './demo-data';
import { demoStampLines } from './demo-stamps';
import { parseSeedArgs, prepareLocalDatabase, ROOT } from './local-d1';
import { withLocalSecrets } from './local-secrets';

const READY_TIMEOUT_MS = 60_000;

const port = Number(process.env.PORT ?? '8787');
if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`PORT must be a TCP port number, got ${process.env.PORT}`);
  process.exit(1);
}

const options = parseSeedArgs(process.argv.slice(2));
try {
  await prepareLocalDatabase(options);
} catch (error) {
  console.error(error);
  process.exit(1);
}

const url = `http://localhost:${port}`;
const dev = spawn(
  resolve(ROOT, 'node_modules/.bin/wrangler'),
  [
    'dev',
    '--port',
    String(port),
    '--persist-to',
    options.persistTo,
    '--show-interactive-dev-session=false',
    // Absolute URLs the app makes (API `url` fields, canonical links, stamp URLs) name this port.
    '--var',
    `PUBLIC_ORIGIN:${url}`,
  ],
  {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: withLocalSecrets({
      // Local requests get Miniflare's placeholder Request.cf instead of one fetched from
      // workers.cloudflare.com, which fails with a stack trace on every start without network.
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
    }),
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

/** wrangler prints its own "Ready" line early; this waits until the app itself answers. */
async function waitUntilServing(): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
  return false;
}

if (await waitUntilServing()) {
  console.log(`\n  OCOP platform is running at ${url}\n  catalogue API: ${url}/api/v1/products\n`);
  console.log(`  Demo accounts (sign in at ${url}/login; demo data only):`);
  for (const line of demoAccountLines()) console.log(`    ${line}`);
  console.log(`\n  Demo stamps (open on a phone or in a browser; demo data only):`);
  for (const line of demoStampLines(url)) console.log(`    ${line}`);
  console.log(`\n  Sales points (demo data; Leaflet map tiles from MAP_TILE_URL):`);
  for (const line of demoSalesPointLines(url)) console.log(`    ${line}`);
  console.log(`\n  Fairs and exhibitions (demo data):`);
  for (const line of demoFairLines(url)) console.log(`    ${line}`);
  console.log('');
} else {
  console.warn(`wrangler dev did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}
