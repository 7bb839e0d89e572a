import { Layout } from '../components/Layout';
import type { PageContext } from '../page-context';

interface LoginPageProps {
  ctx: PageContext;
  csrfToken: string;
  login?: string;
  next?: string;
  error?: string;
}

export function LoginPage({ ctx, csrfToken, login, next, error }: LoginPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.auth.loginTitle} noindex>
      <section class="narrow">
        <h1>{t.auth.loginTitle}</h1>
        <p>{t.auth.loginIntro}</p>
        {error ? (
          <p class="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="_csrf" value={csrfToken} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <label for="login">{t.auth.login}</label>
          <input id="login" name="login" type="text" autocomplete="username" required value={login ?? ''} />
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
