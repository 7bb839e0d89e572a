import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  // Read on the Node side once; the setup file applies them inside the runtime.
  const migrations = await readD1Migrations('db/migrations');

  return {
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
            include: ['test/{domain,data,api,pages}/**/*.test.{ts,tsx}'],
            setupFiles: ['./test/apply-migrations.ts'],
          },
        },
      ],
    },
  };
});
