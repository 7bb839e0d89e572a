import { Layout } from '../components/Layout';
import type { PageContext } from '../page-context';
import type { ApiOperationView, ProblemView } from '../views';

interface ApiDocsPageProps {
  ctx: PageContext;
  baseUrl: string;
  documentHref: string;
  operations: ApiOperationView[];
  problems: ProblemView[];
}

function Operation({ ctx, operation: op }: { ctx: PageContext; operation: ApiOperationView }) {
  const d = ctx.t.apiDocs;
  return (
    <section class="panel operation" id={op.id} aria-labelledby={`${op.id}-title`}>
      <h3 id={`${op.id}-title`}>
        <span class="method">{op.method}</span> <code>{op.path}</code>
      </h3>
      {op.summary ? <p class="lead">{op.summary}</p> : null}
      {op.description ? <p>{op.description}</p> : null}
      {op.parameters.length > 0 ? (
        <>
          <h4>{d.parameters}</h4>
          <dl class="params">
            {op.parameters.map((param) => (
              <>
                <dt>
                  <code>{param.name}</code>{' '}
                  <span class="muted">
                    ({param.in}, {param.type}, {param.required ? d.required : d.optional})
                  </span>
                </dt>
                <dd>
                  {param.description}
                  {param.example !== null ? (
                    <>
                      {' '}
                      {d.example}: <code>{param.example}</code>
                    </>
                  ) : null}
                </dd>
              </>
            ))}
          </dl>
        </>
      ) : null}
      {op.requestBody ? (
        <>
          <h4>{d.requestBody}</h4>
          <p>
            <code>{op.requestBody.schema}</code>{' '}
            <span class="muted">
              ({op.requestBody.contentTypes.join(', ')}, {op.requestBody.required ? d.required : d.optional})
            </span>
            {op.requestBody.description ? ` ${op.requestBody.description}` : null}
          </p>
        </>
      ) : null}
      <h4>{d.responses}</h4>
      <dl class="params">
        {op.responses.map((response) => (
          <>
            <dt>
              <code>{response.status}</code>{' '}
              {response.contentTypes.length > 0 ? (
                <span class="muted">({response.contentTypes.join(', ')})</span>
              ) : null}
            </dt>
            <dd>{response.description}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

/** The API reference, laid out from the OpenAPI document the API itself serves. */
export function ApiDocsPage({ ctx, baseUrl, documentHref, operations, problems }: ApiDocsPageProps) {
  const d = ctx.t.apiDocs;
  return (
    <Layout ctx={ctx} title={d.title} canonicalPath="/api/docs">
      <h1>{d.title}</h1>
      <p>
        {d.intro} <a href={documentHref}>{documentHref}</a>
      </p>
      <p>
        {d.baseUrl}: <code>{baseUrl}</code>
      </p>
      <section aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">{d.endpoints}</h2>
        {operations.map((operation) => (
          <Operation ctx={ctx} operation={operation} />
        ))}
      </section>
      <section aria-labelledby="problems-title">
        <h2 id="problems-title">{d.problems}</h2>
        <p>{d.problemsIntro}</p>
        <dl class="params">
          {problems.map((problem) => (
            <>
              <dt id={`problem-${problem.code}`}>
                <code>{problem.code}</code> <span class="muted">({problem.status})</span>
              </dt>
              <dd>{problem.description}</dd>
            </>
          ))}
        </dl>
      </section>
    </Layout>
  );
}
