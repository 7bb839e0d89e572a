/** The audit log: who changed what, when, with the values before and after. */
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import type { Database } from './db';
import { insertSelect } from './insert-select';

export interface AuditEntry {
  actorUserId?: number | null;
  actorTokenId?: number | null;
  action: string;
  entity: string;
  /** A SQL expression when the row is created in the same batch and its id is not known yet. */
  entityId: string | number | SQL;
  before?: unknown;
  after?: unknown;
}

/**
 * The insert for one audit entry, as a statement: put it in the same
 * db.batch as the change it records, so both happen or neither does.
 */
export function auditStatement(db: Database, entry: AuditEntry) {
  return db.insert(auditLog).values({
    actorUserId: entry.actorUserId ?? null,
    actorTokenId: entry.actorTokenId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: typeof entry.entityId === 'object' ? entry.entityId : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/**
 * The audit entry of a change that may find nothing to change (a row another request deleted
 * meanwhile): written only when `happened`, an SQL condition read after the change in the same
 * batch, holds.
 */
export function auditStatementIf(db: Database, entry: AuditEntry, happened: SQL) {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  return insertSelect(
    db,
    auditLog,
    {
      actor_user_id: entry.actorUserId ?? null,
      actor_token_id: entry.actorTokenId ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: typeof entry.entityId === 'object' ? entry.entityId : String(entry.entityId),
      before: json(entry.before),
      after: json(entry.after),
    },
    sql`WHERE ${happened}`,
  );
}

export async function listAuditEntries(
  db: Database,
  filter: { entity?: string | undefined; entityId?: string | undefined },
  limit: number,
  offset: number,
) {
  const conditions = [
    filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(auditLog)
    .where(conditions.length > 0 ? sql.join(conditions, sql` AND `) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
}
