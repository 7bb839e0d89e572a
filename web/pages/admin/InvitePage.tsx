import type { FieldIssue } from '../../../worker/domain/errors';
import { invitableRoles } from '../../../worker/domain/invitation';
import type { PageContext } from '../../page-context';
import { ErrorSummary, Field, Select, type Values } from '../portal/Fields';
import { AdminShell, CsrfField } from './AdminShell';

interface InvitePageProps {
  ctx: PageContext;
  csrfToken: string;
  producer: { id: number; name: string } | null;
  /** A refused invitation: what was typed, and what to fix. */
  failed?: { values: Values; issues: FieldIssue[] } | undefined;
}

export function InvitePage({ ctx, csrfToken, producer, failed }: InvitePageProps) {
  const { t } = ctx;
  const state = failed ?? {
    values: { role: producer ? 'producer_member' : 'staff', producerId: producer?.id.toString() ?? '' },
    issues: [],
  };
  return (
    <AdminShell ctx={ctx} role="admin" section="users" title={t.admin.invite}>
      <ErrorSummary
        ctx={ctx}
        issues={state.issues}
        labels={{ role: t.admin.role, producerId: t.admin.organisationId, login: t.admin.login }}
      />
      <p>{t.admin.inviteIntro}</p>
      <form method="post" action="/admin/invitations" class="admin-form">
        <CsrfField token={csrfToken} />
        <Select
          name="role"
          label={t.admin.role}
          options={invitableRoles.map((role) => ({ value: role, label: t.admin.roles[role] }))}
          {...state}
        />
        <Field name="producerId" label={t.admin.organisationId} inputmode="numeric" {...state} />
        {producer ? <p class="muted">{producer.name}</p> : null}
        <Field name="login" label={t.admin.login} autocomplete="off" required {...state} />
        <button type="submit" class="button">
          {t.admin.createInvite}
        </button>
      </form>
    </AdminShell>
  );
}
