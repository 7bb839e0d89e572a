import { createApp } from './app';
import { expireLapsedCertifications } from './data/certification-lifecycle';
import { createDb } from './data/db';
import { vietnamDate } from './domain/time';

const app = createApp();

export default {
  fetch: app.fetch,
  // The nightly cron (wrangler.toml, 00:05 Vietnam time) expires certificates past their valid-until date.
  scheduled(controller, env, ctx) {
    const at = new Date(controller.scheduledTime);
    ctx.waitUntil(expireLapsedCertifications(createDb(env.DB), vietnamDate(at), at));
  },
} satisfies ExportedHandler<Env>;
