import { createApp } from './app';
import { createDb } from './data/db';
import { deleteExpiredPinFiles, expireCertifications } from './services/nightly';
import { expireOverdueOrders } from './services/order-expiry';

const app = createApp();

/** wrangler.toml's frequent cron: order parts past their payment deadline. */
const ORDER_SWEEP_CRON = '*/5 * * * *';

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    const at = new Date(controller.scheduledTime);
    const db = createDb(env.DB);
    if (controller.cron === ORDER_SWEEP_CRON) {
      ctx.waitUntil(expireOverdueOrders({ db, env, now: at }));
      return;
    }
    ctx.waitUntil(expireCertifications(db, at));
    ctx.waitUntil(deleteExpiredPinFiles(db, env.MEDIA, at));
  },
} satisfies ExportedHandler<Env>;
