import { userRoles } from '../../../db/schema';
import type { PageContext } from '../../page-context';
import type { AdminUserView } from './UsersPage';
import { AdminShell, CsrfField } from './AdminShell';

interface UserPageProps {
  ctx: PageContext;
  user: AdminUserView;
  csrfToken: string;
  /** The administrator is looking at their own account: no disabling or role change. */
  isSelf: boolean;
}

export function UserPage({ ctx, user, csrfToken, isSelf }: UserPageProps) {
  const { t } = ctx;
  const base = `/admin/users/${user.id}`;
  return (
    <AdminShell ctx={ctx} role="admin" section="users" title={user.displayName}>
      <dl class="facts">
        <dt>{t.admin.login}</dt>
        <dd>{user.login}</dd>
        <dt>{t.admin.role}</dt>
        <dd>{t.admin.roles[user.role]}</dd>
        {user.producerName ? (
          <>
            <dt>{t.admin.organisation}</dt>
            <dd>
              {user.producerName} (#{user.producerId})
            </dd>
          </>
        ) : null}
        <dt>{t.admin.status}</dt>
        <dd>{t.admin.statuses[user.status]}</dd>
        <dt>{t.admin.lastLogin}</dt>
        <dd>{user.lastLogin ?? t.admin.never}</dd>
        <dt>{t.admin.createdAt}</dt>
        <dd>{user.createdAt}</dd>
      </dl>
      {isSelf ? (
        <p class="notice">{t.admin.ownAccount}</p>
      ) : (
        <>
          <form method="post" action={`${base}/status`} class="admin-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="status" value={user.status === 'active' ? 'disabled' : 'active'} />
            {user.status === 'active' ? <p>{t.admin.disableHint}</p> : null}
            <button type="submit" class="button">
              {user.status === 'active' ? t.admin.disable : t.admin.enable}
            </button>
          </form>
          <form method="post" action={`${base}/role`} class="admin-form">
            <h2>{t.admin.changeRole}</h2>
            <CsrfField token={csrfToken} />
            <label for="role">{t.admin.role}</label>
            <select id="role" name="role">
              {userRoles.map((role) => (
                <option value={role} selected={user.role === role}>
                  {t.admin.roles[role]}
                </option>
              ))}
            </select>
            <label for="producerId">{t.admin.organisationId}</label>
            <input id="producerId" name="producerId" inputmode="numeric" value={user.producerId?.toString() ?? ''} />
            <button type="submit" class="button">
              {t.admin.save}
            </button>
          </form>
        </>
      )}
      <form method="post" action={`${base}/password-reset`} class="admin-form">
        <CsrfField token={csrfToken} />
        <button type="submit" class="button">
          {t.admin.resetLink}
        </button>
      </form>
    </AdminShell>
  );
}
