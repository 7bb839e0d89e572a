import { API_SCOPES, API_TOKEN_EXPIRY_DAYS } from '../../../worker/domain/api-scopes';
import type { FieldIssue } from '../../../worker/domain/errors';
import type { PageContext } from '../../page-context';
import { ErrorSummary, Field, issueFor, type Values } from '../portal/Fields';
import { AdminShell, CsrfField } from './AdminShell';

/** An API token as listed; times in Vietnam time. */
export interface ApiTokenView {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  /** Neither revoked nor expired. */
  live: boolean;
  revokedAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  createdByName: string | null;
  createdAt: string;
}

interface ApiTokensPageProps {
  ctx: PageContext;
  csrfToken: string;
  tokens: ApiTokenView[];
  /** The secret of a token created by this very request: shown here and never again. */
  created?: { name: string; secret: string };
  /** A refused new token: what was typed, and what to fix. */
  failed?: { values: Values; issues: FieldIssue[] } | undefined;
}

export function ApiTokensPage({ ctx, csrfToken, tokens, created, failed }: ApiTokensPageProps) {
  const { t } = ctx;
  const tt = t.admin.tokens;
  const scopesIssue = issueFor(failed?.issues ?? [], 'scopes');
  const scopeName = (scope: string) => (tt.scopeNames as Record<string, string>)[scope] ?? scope;
  return (
    <AdminShell ctx={ctx} role="admin" section="tokens" title={t.admin.apiTokens}>
      <ErrorSummary
        ctx={ctx}
        issues={failed?.issues ?? []}
        labels={{ name: tt.name, scopes: tt.scopes, expiresInDays: tt.expires }}
      />
      {created ? (
        <div class="admin-secret" role="status">
          <h2>{tt.createdTitle}</h2>
          <p>{tt.shownOnce}</p>
          <label for="new-token">
            {tt.token}: {created.name}
          </label>
          <input id="new-token" type="text" readonly value={created.secret} class="secret" />
        </div>
      ) : null}
      <p>{tt.intro}</p>
      <form method="post" action="/admin/api-tokens" class="admin-form">
        <CsrfField token={csrfToken} />
        <Field name="name" label={tt.name} required values={failed?.values ?? {}} issues={failed?.issues ?? []} />
        <fieldset id="scopes" tabindex={-1} aria-describedby={scopesIssue ? 'scopes-error' : undefined}>
          <legend>{tt.scopes}</legend>
          {scopesIssue ? (
            <p class="field-error" id="scopes-error">
              {scopesIssue.message}
            </p>
          ) : null}
          {API_SCOPES.map((scope) => (
            <label class="checkbox">
              <input type="checkbox" name="scopes" value={scope} /> {scopeName(scope)} (<code>{scope}</code>)
            </label>
          ))}
        </fieldset>
        <label for="expiresInDays">{tt.expires}</label>
        <select id="expiresInDays" name="expiresInDays">
          <option value="">{tt.expiresNever}</option>
          {API_TOKEN_EXPIRY_DAYS.map((days) => (
            <option value={String(days)}>{tt.expiresIn(days)}</option>
          ))}
        </select>
        <button type="submit" class="button">
          {tt.create}
        </button>
      </form>
      <h2>{tt.list}</h2>
      {tokens.length === 0 ? <p>{tt.none}</p> : null}
      <ul class="admin-list">
        {tokens.map((token) => (
          <li class={token.live ? 'admin-item' : 'admin-item is-disabled'}>
            <strong>{token.name}</strong>
            <span>
              {tt.prefix}: <code>{token.prefix}…</code>
            </span>
            <span>
              {tt.scopes}: {token.scopes.map(scopeName).join(', ')}
            </span>
            <span>
              {tt.state}: {token.revokedAt ? tt.revoked(token.revokedAt) : token.live ? tt.active : tt.expired}
              {token.expiresAt ? ` · ${tt.expires}: ${token.expiresAt}` : ''}
            </span>
            <span>
              {tt.lastUsed}: {token.lastUsedAt ?? t.admin.never} · {tt.createdBy}: {token.createdByName ?? '—'} ·{' '}
              {token.createdAt}
            </span>
            {token.revokedAt ? null : (
              <form method="post" action={`/admin/api-tokens/${token.id}/revoke`} class="admin-inline">
                <CsrfField token={csrfToken} />
                <button type="submit" class="button button-danger">
                  {tt.revoke}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </AdminShell>
  );
}
