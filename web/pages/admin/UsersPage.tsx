import { userRoles } from '../../../db/schema';
import type { Role } from '../../../worker/domain/policy';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { AdminPager, AdminShell } from './AdminShell';

export interface AdminUserView {
  id: number;
  displayName: string;
  /** E-mail or phone, as they sign in. */
  login: string;
  role: Role;
  producerId: number | null;
  producerName: string | null;
  status: 'active' | 'disabled';
  /** Vietnam time; null when never. */
  lastLogin: string | null;
  createdAt: string;
}

interface UsersPageProps {
  ctx: PageContext;
  users: AdminUserView[];
  filter: { role?: string | undefined; status?: string | undefined };
  page: number;
  hasNext: boolean;
}

export function UsersPage({ ctx, users, filter, page, hasNext }: UsersPageProps) {
  const { t } = ctx;
  return (
    <AdminShell ctx={ctx} role="admin" section="users" title={t.admin.users}>
      <p>
        <a class="button" href={localHref(ctx, '/admin/invitations/new')}>
          {t.admin.invite}
        </a>
      </p>
      <form method="get" action="/admin/users" class="admin-filters">
        <div class="field">
          <label for="role">{t.admin.role}</label>
          <select id="role" name="role">
            <option value="">{t.admin.any}</option>
            {userRoles.map((role) => (
              <option value={role} selected={filter.role === role}>
                {t.admin.roles[role]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="status">{t.admin.status}</label>
          <select id="status" name="status">
            <option value="">{t.admin.any}</option>
            {(['active', 'disabled'] as const).map((status) => (
              <option value={status} selected={filter.status === status}>
                {t.admin.statuses[status]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t.admin.filter}
        </button>
      </form>
      {users.length === 0 ? (
        <p>{t.admin.noUsers}</p>
      ) : (
        <ul class="admin-list">
          {users.map((user) => (
            <li class={user.status === 'disabled' ? 'admin-item is-disabled' : 'admin-item'}>
              <a href={localHref(ctx, `/admin/users/${user.id}`)}>
                <strong>{user.displayName}</strong>
              </a>
              <span>{user.login}</span>
              <span>
                {t.admin.roles[user.role]}
                {user.producerName ? ` · ${user.producerName}` : ''}
              </span>
              <span>
                {t.admin.statuses[user.status]} · {t.admin.lastLogin}: {user.lastLogin ?? t.admin.never}
              </span>
            </li>
          ))}
        </ul>
      )}
      <AdminPager ctx={ctx} url={ctx.url} page={page} hasNext={hasNext} />
    </AdminShell>
  );
}
