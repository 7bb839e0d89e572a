import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { withLocalSecrets } from './db/seed/local-secrets';
import { startStripeServer } from './test/support/stripe-server';

// Password hashing, PDF building and property runs take a second or so alone; on two busy cores, several.
const SLOW_TEST_MS = 20_000;

// CommonJS packages prebundled for the runtime: qrcode, left unbundled, scores its masks about 20
// times slower; digital-link.js (GS1's toolkit, in tests only) loses its grammar library's helpers.
// stripe's ESM build ships source maps that name missing sources: bundled once, Vite reads none of
// them, instead of printing two hundred warnings in every run that loads the app.
const deps = { optimizer: { ssr: { enabled: true, include: ['qrcode', 'digital-link.js', 'stripe'] } } };

export default defineConfig(async () => {
  // The plugin reads wrangler.toml's required secrets from the process environment, as wrangler dev does,
  // and logs that it did each time it starts a runtime: only wrangler's warnings and errors are news here.
  process.env = withLocalSecrets(process.env);
  process.env.WRANGLER_LOG ??= 'warn';
  // Read on the Node side once; the setup file applies them inside the runtime.
  const migrations = await readD1Migrations('db/migrations');
  // The local server speaking Stripe's protocol runs on the Node side; the worker under test reaches
  // it through its STRIPE_* bindings, which exist only once it listens, so it starts here.
  const stripe = await startStripeServer();

  return {
    // pdf.js requires this native package when it sees Node; the Workers runtime cannot load it (test/print).
    resolve: { alias: { '@napi-rs/canvas': fileURLToPath(new URL('./test/print/canvas-stub.mjs', import.meta.url)) } },
    test: {
      // At least two, also on 2 cores (where vitest's default is one): a file mostly waits on its
      // runtime or on Chromium, so two files at a time keep both cores busy.
      maxWorkers: Math.max(2, availableParallelism() - 1),
      projects: [
        {
          plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
          test: {
            // Pure rules, crypto and print files: in the Workers runtime, without storage or the app, one
            // runtime and one module graph serve all of them.
            name: 'pure',
            testTimeout: SLOW_TEST_MS,
            include: ['test/{domain,crypto,print}/**/*.test.{ts,tsx}'],
            isolate: false,
            deps,
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              // workerd's --verbose logs each R2 or cache object that reset() deletes while a
              // stream from it is open, as an internal exception; test failures show regardless.
              verbose: false,
              miniflare: {
                // A test-only binding so migrations can be applied in a setup file.
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  CATALOGUE_CACHE_SECONDS: '0',
                  ...stripe.bindings,
                  // The bank-notification webhook's shared secret (test/api/bank-transfers.test.ts).
                  BANK_WEBHOOK_SECRET: 'bank-webhook-secret-for-tests',
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            testTimeout: SLOW_TEST_MS,
            include: ['test/{storage,data,services,api,pages}/**/*.test.{ts,tsx}'],
            // A fresh runtime per file loaded the whole app again for every file (3 to 4 s each);
            // now each runtime runs its files one after another, and the setup file still starts
            // every file on storage of its own.
            isolate: false,
            setupFiles: ['./test/apply-migrations.ts'],
            deps,
          },
        },
        {
          test: {
            // Node-side checks of the repository itself, such as the lint rules that keep the layers apart.
            name: 'node',
            environment: 'node',
            include: ['test/node/**/*.test.ts'],
          },
        },
        {
          test: {
            name: 'browser',
            environment: 'node',
            include: ['test/browser/**/*.test.ts'],
            // Seeds a persist dir and serves it with `wrangler dev` once for all browser tests.
            globalSetup: ['./test/browser/global-setup.ts'],
            // A real browser against a dev server: page loads take seconds, not milliseconds.
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  };
});
