/** /admin/audit: the audit log, newest first, filtered by entity, paginated. Administrators only. */
import { Hono } from 'hono';
import { z } from 'zod';
import { AUDIT_ENTITIES, AuditPage } from '../../web/pages/admin/AuditPage';
import { userNames } from '../data/users';
import { listAuditEntries } from '../data/audit';
import type { AppEnv } from '../lib/context';
import { pageContext } from '../lib/render';
import { parseInput } from '../lib/validation';
import { toAuditEntryView } from '../presenters/administration';
import { ADMIN_PAGE_SIZE, pageParam } from '../schemas/admin';

// Access is checked for the whole /admin/audit section in admin.tsx.
export const adminAudit = new Hono<AppEnv>();

const auditQuery = z.object({
  entity: z.preprocess((value) => (value === '' ? undefined : value), z.enum(AUDIT_ENTITIES).optional()),
  entityId: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().max(64).optional()),
  page: pageParam,
});

adminAudit.get('/admin/audit', async (c) => {
  const query = parseInput(c, auditQuery, c.req.query());
  const rows = await listAuditEntries(c.var.db, query, ADMIN_PAGE_SIZE + 1, (query.page - 1) * ADMIN_PAGE_SIZE);
  const entries = rows.slice(0, ADMIN_PAGE_SIZE);
  const actorIds = [...new Set(entries.map((e) => e.actorUserId).filter((id) => id !== null))];
  const actorNames = await userNames(c.var.db, actorIds);
  return c.html(
    <AuditPage
      ctx={pageContext(c)}
      entries={entries.map((entry) => toAuditEntryView(entry, actorNames, c.var.t))}
      filter={query}
      page={query.page}
      hasNext={rows.length > ADMIN_PAGE_SIZE}
    />,
  );
});
