import { Layout } from '../components/Layout';
import { localHref } from '../href';
import type { FieldIssue } from '../../worker/domain/errors';
import type { PageContext } from '../page-context';
import { ErrorSummary } from './portal/Fields';

interface LoginPageProps {
  ctx: PageContext;
  csrfToken: string;
  login?: string;
  next?: string;
  error?: string;
  /** Fields refused as typed (too long, say). */
  issues?: FieldIssue[];
  /** The visitor is already signed in: who, and where their work is. */
  signedIn?: { name: string; homePath: string } | undefined;
}

export function LoginPage({ ctx, csrfToken, login, next, error, issues = [], signedIn }: LoginPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.auth.loginTitle} noindex>
      <section class="narrow">
        {error ? (
          // First on the page and focused as it loads, as every refused form's summary is.
          <div class="error-summary" role="alert" tabindex={-1} autofocus>
            <p>{error}</p>
          </div>
        ) : null}
        <ErrorSummary ctx={ctx} issues={issues} labels={{ login: t.auth.login, password: t.auth.password }} />
        <h1>{t.auth.loginTitle}</h1>
        {signedIn ? (
          <p class="alert alert-success" role="status">
            {t.auth.signedInAs(signedIn.name)} · <a href={localHref(ctx, signedIn.homePath)}>{t.auth.goToArea}</a>
          </p>
        ) : null}
        <p>{t.auth.loginIntro}</p>
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="_csrf" value={csrfToken} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <label for="login">{t.auth.login}</label>
          <input
            id="login"
            name="login"
            type="text"
            autocomplete="username"
            required
            value={login ?? ''}
            aria-invalid={error ? 'true' : undefined}
          />
          <label for="password">{t.auth.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit" class="button">
            {t.auth.submit}
          </button>
        </form>
      </section>
    </Layout>
  );
}
