import { invitableRoles } from '../../../worker/domain/invitation';
import type { PageContext } from '../../page-context';
import { AdminShell, CsrfField } from './AdminShell';

interface InvitePageProps {
  ctx: PageContext;
  csrfToken: string;
  producer: { id: number; name: string } | null;
}

export function InvitePage({ ctx, csrfToken, producer }: InvitePageProps) {
  const { t } = ctx;
  return (
    <AdminShell ctx={ctx} role="admin" section="users" title={t.admin.invite}>
      <p>{t.admin.inviteIntro}</p>
      <form method="post" action="/admin/invitations" class="admin-form">
        <CsrfField token={csrfToken} />
        <label for="role">{t.admin.role}</label>
        <select id="role" name="role">
          {invitableRoles.map((role) => (
            <option value={role} selected={producer ? role === 'producer_member' : role === 'staff'}>
              {t.admin.roles[role]}
            </option>
          ))}
        </select>
        <label for="producerId">{t.admin.organisationId}</label>
        <input id="producerId" name="producerId" inputmode="numeric" value={producer?.id.toString() ?? ''} />
        {producer ? <p class="muted">{producer.name}</p> : null}
        <label for="login">{t.admin.login}</label>
        <input id="login" name="login" type="text" autocomplete="off" required />
        <button type="submit" class="button">
          {t.admin.createInvite}
        </button>
      </form>
    </AdminShell>
  );
}
