/** Users and their sessions. Session ids are stored only as SHA-256 digests of the cookie token. */
import { and, eq, sql } from 'drizzle-orm';
import { sessions, users } from '../../db/schema';
import { normalisePhone } from '../domain/organisation';
import { newSessionTimes } from '../domain/session';
import { randomToken } from '../crypto/random';
import { sha256Hex } from '../crypto/digest';
import type { Database } from './db';

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export async function insertUser(db: Database, user: NewUser): Promise<User> {
  const [row] = await db.insert(users).values(user).returning();
  return row!;
}

/** An account by e-mail (case-insensitive) or phone (as typed: "0912 345 678", "+84912345678"), whichever the login field holds. */
export async function findUserByLogin(db: Database, login: string): Promise<User | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`${users.email} = ${login.toLowerCase()} OR ${users.phone} = ${normalisePhone(login) ?? login}`)
    .limit(1);
  return row ?? null;
}

export async function updatePasswordHash(db: Database, userId: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: new Date().toISOString() }).where(eq(users.id, userId));
}

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

export type SessionWithUser = Awaited<ReturnType<typeof findSession>>;

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
