/**
 * Certification lifecycle writes outside the ingest: the nightly expiry and a
 * revocation by an administrator. Each is one batch with its catalogue
 * refresh and audit rows, so the catalogue never shows a half-applied change.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { auditLog, certifications, products } from '../../db/schema';
import { auditStatement } from './audit';
import type { Database } from './db';
import { refreshCatalogueFieldsWhere } from './products';

/**
 * Marks active certifications whose valid-until date is before `today` as
 * expired. Reads never wait for this (they compare the date themselves); it
 * keeps the stored status, the admin lists and the audit trail true.
 * Returns how many certifications expired.
 */
export async function expireLapsedCertifications(db: Database, today: string, at: Date): Promise<number> {
  // The run's own timestamp marks the rows it expired, so the refresh and the audit in
  // the same batch find exactly those.
  const runAt = at.toISOString();
  const expiredThisRun = and(eq(certifications.status, 'expired'), eq(certifications.statusChangedAt, runAt));
  const [expired] = await db.batch([
    db
      .update(certifications)
      .set({ status: 'expired', statusChangedAt: runAt, updatedAt: runAt })
      .where(and(eq(certifications.status, 'active'), lt(certifications.validUntil, today)))
      .returning({ id: certifications.id }),
    refreshCatalogueFieldsWhere(
      db,
      sql`${products.id} IN (SELECT ${certifications.productId} FROM ${certifications} WHERE ${expiredThisRun})`,
    ),
    db.insert(auditLog).select(
      db
        .select({
          id: sql<number>`NULL`.as('id'),
          at: sql<string>`${runAt}`.as('at'),
          actorUserId: sql<null>`NULL`.as('actor_user_id'),
          actorTokenId: sql<null>`NULL`.as('actor_token_id'),
          action: sql<string>`'certification.expired'`.as('action'),
          entity: sql<string>`'certification'`.as('entity'),
          entityId: sql<string>`CAST(${certifications.id} AS TEXT)`.as('entity_id'),
          before: sql<string>`json_object('status', 'active')`.as('before'),
          after: sql<string>`json_object('status', 'expired', 'valid_until', ${certifications.validUntil})`.as('after'),
        })
        .from(certifications)
        .where(expiredThisRun),
    ),
  ]);
  return expired.length;
}

/** An administrator revokes a certification by decision; the product leaves the catalogue at once. */
export async function revokeCertification(
  db: Database,
  certificationId: number,
  revocation: { reason: string; decisionNumber: string },
  actorUserId: number,
) {
  const [current] = await db
    .select({ productId: certifications.productId, status: certifications.status })
    .from(certifications)
    .where(eq(certifications.id, certificationId));
  if (!current) return null;
  if (current.status === 'revoked') return { productId: current.productId, changed: false };
  const now = new Date().toISOString();
  await db.batch([
    db
      .update(certifications)
      .set({
        status: 'revoked',
        statusReason: revocation.reason,
        revocationDecision: revocation.decisionNumber,
        statusChangedAt: now,
        updatedAt: now,
      })
      .where(eq(certifications.id, certificationId)),
    refreshCatalogueFieldsWhere(db, eq(products.id, current.productId)),
    auditStatement(db, {
      actorUserId,
      action: 'certification.revoked',
      entity: 'certification',
      entityId: certificationId,
      before: { status: current.status },
      after: { status: 'revoked', reason: revocation.reason, revocation_decision: revocation.decisionNumber },
    }),
  ]);
  return { productId: current.productId, changed: true };
}
