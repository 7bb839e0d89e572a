/** Sessions. Session ids are stored only as SHA-256 digests of the cookie token. */
import { and, eq } from 'drizzle-orm';
import { sessions, users } from '../../db/schema';
import { sha256Hex } from '../crypto/digest';
import { randomToken } from '../crypto/random';
import { newSessionTimes } from '../domain/session';
import type { Database } from './db';

export interface IssuedSession {
  token: string;
  csrfToken: string;
}

/**
 * Start a session for `userId`. Called at every login, so a session id known
 * before login (fixation) is never the one used after it.
 */
export async function createSession(
  db: Database,
  userId: number,
  now: Date,
  userAgent: string | null,
): Promise<IssuedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  await db.batch([
    db
      .insert(sessions)
      .values({ idHash: await sha256Hex(token), userId, csrfToken, userAgent, ...newSessionTimes(now) }),
    db.update(users).set({ lastLoginAt: now.toISOString() }).where(eq(users.id, userId)),
  ]);
  return { token, csrfToken };
}

/** The session behind a cookie token and its user, whether or not it is still live: the caller decides. */
export async function findSession(db: Database, token: string) {
  const idHash = await sha256Hex(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  return row ? { ...row, idHash } : null;
}

export async function touchSession(db: Database, idHash: string, now: Date, idleExpiresAt: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now.toISOString(), idleExpiresAt }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Database, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** "Log out everywhere": every session of the user ends, this one included. */
export async function deleteUserSessions(db: Database, userId: number): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId)));
}
