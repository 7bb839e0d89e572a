/**
 * One-time links and what accepting one writes. Acceptance is one D1 batch
 * that starts by consuming the invitation: if it was used or expired in the
 * meantime, that first statement breaks a NOT NULL constraint and the whole
 * batch (user, password, claim, audit) rolls back.
 */
import { and, eq, sql } from 'drizzle-orm';
import { invitations, producers, sessions, users } from '../../db/schema';
import type { Login } from '../domain/login';
import type { Role } from '../domain/policy';
import { auditStatement } from './audit';
import { withConstraints } from './constraints';
import { loginCondition } from './users';
import type { Database } from './db';

export type Invitation = typeof invitations.$inferSelect;
export type NewInvitation = typeof invitations.$inferInsert;

/** The invitation and its audit entry; the audit never holds the token hash. */
export async function createInvitation(db: Database, invitation: NewInvitation): Promise<void> {
  const { tokenHash, ...recorded } = invitation;
  await db.batch([
    db.insert(invitations).values(invitation),
    auditStatement(db, {
      actorUserId: invitation.createdBy ?? null,
      action: `invitation.create.${invitation.purpose}`,
      entity: 'invitation',
      entityId: sql`(SELECT CAST(${invitations.id} AS TEXT) FROM ${invitations} WHERE ${invitations.tokenHash} = ${tokenHash})`,
      after: recorded,
    }),
  ]);
}

export interface InvitationWithProducer {
  invitation: Invitation;
  producer: { id: number; name: string; taxCode: string | null; claimedAt: string | null } | null;
  user: { id: number; displayName: string; email: string | null; phone: string | null; role: Role } | null;
}

export async function findInvitation(db: Database, tokenHash: string): Promise<InvitationWithProducer | null> {
  const [row] = await db
    .select({
      invitation: invitations,
      producer: { id: producers.id, name: producers.name, taxCode: producers.taxCode, claimedAt: producers.claimedAt },
      user: { id: users.id, displayName: users.displayName, email: users.email, phone: users.phone, role: users.role },
    })
    .from(invitations)
    .leftJoin(producers, eq(producers.id, invitations.producerId))
    .leftJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, tokenHash));
  return row ?? null;
}

/** Marks the invitation used; fails (and so rolls the batch back) unless it was unused and unexpired. */
function consumeStatement(db: Database, invitationId: number, now: string) {
  return db
    .update(invitations)
    .set({
      usedAt: now,
      tokenHash: sql`CASE WHEN ${invitations.usedAt} IS NULL AND ${invitations.expiresAt} > ${now} THEN ${invitations.tokenHash} ELSE NULL END`,
    })
    .where(eq(invitations.id, invitationId));
}

/**
 * A link used by a concurrent request (its token hash cannot be kept), or an e-mail or phone
 * taken since the link was made: the whole acceptance rolls back as a conflict.
 */
const acceptanceRaces = {
  'NOT NULL invitations.token_hash': 'conflict',
  'UNIQUE users.email': 'conflict',
  'UNIQUE users.phone': 'conflict',
} as const;

export interface Newcomer {
  email: string | null;
  phone: string | null;
  displayName: string;
  passwordHash: string;
  role: Role;
  producerId: number | null;
}

const userIdOf = (newcomer: Newcomer) =>
  newcomer.email
    ? sql`(SELECT CAST(${users.id} AS TEXT) FROM ${users} WHERE ${users.email} = ${newcomer.email})`
    : sql`(SELECT CAST(${users.id} AS TEXT) FROM ${users} WHERE ${users.phone} = ${newcomer.phone})`;

/** Accept an invitation to join (or a claim): the account, the used mark, the claim, the audit entries. */
export async function acceptJoin(
  db: Database,
  invitation: Invitation,
  newcomer: Newcomer,
  now: Date,
  claimProducerId: number | null,
): Promise<number> {
  const at = now.toISOString();
  // The hash stays out of the audit log, like every secret.
  const recorded = {
    email: newcomer.email,
    phone: newcomer.phone,
    role: newcomer.role,
    producerId: newcomer.producerId,
    displayName: newcomer.displayName,
  };
  const [, inserted] = await withConstraints(
    () =>
      db.batch([
        consumeStatement(db, invitation.id, at),
        db
          .insert(users)
          .values({ ...newcomer, status: 'active' })
          .returning({ id: users.id }),
        auditStatement(db, {
          actorUserId: null,
          action: `invitation.accept.${invitation.purpose}`,
          entity: 'user',
          entityId: userIdOf(newcomer),
          after: { ...recorded, invitationId: invitation.id },
        }),
        ...(claimProducerId === null
          ? []
          : [
              db
                .update(producers)
                .set({ claimedAt: at, updatedAt: at })
                .where(and(eq(producers.id, claimProducerId), sql`${producers.claimedAt} IS NULL`)),
              auditStatement(db, {
                actorUserId: null,
                action: 'producer.claim',
                entity: 'producer',
                entityId: claimProducerId,
                before: { claimedAt: null },
                after: { claimedAt: at, invitationId: invitation.id },
              }),
            ]),
      ]),
    acceptanceRaces,
  );
  return inserted[0]!.id;
}

/** Accept a password reset: the new hash, the end of every session of the account, the audit entry. */
export async function acceptReset(
  db: Database,
  invitation: Invitation,
  userId: number,
  passwordHash: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await withConstraints(
    () =>
      db.batch([
        consumeStatement(db, invitation.id, at),
        db.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, userId)),
        db.delete(sessions).where(eq(sessions.userId, userId)),
        auditStatement(db, {
          actorUserId: userId,
          action: 'invitation.accept.password_reset',
          entity: 'user',
          entityId: userId,
          after: { invitationId: invitation.id, passwordChanged: true, sessionsEnded: true },
        }),
      ]),
    acceptanceRaces,
  );
}

/** Whether an e-mail or phone already names an account, so an invitation for it would fail later. */
export async function loginTaken(db: Database, login: Login) {
  const [row] = await db.select({ id: users.id }).from(users).where(loginCondition(login)).limit(1);
  return row !== undefined;
}
