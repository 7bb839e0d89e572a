/** Sign in and sign out. Throttled per account and per IP; every sign-in starts a fresh session. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { LoginPage } from '../../web/pages/LoginPage';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  findUserByLogin,
  updatePasswordHash,
} from '../data/accounts';
import { attemptsSoFar, clearAttempts, countAttempt } from '../data/rate-limits';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from '../domain/password';
import { homePathFor, safeNextPath } from '../domain/policy';
import { minutesUntilReset, rateLimits } from '../domain/rate-limit';
import { clearSessionCookie, requireUser, setSessionCookie } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { csrfToken } from '../lib/csrf';
import { readForm } from '../lib/form-body';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { sha256Hex } from '../lib/tokens';
import { parseInput } from '../lib/validation';

export const auth = new Hono<AppEnv>();

const loginForm = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  next: z.string().max(500).optional(),
});

const clientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'unknown';

auth.get('/login', (c) => {
  const next = safeNextPath(c.req.query('next')) ?? undefined;
  return c.html(<LoginPage ctx={pageContext(c)} csrfToken={csrfToken(c)} next={next} />);
});

auth.post('/login', async (c) => {
  const form = parseInput(c, loginForm, await readForm(c));
  const { db, t } = c.var;
  const now = new Date();
  const next = safeNextPath(form.next) ?? undefined;
  const renderError = (error: string, status: typeof StatusCodes.UNAUTHORIZED | typeof StatusCodes.TOO_MANY_REQUESTS) =>
    c.html(
      <LoginPage ctx={pageContext(c)} csrfToken={csrfToken(c)} login={form.login} next={next} error={error} />,
      status,
    );

  const ipKey = `login:ip:${await sha256Hex(clientIp(c))}`;
  if ((await countAttempt(db, ipKey, rateLimits.loginPerIp, now)) > rateLimits.loginPerIp.limit) {
    return renderError(t.auth.throttled(minutesUntilReset(rateLimits.loginPerIp, now)), StatusCodes.TOO_MANY_REQUESTS);
  }
  const accountKey = `login:account:${form.login.toLowerCase()}`;
  if ((await attemptsSoFar(db, accountKey, rateLimits.loginPerAccount, now)) >= rateLimits.loginPerAccount.limit) {
    return renderError(
      t.auth.throttled(minutesUntilReset(rateLimits.loginPerAccount, now)),
      StatusCodes.TOO_MANY_REQUESTS,
    );
  }

  const user = await findUserByLogin(db, form.login);
  const verdict = await verifyPassword(form.password, user?.status === 'active' ? user.passwordHash : null);
  if (!user || !verdict.ok) {
    await countAttempt(db, accountKey, rateLimits.loginPerAccount, now);
    return renderError(t.auth.wrongCredentials, StatusCodes.UNAUTHORIZED);
  }

  await clearAttempts(db, accountKey);
  if (verdict.needsRehash) await updatePasswordHash(db, user.id, await hashPassword(form.password));
  if (c.var.session) await deleteSession(db, c.var.session.idHash);
  const session = await createSession(db, user.id, now, c.req.header('user-agent') ?? null);
  setSessionCookie(c, session.token);
  return c.redirect(next ?? homePathFor(user.role), StatusCodes.SEE_OTHER);
});

auth.post('/logout', async (c) => {
  if (c.var.session) await deleteSession(c.var.db, c.var.session.idHash);
  clearSessionCookie(c);
  return c.redirect('/', StatusCodes.SEE_OTHER);
});

auth.post('/logout-everywhere', requireUser, async (c) => {
  await deleteUserSessions(c.var.db, c.var.user!.id);
  clearSessionCookie(c);
  return c.redirect('/login', StatusCodes.SEE_OTHER);
});
