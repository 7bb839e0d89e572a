import { userRoles } from '../../../db/schema';
import type { FieldIssue } from '../../../worker/domain/errors';
import type { PageContext } from '../../page-context';
import { ErrorSummary, Field, Select, type Values } from '../portal/Fields';
import type { AdminUserView } from './UsersPage';
import { AdminShell, CsrfField } from './AdminShell';

interface UserPageProps {
  ctx: PageContext;
  user: AdminUserView;
  csrfToken: string;
  /** The administrator is looking at their own account: no disabling or role change. */
  isSelf: boolean;
  /** A refused role change: what was chosen, and what to fix. */
  failedRole?: { values: Values; issues: FieldIssue[] } | undefined;
}

export function UserPage({ ctx, user, csrfToken, isSelf, failedRole }: UserPageProps) {
  const { t } = ctx;
  const base = `/admin/users/${user.id}`;
  const role = failedRole ?? { values: { role: user.role, producerId: user.producerId?.toString() ?? '' }, issues: [] };
  return (
    <AdminShell ctx={ctx} role="admin" section="users" title={user.displayName}>
      <ErrorSummary
        ctx={ctx}
        issues={role.issues}
        labels={{ role: t.admin.role, producerId: t.admin.organisationId }}
      />
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
            <Select
              name="role"
              label={t.admin.role}
              options={userRoles.map((value) => ({ value, label: t.admin.roles[value] }))}
              {...role}
            />
            <Field name="producerId" label={t.admin.organisationId} inputmode="numeric" {...role} />
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
