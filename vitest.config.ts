import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { withLocalSecrets } from './db/seed/local-secrets';
import { startStripeServer } from './test/support/stripe-server';

export default defineConfig(async () => {
  // The plugin reads wrangler.toml's required secrets from the process environment, as wrangler dev does.
  process.env = withLocalSecrets(process.env);
  // Read on the Node side once; the setup file applies them inside the runtime.
  const migrations = await readD1Migrations('db/migrations');
  // The local server speaking Stripe's protocol runs on the Node side; the worker under test reaches
  // it through its STRIPE_* bindings, which exist only once it listens, so it starts here.
  const stripe = await startStripeServer();

  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                // A test-only binding so migrations can be applied in a setup file.
                bindings: { TEST_MIGRATIONS: migrations, CATALOGUE_CACHE_SECONDS: '0', ...stripe.bindings },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/{domain,crypto,storage,data,services,api,pages,print}/**/*.test.{ts,tsx}'],
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
