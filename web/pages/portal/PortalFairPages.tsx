/** The producer's fairs: those taking applications, its own applications and decisions, and the application form. */
import type { FieldIssue } from '../../../worker/domain/errors';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { ErrorSummary, Field, issueFor, type Values } from './Fields';
import { PortalShell } from './PortalShell';

export interface PortalOpenFairView {
  id: number;
  name: string;
  href: string;
  dates: string;
  place: string;
  closes: string;
  /** The producer's application to it, worded, when there is one. */
  applied: string | null;
  canApply: boolean;
}

export interface PortalApplicationView {
  id: number;
  fairName: string;
  fairHref: string | null;
  dates: string;
  status: 'applied' | 'accepted' | 'rejected';
  statusText: string;
  booth: string | null;
  reason: string | null;
  products: string[];
  canWithdraw: boolean;
}

export interface PortalFairsView {
  producerName: string;
  open: PortalOpenFairView[];
  mine: PortalApplicationView[];
}

interface PortalFairsPageProps {
  ctx: PageContext;
  csrfToken: string;
  producerParam?: number | undefined;
  view: PortalFairsView;
  notice?: string | undefined;
}

export function PortalFairsPage({ ctx, csrfToken, producerParam, view, notice }: PortalFairsPageProps) {
  const { t } = ctx;
  const p = t.portalFairs;
  return (
    <PortalShell
      ctx={ctx}
      title={p.title}
      section="fairs"
      producerName={view.producerName}
      producerParam={producerParam}
      notice={notice}
    >
      <h1>{p.title}</h1>
      <p>{p.intro}</p>
      <section aria-labelledby="open-title">
        <h2 id="open-title">{p.open}</h2>
        {view.open.length === 0 ? <p>{p.noOpen}</p> : null}
        <ul class="portal-list">
          {view.open.map((fair) => (
            <li>
              <a href={localHref(ctx, fair.href)}>
                <strong>{fair.name}</strong>
              </a>
              <br />
              {fair.dates} · {fair.place}
              <br />
              <span class="muted">{fair.closes}</span>
              {fair.applied ? (
                <>
                  <br />
                  <span class="tag">{fair.applied}</span>
                </>
              ) : null}
              {fair.canApply ? (
                <p>
                  <a
                    class="button"
                    href={localHref(ctx, `/portal/fairs/${fair.id}/apply`, { producer: producerParam })}
                  >
                    {p.apply}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{p.mine}</h2>
        {view.mine.length === 0 ? <p>{p.noMine}</p> : null}
        <ul class="portal-list">
          {view.mine.map((application) => (
            <li id={`application-${application.id}`}>
              {application.fairHref ? (
                <a href={localHref(ctx, application.fairHref)}>
                  <strong>{application.fairName}</strong>
                </a>
              ) : (
                <strong>{application.fairName}</strong>
              )}
              <br />
              {application.dates}
              <br />
              <span class={application.status === 'accepted' ? 'tag tag-ok' : 'tag'}>{application.statusText}</span>
              {application.booth ? ` · ${p.booth(application.booth)}` : null}
              {application.reason ? (
                <>
                  <br />
                  {p.rejectedBecause(application.reason)}
                </>
              ) : null}
              {application.products.length > 0 ? <p class="muted">{application.products.join(', ')}</p> : null}
              {application.canWithdraw ? (
                <form
                  method="post"
                  action={localHref(ctx, `/portal/fair-applications/${application.id}/withdraw`, {
                    producer: producerParam,
                  })}
                >
                  <input type="hidden" name="_csrf" value={csrfToken} />
                  <button type="submit" class="link-button">
                    {p.withdraw}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </PortalShell>
  );
}

export interface PortalApplyView {
  producerName: string;
  fair: { id: number; name: string; dates: string; place: string; closes: string };
  products: { id: number; name: string; stars: string | null; allowed: boolean; refused: string | null }[];
}

interface PortalApplyPageProps {
  ctx: PageContext;
  csrfToken: string;
  producerParam?: number | undefined;
  view: PortalApplyView;
  /** Ticked products and the note as sent, when the form comes back refused. */
  chosen: string[];
  values: Values;
  issues: FieldIssue[];
}

export function PortalApplyPage({ ctx, csrfToken, producerParam, view, chosen, values, issues }: PortalApplyPageProps) {
  const { t } = ctx;
  const p = t.portalFairs;
  const productIssue = issueFor(issues, 'productIds');
  const fairIssue = issueFor(issues, 'fair');
  const productMessages = issues.filter((issue) => issue.field === 'productIds');
  return (
    <PortalShell
      ctx={ctx}
      title={p.applyTitle(view.fair.name)}
      section="fairs"
      producerName={view.producerName}
      producerParam={producerParam}
    >
      <h1>{p.applyTitle(view.fair.name)}</h1>
      <p>
        {p.fairDates(view.fair.dates)} · {view.fair.place}
        <br />
        <span class="muted">{view.fair.closes}</span>
      </p>
      <ErrorSummary
        ctx={ctx}
        issues={issues}
        labels={{ productIds: p.products, note: p.note, fair: t.fairs.applications }}
      />
      {fairIssue ? <p class="alert alert-error">{fairIssue.message}</p> : null}
      <form
        method="post"
        action={localHref(ctx, `/portal/fairs/${view.fair.id}/apply`, { producer: producerParam })}
        class="stack"
      >
        <input type="hidden" name="_csrf" value={csrfToken} />
        <fieldset
          id="productIds"
          class={productIssue ? 'field field-invalid choice-group portal-card' : 'field choice-group portal-card'}
          aria-describedby={productIssue ? 'productIds-error productIds-hint' : 'productIds-hint'}
        >
          <legend>{p.products}</legend>
          <p class="hint" id="productIds-hint">
            {p.productsHint}
          </p>
          {view.products.length === 0 ? <p>{p.noProducts}</p> : null}
          {view.products.map((product) => (
            <div class={product.allowed ? 'choice' : 'choice is-refused'}>
              <label for={`product-${product.id}`}>
                <input
                  id={`product-${product.id}`}
                  type="checkbox"
                  name="productIds"
                  value={String(product.id)}
                  checked={chosen.includes(String(product.id))}
                  disabled={!product.allowed}
                  aria-describedby={product.refused ? `product-${product.id}-reason` : undefined}
                />{' '}
                {product.name}
                {product.stars ? <span class="muted"> · {product.stars}</span> : null}
              </label>
              {product.refused ? (
                <p class="field-error" id={`product-${product.id}-reason`}>
                  {product.refused}
                </p>
              ) : null}
            </div>
          ))}
          {productMessages.length > 0 ? (
            <div class="field-error" id="productIds-error">
              {productMessages.map((issue) => (
                <p>{issue.message}</p>
              ))}
            </div>
          ) : null}
        </fieldset>
        <Field name="note" label={`${p.note} ${t.portal.optional}`} multiline values={values} issues={issues} />
        <button type="submit" class="button">
          {p.submit}
        </button>
      </form>
    </PortalShell>
  );
}
