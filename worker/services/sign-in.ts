/**
 * Signing in: throttled per account and per address, the password checked (and rehashed when
 * its parameters are older than today's), and every sign-in starts a fresh session so a session
 * id known before it is never the one used after it. A cart filled before signing in stays, and
 * is now the account's.
 */
import { sha256Hex } from '../crypto/digest';
import { hashPassword, verifyPassword } from '../crypto/password';
import { claimCart } from '../data/carts';
import type { Database } from '../data/db';
import { attemptsSoFar, clearAttempts, countAttempt } from '../data/rate-limits';
import { createSession, deleteSession } from '../data/sessions';
import { findUserByLogin, updatePasswordHash, type User } from '../data/users';
import { parseLogin, signInLockKey } from '../domain/login';
import { minutesUntilReset, rateLimits } from '../domain/rate-limit';

export type SignIn =
  | { outcome: 'signed_in'; user: User; sessionToken: string }
  | { outcome: 'wrong_credentials' }
  | { outcome: 'throttled'; minutes: number };

export interface SignInAttempt {
  login: string;
  password: string;
  ip: string;
  /** The session this browser had, ended by the new one. */
  previousSessionIdHash: string | null;
  userAgent: string | null;
  /** The cart this browser filled before signing in, which becomes the account's. */
  cartId: string | null;
}

export async function signIn(db: Database, attempt: SignInAttempt, now = new Date()): Promise<SignIn> {
  const ipKey = `login:ip:${await sha256Hex(attempt.ip)}`;
  if ((await countAttempt(db, ipKey, rateLimits.loginPerIp, now)) > rateLimits.loginPerIp.limit) {
    return { outcome: 'throttled', minutes: minutesUntilReset(rateLimits.loginPerIp, now) };
  }
  // The account is looked up first, so the lock counts against it however its login was spelt.
  const login = parseLogin(attempt.login);
  const user = await findUserByLogin(db, login);
  const accountKey = signInLockKey(user?.id ?? null, login);
  if ((await attemptsSoFar(db, accountKey, rateLimits.loginPerAccount, now)) >= rateLimits.loginPerAccount.limit) {
    return { outcome: 'throttled', minutes: minutesUntilReset(rateLimits.loginPerAccount, now) };
  }

  const verdict = await verifyPassword(attempt.password, user?.status === 'active' ? user.passwordHash : null);
  if (!user || !verdict.ok) {
    await countAttempt(db, accountKey, rateLimits.loginPerAccount, now);
    return { outcome: 'wrong_credentials' };
  }

  await clearAttempts(db, accountKey);
  if (verdict.needsRehash) await updatePasswordHash(db, user.id, await hashPassword(attempt.password));
  if (attempt.previousSessionIdHash) await deleteSession(db, attempt.previousSessionIdHash);
  const session = await createSession(db, user.id, now, attempt.userAgent);
  if (attempt.cartId) await claimCart(db, attempt.cartId, user.id);
  return { outcome: 'signed_in', user, sessionToken: session.token };
}
