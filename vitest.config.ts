import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { withLocalSecrets } from './db/seed/local-secrets';

export default defineConfig(async () => {
  // The plugin reads wrangler.toml's required secrets from the process environment, as wrangler dev does,
  // and logs that it did each time it starts a runtime: only wrangler's warnings and errors are news here.
  process.env = withLocalSecrets(process.env);
  process.env.WRANGLER_LOG ??= 'warn';
  // Read on the Node side once; the setup file applies them inside the runtime.
  const migrations = await readD1Migrations('db/migrations');

  return {
    // pdf.js requires this native package when it sees Node; the Workers runtime cannot load it (test/print).
    resolve: { alias: { '@napi-rs/canvas': fileURLToPath(new URL('./test/print/canvas-stub.mjs', import.meta.url)) } },
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                // A test-only binding so migrations can be applied in a setup file.
                bindings: { TEST_MIGRATIONS: migrations, CATALOGUE_CACHE_SECONDS: '0' },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/{domain,data,api,pages,print}/**/*.test.{ts,tsx}'],
            setupFiles: ['./test/apply-migrations.ts'],
            // qrcode is CommonJS: left unbundled, the test runtime scores its masks about 20 times slower.
            deps: { optimizer: { ssr: { enabled: true, include: ['qrcode'] } } },
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
