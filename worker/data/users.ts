/** Accounts: creating and finding them, the administration's list and changes, display names for the audit log. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { producers, sessions, users } from '../../db/schema';
import { storedPhoneSpellings, type Login } from '../domain/login';
import type { Role } from '../domain/policy';
import { auditStatement } from './audit';
import type { Database } from './db';

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export async function insertUser(db: Database, user: NewUser): Promise<User> {
  const [row] = await db.insert(users).values(user).returning();
  return row!;
}

/** An account by e-mail (any case) or phone (however typed: "0912 345 678", "+84912345678", "84912345678"). */
export async function findUserByLogin(db: Database, login: Login): Promise<User | null> {
  const [row] = await db.select().from(users).where(loginCondition(login)).limit(1);
  return row ?? null;
}

/** The account row a login names, also when an invitation stored its phone as typed, before logins were canonical. */
export function loginCondition(login: Login) {
  switch (login.kind) {
    case 'email':
      return eq(users.email, login.value);
    case 'phone':
      return inArray(users.phone, storedPhoneSpellings(login.value));
    case 'other':
      return eq(users.phone, login.value);
  }
}

export async function updatePasswordHash(db: Database, userId: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: new Date().toISOString() }).where(eq(users.id, userId));
}

export type UserStatus = User['status'];

export const publicUserColumns = {
  id: users.id,
  email: users.email,
  phone: users.phone,
  displayName: users.displayName,
  role: users.role,
  status: users.status,
  producerId: users.producerId,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

export interface UserFilter {
  role?: Role | undefined;
  status?: UserStatus | undefined;
}

/** One page of accounts, newest first, with one extra row fetched so the caller knows if more follow. */
export async function listUsers(db: Database, filter: UserFilter, limit: number, offset: number) {
  const conditions = [
    filter.role ? eq(users.role, filter.role) : undefined,
    filter.status ? eq(users.status, filter.status) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({ ...publicUserColumns, producerName: producers.name })
    .from(users)
    .leftJoin(producers, eq(producers.id, users.producerId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit + 1)
    .offset(offset);
}

export async function findUserForAdmin(db: Database, id: number) {
  const [row] = await db
    .select({ ...publicUserColumns, producerName: producers.name })
    .from(users)
    .leftJoin(producers, eq(producers.id, users.producerId))
    .where(eq(users.id, id));
  return row ?? null;
}

export type AdminUser = NonNullable<Awaited<ReturnType<typeof findUserForAdmin>>>;

/** Disable or enable an account; disabling ends every session it has, in the same batch. */
export async function setUserStatus(db: Database, user: AdminUser, status: UserStatus, actorUserId: number) {
  const at = new Date().toISOString();
  await db.batch([
    db.update(users).set({ status, updatedAt: at }).where(eq(users.id, user.id)),
    ...(status === 'disabled' ? [db.delete(sessions).where(eq(sessions.userId, user.id))] : []),
    auditStatement(db, {
      actorUserId,
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      entity: 'user',
      entityId: user.id,
      before: { status: user.status },
      after: { status },
    }),
  ]);
}

/** A new role (and organisation); sessions end too, so no page keeps the powers of the old role. */
export async function changeUserRole(
  db: Database,
  user: AdminUser,
  change: { role: Role; producerId: number | null },
  actorUserId: number,
) {
  const at = new Date().toISOString();
  await db.batch([
    db
      .update(users)
      .set({ ...change, updatedAt: at })
      .where(eq(users.id, user.id)),
    db.delete(sessions).where(eq(sessions.userId, user.id)),
    auditStatement(db, {
      actorUserId,
      action: 'user.role_change',
      entity: 'user',
      entityId: user.id,
      before: { role: user.role, producerId: user.producerId },
      after: change,
    }),
  ]);
}

/** Display names of the given accounts, for showing who acted in the audit log. */
export async function userNames(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
