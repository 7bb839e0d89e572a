import type { PageContext } from '../../page-context';
import { AdminPager, AdminShell } from './AdminShell';

export interface AuditEntryView {
  /** UTC instant, for the time element. */
  at: string;
  /** The same in Vietnam time. */
  atText: string;
  action: string;
  /** The kind of thing changed, in the page's language. */
  entity: string;
  entityId: string;
  /** Who acted: a person, an API token or the system. */
  actor: string;
  before: string;
  after: string;
}

export const AUDIT_ENTITIES = ['user', 'invitation', 'producer', 'api_token'] as const;

interface AuditPageProps {
  ctx: PageContext;
  entries: AuditEntryView[];
  filter: { entity?: string | undefined; entityId?: string | undefined };
  page: number;
  hasNext: boolean;
}

export function AuditPage({ ctx, entries, filter, page, hasNext }: AuditPageProps) {
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
              <time datetime={entry.at}>{entry.atText}</time> · <code>{entry.action}</code>
            </span>
            <span>
              {ta.entity}: {entry.entity} #{entry.entityId}
            </span>
            <span>
              {ta.actor}: {entry.actor}
            </span>
            <div class="audit-diff">
              <div>
                <h3>{ta.before}</h3>
                <pre>{entry.before}</pre>
              </div>
              <div>
                <h3>{ta.after}</h3>
                <pre>{entry.after}</pre>
              </div>
            </div>
          </li>
        ))}
      </ol>
      <AdminPager ctx={ctx} url={ctx.url} page={page} hasNext={hasNext} />
    </AdminShell>
  );
}
