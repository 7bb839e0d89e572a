/**
 * Who is asking. The session middleware resolves the session cookie to a
 * user once per request; route guards (requireUser, requireRole) and the
 * policy functions in worker/domain/policy.ts decide what that user may do.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { deleteSession, findSession, touchSession } from '../data/sessions';
import { isSessionLive, touchedIdleExpiry, SESSION_ABSOLUTE_MS } from '../domain/session';
import { enforce, type Access, type Actor, type Role } from '../domain/policy';
import type { AppEnv } from './context';
import { AppError } from './errors';

export const SESSION_COOKIE = 'ocop_session';

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
}

/** Sets c.var.user and c.var.session when the cookie names a live session of an active account. */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('user', null);
  c.set('session', null);
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const found = await findSession(c.var.db, token);
    const now = new Date();
    if (found && isSessionLive(found.session, now) && found.user.status === 'active') {
      c.set('user', found.user);
      c.set('session', { idHash: found.idHash, csrfToken: found.session.csrfToken });
      const idle = touchedIdleExpiry(found.session, now);
      if (idle) await touchSession(c.var.db, found.idHash, now, idle);
    } else {
      if (found) await deleteSession(c.var.db, found.idHash);
      clearSessionCookie(c);
    }
  }
  await next();
});

/** Only signed-in users past this point: 401 on the API, the login page for a browser. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.user) {
    if (c.req.method === 'GET' && !c.req.path.startsWith('/api/')) {
      const target = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(target.pathname + target.search)}`);
    }
    throw new AppError('unauthorized');
  }
  await next();
});

/** Only the given roles past this point (after requireUser). */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (!user) throw new AppError('unauthorized');
    if (!roles.includes(user.role)) throw new AppError('forbidden');
    await next();
  });

/** Only users a policy rule of worker/domain/policy.ts allows past this point (after requireUser). */
export const requireAccess = (rule: (actor: Actor) => Access) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (!user) throw new AppError('unauthorized');
    enforce(rule(user));
    await next();
  });
