/** The audit log: who changed what, when, with the values before and after. */
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import type { Database } from './db';

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
