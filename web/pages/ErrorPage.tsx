import type { FieldIssue, ErrorCode } from '../../worker/domain/errors';
import { Layout } from '../components/Layout';
import { localHref } from '../href';
import type { PageContext } from '../page-context';

interface ErrorPageProps {
  ctx: PageContext;
  code: ErrorCode;
  issues: FieldIssue[];
}

export function ErrorPage({ ctx, code, issues }: ErrorPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.errors.title} noindex>
      <section class="error-page">
        <h1>{t.errors.title}</h1>
        <p class="lead">{t.errors.codes[code]}</p>
        {issues.length > 0 ? (
          <>
            <p>{t.errors.fieldProblem}</p>
            <ul>
              {issues.map((issue) => (
                <li>
                  <code>{issue.field}</code>: {issue.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <a class="button" href={localHref(ctx, '/')}>
            {t.errors.backHome}
          </a>
        </p>
      </section>
    </Layout>
  );
}
