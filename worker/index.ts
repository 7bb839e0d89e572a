import { createApp } from './app';
import { createDb } from './data/db';
import { deleteExpiredPinFiles, expireCertifications } from './services/nightly';

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    const at = new Date(controller.scheduledTime);
    const db = createDb(env.DB);
    ctx.waitUntil(expireCertifications(db, at));
    ctx.waitUntil(deleteExpiredPinFiles(db, env.MEDIA, at));
  },
} satisfies ExportedHandler<Env>;
