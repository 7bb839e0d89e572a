/**
 * Certifications outside the ingest. Reads behind the administration pages: the filtered list of
 * every council result (and its CSV export), one certification for the revocation form, and the
 * programme overview for trade-promotion staff; status filters compare valid-until with today
 * themselves, as every read does, so a lapsed certificate counts as expired before the nightly
 * job runs. Writes: the nightly expiry and a revocation by an administrator, each one batch with
 * its catalogue refresh and audit rows, so the catalogue never shows a half-applied change.
 */
import { and, asc, desc, eq, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { auditLog, certifications, productGroups, producers, products } from '../../db/schema';
import { MIN_CERTIFIED_STARS, type CertificationFilter, type CertificationStatus } from '../domain/certification';
import { addDays } from '../domain/dashboard';
import { listedConditions } from './catalogue';
import type { Database } from './db';
import { auditStatement } from './audit';
import { refreshCatalogueFieldsWhere } from './products';

/** 1 and 2 star results certify nothing: never counted as valid, expiring or expired. */
const certifies = gte(certifications.stars, MIN_CERTIFIED_STARS);

const stillValid = (today: string) =>
  and(certifies, eq(certifications.status, 'active'), gte(certifications.validUntil, today));

function statusCondition(status: CertificationStatus, today: string) {
  switch (status) {
    case 'active':
      return stillValid(today);
    case 'expired':
      return and(
        certifies,
        or(
          eq(certifications.status, 'expired'),
          and(eq(certifications.status, 'active'), lt(certifications.validUntil, today)),
        ),
      );
    case 'revoked':
    case 'superseded':
      return eq(certifications.status, status);
  }
}

function filterConditions(filter: CertificationFilter, today: string): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [];
  if (filter.province) conditions.push(eq(products.provinceCode, filter.province));
  if (filter.stars === '1-2') conditions.push(lt(certifications.stars, MIN_CERTIFIED_STARS));
  else if (filter.stars) conditions.push(eq(certifications.stars, Number(filter.stars)));
  if (filter.level) conditions.push(eq(certifications.level, filter.level));
  if (filter.status) conditions.push(statusCondition(filter.status, today));
  if (filter.expiringWithinDays !== undefined) {
    conditions.push(stillValid(today), lte(certifications.validUntil, addDays(today, filter.expiringWithinDays)));
  }
  return conditions;
}

const listColumns = {
  id: certifications.id,
  stars: certifications.stars,
  score: certifications.score,
  level: certifications.level,
  decisionNumber: certifications.decisionNumber,
  decisionDate: certifications.decisionDate,
  issuingBody: certifications.issuingBody,
  validUntil: certifications.validUntil,
  status: certifications.status,
  statusReason: certifications.statusReason,
  // Not products.id: D1 keys batch rows by column name, and certifications.id is "id" too.
  productId: certifications.productId,
  productSlug: products.slug,
  productName: products.nameVi,
  producerName: producers.name,
  provinceCode: products.provinceCode,
};

function selectFiltered(db: Database, conditions: (SQL | undefined)[]) {
  return db
    .select(listColumns)
    .from(certifications)
    .innerJoin(products, eq(products.id, certifications.productId))
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(and(...conditions));
}

/**
 * One page of certifications, newest decision first, with one extra row so
 * the caller knows whether more follow, and how many match in all.
 */
export async function listCertifications(
  db: Database,
  filter: CertificationFilter,
  today: string,
  limit: number,
  offset: number,
) {
  const conditions = filterConditions(filter, today);
  const [rows, counted] = await db.batch([
    selectFiltered(db, conditions)
      .orderBy(desc(certifications.decisionDate), desc(certifications.id))
      .limit(limit + 1)
      .offset(offset),
    db
      .select({ count: sql<number>`count(*)` })
      .from(certifications)
      .innerJoin(products, eq(products.id, certifications.productId))
      .where(and(...conditions)),
  ]);
  return { rows, total: counted[0]?.count ?? 0 };
}

export type CertificationListRow = Awaited<ReturnType<typeof listCertifications>>['rows'][number];

/** The first `limit` certifications of the list, with what a spreadsheet of them needs beyond the page's columns. */
export function exportCertifications(db: Database, filter: CertificationFilter, today: string, limit: number) {
  return db
    .select({
      ...listColumns,
      criteriaVersion: certifications.criteriaVersion,
      revocationDecision: certifications.revocationDecision,
      taxCode: producers.taxCode,
      productCode: products.producerCode,
      groupCode: productGroups.code,
    })
    .from(certifications)
    .innerJoin(products, eq(products.id, certifications.productId))
    .innerJoin(producers, eq(producers.id, products.producerId))
    .innerJoin(productGroups, eq(productGroups.id, products.groupId))
    .where(and(...filterConditions(filter, today)))
    .orderBy(desc(certifications.decisionDate), desc(certifications.id))
    .limit(limit);
}

export type CertificationExportRow = Awaited<ReturnType<typeof exportCertifications>>[number];

/** One certification as the list shows it, for the revocation form; null when there is none. */
export async function findCertificationForAdmin(db: Database, id: number) {
  const [row] = await selectFiltered(db, [eq(certifications.id, id)]);
  return row ?? null;
}

export type CertificationForAdmin = NonNullable<Awaited<ReturnType<typeof findCertificationForAdmin>>>;

/**
 * What the programme overview shows, in one round trip: products listed
 * today counted by province, catalogue group and stars, and the active
 * certifications expiring within `expiringDays` (how many, and the first few).
 */
export async function loadProgrammeOverview(db: Database, today: string, expiringDays: number, expiringLimit: number) {
  const expiring = filterConditions({ expiringWithinDays: expiringDays }, today);
  const [counts, groups, expiringCount, expiringRows] = await db.batch([
    // One pass over the listing index gives all three breakdowns.
    db
      .select({
        provinceCode: products.provinceCode,
        groupId: products.groupId,
        stars: products.ocopStars,
        count: sql<number>`count(*)`,
      })
      .from(products)
      .where(and(...listedConditions(today)))
      .groupBy(products.provinceCode, products.groupId, products.ocopStars),
    db.select({ id: productGroups.id, code: productGroups.code }).from(productGroups),
    db
      .select({ count: sql<number>`count(*)` })
      .from(certifications)
      .where(and(...expiring)),
    selectFiltered(db, expiring).orderBy(asc(certifications.validUntil), asc(certifications.id)).limit(expiringLimit),
  ]);
  const groupCodes = new Map(groups.map((group) => [group.id, group.code] as const));
  const total = (key: (row: (typeof counts)[number]) => string) => {
    const totals = new Map<string, number>();
    for (const row of counts) totals.set(key(row), (totals.get(key(row)) ?? 0) + row.count);
    return totals;
  };
  return {
    byProvince: total((row) => row.provinceCode),
    byGroup: total((row) => groupCodes.get(row.groupId) ?? row.groupId),
    byStars: total((row) => String(row.stars)),
    expiringCount: expiringCount[0]?.count ?? 0,
    expiring: expiringRows,
  };
}

// ---------------------------------------------------------------- lifecycle writes

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
