import type { D1Migration } from 'cloudflare:test';
import type * as mainModule from '../worker/index';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The local Stripe stand-in (test/support/stripe-server.ts), bound by vitest.config.ts. */
      STRIPE_API_BASE: string;
      STRIPE_SECRET_KEY: string;
      STRIPE_WEBHOOK_SECRET: string;
      BANK_WEBHOOK_SECRET: string;
    }
    interface GlobalProps {
      mainModule: typeof mainModule;
    }
  }
}
