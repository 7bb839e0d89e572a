/** The bank-notification webhook's guard: the shared secret first, before the body is even read. */
import { createMiddleware } from 'hono/factory';
import { authenticateBankNotification, presentedSecret } from '../services/bank-transfers';
import type { AppEnv } from './context';

export const requireBankSecret = createMiddleware<AppEnv>(async (c, next) => {
  authenticateBankNotification(
    c.env,
    presentedSecret({
      authorization: c.req.header('authorization') ?? null,
      secureToken: c.req.header('secure-token') ?? null,
    }),
  );
  await next();
});
