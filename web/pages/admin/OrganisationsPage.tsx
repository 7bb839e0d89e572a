import type { ProducerKind } from '../../../worker/domain/organisation';
import { localHref } from '../../href';
import type { FieldIssue } from '../../../worker/domain/errors';
import type { PageContext } from '../../page-context';
import { ErrorSummary, Field, type Values } from '../portal/Fields';
import { AdminPager, AdminShell, CsrfField } from './AdminShell';

export interface OrganisationView {
  id: number;
  name: string;
  kind: ProducerKind;
  taxCode: string | null;
  /** Vietnam time; null while unclaimed. */
  claimedAt: string | null;
  members: { id: number; displayName: string; login: string; status: 'active' | 'disabled' }[];
}

interface OrganisationsPageProps {
  ctx: PageContext;
  csrfToken: string;
  organisations: OrganisationView[];
  query: string | undefined;
  page: number;
  hasNext: boolean;
  /** A refused claim link: for which organisation, what was typed, and what to fix. */
  failedClaim?: { organisationId: number; values: Values; issues: FieldIssue[] } | undefined;
}

export function OrganisationsPage({
  ctx,
  csrfToken,
  organisations,
  query,
  page,
  hasNext,
  failedClaim,
}: OrganisationsPageProps) {
  const { t } = ctx;
  const claimState = (id: number) =>
    failedClaim?.organisationId === id ? failedClaim : { values: {}, issues: [] as FieldIssue[] };
  return (
    <AdminShell ctx={ctx} role="admin" section="organisations" title={t.admin.organisations}>
      {failedClaim ? (
        <ErrorSummary
          ctx={ctx}
          issues={failedClaim.issues}
          labels={{ login: t.admin.login }}
          idPrefix={`claim-${failedClaim.organisationId}-`}
        />
      ) : null}
      <form method="get" action="/admin/organisations" class="admin-filters">
        <div class="field">
          <label for="q">{t.admin.search}</label>
          <input id="q" name="q" type="search" value={query ?? ''} />
        </div>
        <button type="submit" class="button">
          {t.admin.searchButton}
        </button>
      </form>
      {organisations.length === 0 ? <p>{t.admin.noOrganisations}</p> : null}
      <ul class="admin-list">
        {organisations.map((organisation) => (
          <li class="admin-item">
            <strong>
              {organisation.name} (#{organisation.id})
            </strong>
            <span>
              {t.producer.kinds[organisation.kind]}
              {organisation.taxCode ? ` · ${t.admin.taxCode}: ${organisation.taxCode}` : ''}
            </span>
            <span>{organisation.claimedAt ? t.admin.claimed(organisation.claimedAt) : t.admin.notClaimed}</span>
            <details>
              <summary>
                {t.admin.members} ({organisation.members.length})
              </summary>
              {organisation.members.length === 0 ? (
                <p>{t.admin.noMembers}</p>
              ) : (
                <ul>
                  {organisation.members.map((member) => (
                    <li>
                      <a href={localHref(ctx, `/admin/users/${member.id}`)}>{member.displayName}</a> · {member.login} ·{' '}
                      {t.admin.statuses[member.status]}
                    </li>
                  ))}
                </ul>
              )}
            </details>
            <div class="admin-actions">
              <a class="button" href={localHref(ctx, '/admin/invitations/new', { producer: organisation.id })}>
                {t.admin.inviteMember}
              </a>
              {organisation.taxCode && !organisation.claimedAt ? (
                <form method="post" action={`/admin/organisations/${organisation.id}/claim-link`} class="admin-inline">
                  <CsrfField token={csrfToken} />
                  <Field
                    name="login"
                    label={t.admin.login}
                    required
                    autocomplete="off"
                    idPrefix={`claim-${organisation.id}-`}
                    {...claimState(organisation.id)}
                  />
                  <button type="submit" class="button">
                    {t.admin.claimLink}
                  </button>
                </form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <AdminPager ctx={ctx} url={ctx.url} page={page} hasNext={hasNext} />
    </AdminShell>
  );
}
