/** Sign in and sign out (the rules: worker/services/sign-in.ts). */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { LoginPage } from '../../web/pages/LoginPage';
import { deleteSession, deleteUserSessions } from '../data/sessions';
import { MAX_PASSWORD_LENGTH } from '../domain/password';
import { homePathFor, safeNextPath } from '../domain/policy';
import { clearSessionCookie, requireUser, setSessionCookie } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { cartFromCookie } from '../lib/cart-cookie';
import { readForm } from '../lib/form-body';
import { submitForm } from '../lib/forms';
import { csrfToken } from '../lib/csrf';
import { pageContext } from '../lib/render';
import { clientIp } from '../lib/request';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import { signIn } from '../services/sign-in';

export const auth = new Hono<AppEnv>();

/** The origin this request came to: a redirect target must land on it. */
const siteOrigin = (c: Context<AppEnv>) => new URL(c.req.url).origin;

const loginForm = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  next: z.string().max(500).optional(),
});

auth.get('/login', (c) => {
  const next = safeNextPath(c.req.query('next'), siteOrigin(c)) ?? undefined;
  const user = c.var.user;
  const signedIn = user ? { name: user.displayName, homePath: homePathFor(user.role) } : undefined;
  return c.html(<LoginPage ctx={pageContext(c)} csrfToken={csrfToken(c)} next={next} signedIn={signedIn} />);
});

auth.post('/login', async (c) => {
  const body = await readForm(c);
  const typed = (field: string) => (typeof body[field] === 'string' ? body[field] : undefined);
  return submitForm(
    c,
    async () => {
      const form = parseInput(c, loginForm, body);
      const { t } = c.var;
      const next = safeNextPath(form.next, siteOrigin(c)) ?? undefined;
      const result = await signIn(c.var.db, {
        login: form.login,
        password: form.password,
        ip: clientIp(c),
        previousSessionIdHash: c.var.session?.idHash ?? null,
        userAgent: c.req.header('user-agent') ?? null,
        cartId: cartFromCookie(c),
      });
      if (result.outcome === 'signed_in') {
        setSessionCookie(c, result.sessionToken);
        return c.redirect(next ?? homePathFor(result.user.role), StatusCodes.SEE_OTHER);
      }
      const [error, status] =
        result.outcome === 'throttled'
          ? [t.auth.throttled(result.minutes), StatusCodes.TOO_MANY_REQUESTS]
          : [t.auth.wrongCredentials, StatusCodes.UNAUTHORIZED];
      return c.html(
        <LoginPage ctx={pageContext(c)} csrfToken={csrfToken(c)} login={form.login} next={next} error={error} />,
        status,
      );
    },
    ({ issues, status }) =>
      c.html(
        <LoginPage
          ctx={pageContext(c)}
          csrfToken={csrfToken(c)}
          login={typed('login')?.slice(0, 254)}
          next={safeNextPath(typed('next')?.slice(0, 500), siteOrigin(c)) ?? undefined}
          issues={issues}
        />,
        status,
      ),
  );
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
