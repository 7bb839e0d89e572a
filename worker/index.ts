import { createApp } from './app';
import { expireLapsedCertifications } from './data/certification-lifecycle';
import { createDb } from './data/db';
import { deleteExpiredPinFiles } from './data/stamp-pin-files';
import { vietnamDate } from './domain/time';

const app = createApp();

export default {
  fetch: app.fetch,
  // The nightly cron (wrangler.toml, 00:05 Vietnam time) expires certificates past their valid-until
  // date and deletes stamp PINs kept for printing past their time (worker/data/stamp-pin-files.ts).
  scheduled(controller, env, ctx) {
    const at = new Date(controller.scheduledTime);
    ctx.waitUntil(expireLapsedCertifications(createDb(env.DB), vietnamDate(at), at));
    ctx.waitUntil(deleteExpiredPinFiles(createDb(env.DB), env.MEDIA, at));
  },
} satisfies ExportedHandler<Env>;
