import type { listAuditEntries } from '../../../worker/data/audit';
import { formatInstant } from '../../../worker/domain/time';
import type { PageContext } from '../../page-context';
import { AdminPager, AdminShell } from './AdminShell';

type Entry = Awaited<ReturnType<typeof listAuditEntries>>[number];

export const AUDIT_ENTITIES = ['user', 'invitation', 'producer', 'api_token'] as const;

interface AuditPageProps {
  ctx: PageContext;
  entries: Entry[];
  actorNames: Map<number, string>;
  filter: { entity?: string | undefined; entityId?: string | undefined };
  page: number;
  hasNext: boolean;
}

const readable = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

export function AuditPage({ ctx, entries, actorNames, filter, page, hasNext }: AuditPageProps) {
  const { t } = ctx;
  const ta = t.admin.auditLog;
  const entityName = (entity: string) => (ta.entities as Record<string, string>)[entity] ?? entity;
  return (
    <AdminShell ctx={ctx} role="admin" section="audit" title={t.admin.audit}>
      <p>{ta.intro}</p>
      <form method="get" action="/admin/audit" class="admin-filters">
        <div class="field">
          <label for="entity">{ta.entity}</label>
          <select id="entity" name="entity">
            <option value="">{t.admin.any}</option>
            {AUDIT_ENTITIES.map((entity) => (
              <option value={entity} selected={filter.entity === entity}>
                {entityName(entity)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="entityId">{ta.entityId}</label>
          <input id="entityId" name="entityId" type="text" value={filter.entityId ?? ''} />
        </div>
        <button type="submit" class="button">
          {t.admin.filter}
        </button>
      </form>
      {entries.length === 0 ? <p>{ta.none}</p> : null}
      <ol class="admin-list audit-list">
        {entries.map((entry) => (
          <li class="admin-item">
            <span>
              <time datetime={entry.at}>{formatInstant(entry.at)}</time> · <code>{entry.action}</code>
            </span>
            <span>
              {ta.entity}: {entityName(entry.entity)} #{entry.entityId}
            </span>
            <span>
              {ta.actor}:{' '}
              {entry.actorUserId
                ? (actorNames.get(entry.actorUserId) ?? `#${entry.actorUserId}`)
                : entry.actorTokenId
                  ? ta.token(entry.actorTokenId)
                  : ta.system}
            </span>
            <div class="audit-diff">
              <div>
                <h3>{ta.before}</h3>
                <pre>{readable(entry.before)}</pre>
              </div>
              <div>
                <h3>{ta.after}</h3>
                <pre>{readable(entry.after)}</pre>
              </div>
            </div>
          </li>
        ))}
      </ol>
      <AdminPager ctx={ctx} url={ctx.url} page={page} hasNext={hasNext} />
    </AdminShell>
  );
}
