import type { Role } from '../../worker/domain/policy';
import type { InvitationPurpose } from '../../worker/domain/invitation';
import { MIN_PASSWORD_LENGTH } from '../../worker/domain/password';
import type { FieldIssue } from '../../worker/domain/errors';
import { Layout } from '../components/Layout';
import type { PageContext } from '../page-context';
import { ErrorSummary } from './portal/Fields';

interface InvitationPageProps {
  ctx: PageContext;
  csrfToken: string;
  action: string;
  purpose: InvitationPurpose;
  role: Role | null;
  login: string;
  organisation: string | null;
  accountName: string | null;
  displayName?: string;
  issues?: FieldIssue[];
}

/** Accepting a one-time link: join, reset a password, or claim an organisation. */
export function InvitationPage(props: InvitationPageProps) {
  const { ctx, csrfToken, action, purpose, role, login, organisation, accountName, issues = [] } = props;
  const { t } = ctx;
  const ti = t.invitations;
  const invalid = (field: string) => (issues.some((issue) => issue.field === field) ? 'true' : undefined);
  const intro =
    purpose === 'password_reset'
      ? ti.introReset(accountName ?? login)
      : purpose === 'claim'
        ? ti.introClaim(organisation ?? '')
        : ti.introInvite(role ? t.admin.roles[role] : '');
  return (
    <Layout ctx={ctx} title={ti.titles[purpose]} noindex>
      <section class="narrow">
        <ErrorSummary
          ctx={ctx}
          title={ti.fixBelow}
          issues={issues}
          labels={{
            taxCode: ti.taxCode,
            displayName: ti.displayName,
            password: ti.password,
            passwordConfirm: ti.passwordConfirm,
          }}
        />
        <h1>{ti.titles[purpose]}</h1>
        <p>{intro}</p>
        <dl class="facts">
          <dt>{ti.account}</dt>
          <dd>{login}</dd>
          {organisation ? (
            <>
              <dt>{ti.organisation}</dt>
              <dd>{organisation}</dd>
            </>
          ) : null}
        </dl>
        <form method="post" action={action} class="stack">
          <input type="hidden" name="_csrf" value={csrfToken} />
          {purpose === 'claim' ? (
            <>
              <label for="taxCode">{ti.taxCode}</label>
              <input
                id="taxCode"
                name="taxCode"
                aria-invalid={invalid('taxCode')}
                type="text"
                inputmode="numeric"
                autocomplete="off"
                required
              />
            </>
          ) : null}
          {purpose === 'password_reset' ? null : (
            <>
              <label for="displayName">{ti.displayName}</label>
              <input
                id="displayName"
                name="displayName"
                aria-invalid={invalid('displayName')}
                type="text"
                autocomplete="name"
                required
                maxlength={100}
                value={props.displayName ?? ''}
              />
            </>
          )}
          <label for="password">{ti.password}</label>
          <input
            id="password"
            name="password"
            aria-invalid={invalid('password')}
            type="password"
            autocomplete="new-password"
            required
            minlength={MIN_PASSWORD_LENGTH}
            aria-describedby="password-hint"
          />
          <p id="password-hint" class="muted">
            {ti.passwordHint(MIN_PASSWORD_LENGTH)}
          </p>
          <label for="passwordConfirm">{ti.passwordConfirm}</label>
          <input
            id="passwordConfirm"
            name="passwordConfirm"
            aria-invalid={invalid('passwordConfirm')}
            type="password"
            autocomplete="new-password"
            required
            minlength={MIN_PASSWORD_LENGTH}
          />
          <button type="submit" class="button">
            {ti.submit}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function InvitationUnavailablePage({ ctx, reason }: { ctx: PageContext; reason: 'used' | 'expired' }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.invitations.unavailableTitle} noindex>
      <section class="narrow">
        <h1>{t.invitations.unavailableTitle}</h1>
        <p class="lead">{t.invitations[reason]}</p>
      </section>
    </Layout>
  );
}
