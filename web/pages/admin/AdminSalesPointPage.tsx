import type { FieldIssue } from '../../../worker/domain/errors';
import type { Role } from '../../../worker/domain/policy';
import type { SalesPointAction, SalesPointStatus } from '../../../worker/domain/sales-point';
import { StockRows, type FailedStockForm, type StockRowView } from '../../components/PointStock';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { ErrorSummary, Field, issueFor, type Values } from '../portal/Fields';
import { AdminShell, CsrfField } from './AdminShell';

export interface AdminSalesPointView {
  id: number;
  name: string;
  kindName: string;
  status: SalesPointStatus;
  statusText: string;
  statusReason: string | null;
  /** The producer that proposed the point, or null when staff added it. */
  proposer: string | null;
  facts: { label: string; value: string }[];
  /** The public page, for points the public may see. */
  publicHref: string | null;
  actions: { action: SalesPointAction; label: string }[];
  stock: StockRowView[];
  /** The search typed to add products, and what it found (null before a search). */
  query: string;
  matches: StockRowView[] | null;
  photos: { id: number; url: string; alt: string }[];
}

/** Which of the page's forms was refused, with its problems and values as typed. */
export type FailedPointForm =
  | { form: 'status'; issues: FieldIssue[]; values: Values }
  | { form: 'photo'; issues: FieldIssue[]; values: Values }
  | ({ form: 'stock' } & FailedStockForm);

interface AdminSalesPointPageProps {
  ctx: PageContext;
  role: Role;
  csrfToken: string;
  view: AdminSalesPointView;
  notice?: string | undefined;
  failed?: FailedPointForm | undefined;
}

export function AdminSalesPointPage({ ctx, role, csrfToken, view, notice, failed }: AdminSalesPointPageProps) {
  const { t } = ctx;
  const a = t.adminSalesPoints;
  const base = `/admin/sales-points/${view.id}`;
  const statusFailed = failed?.form === 'status' ? failed : undefined;
  const photoFailed = failed?.form === 'photo' ? failed : undefined;
  const stockFailed = failed?.form === 'stock' ? failed : undefined;
  const reasonIssue = statusFailed ? issueFor(statusFailed.issues, 'reason') : undefined;
  const approve = view.actions.find((choice) => choice.action === 'approve');
  const withReason = view.actions.filter((choice) => choice.action !== 'approve');
  return (
    <AdminShell ctx={ctx} role={role} section="salesPoints" title={view.name}>
      {notice ? (
        <p class="alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        <a href={localHref(ctx, '/admin/sales-points')}>← {a.back}</a>
      </p>
      <p class="muted">{view.kindName}</p>

      {/* The status and what staff may do about it come first: on a phone they fit the first screen. */}
      <section aria-labelledby="status-title" class="panel point-status">
        <h2 id="status-title">
          {a.statusTitle}: {view.statusText}
        </h2>
        {view.status === 'proposed' && view.proposer ? <p>{a.proposalNotice(view.proposer)}</p> : null}
        {view.statusReason ? <p>{a.currentReason(view.statusReason)}</p> : null}
        {view.actions.length === 0 ? <p>{a.noActions}</p> : null}
        <ErrorSummary
          ctx={ctx}
          issues={statusFailed?.issues ?? []}
          labels={{ action: a.action, reason: a.reason }}
          idPrefix="status-"
        />
        {/* Approving needs no reason: one tap. Every other decision says why, in the form below it. */}
        {approve ? (
          <form method="post" action={localHref(ctx, `${base}/status`)} class="admin-inline">
            <CsrfField token={csrfToken} />
            <button type="submit" name="action" value="approve" class="button">
              {approve.label}
            </button>
          </form>
        ) : null}
        {withReason.length > 0 ? (
          <form method="post" action={localHref(ctx, `${base}/status`)} class="admin-form">
            <CsrfField token={csrfToken} />
            <div class={reasonIssue ? 'field field-invalid' : 'field'}>
              <label for="status-reason">{a.reason}</label>
              <p class="hint" id="status-reason-hint">
                {a.reasonHint}
              </p>
              <textarea
                id="status-reason"
                name="reason"
                rows={2}
                aria-describedby={reasonIssue ? 'status-reason-hint status-reason-error' : 'status-reason-hint'}
                aria-invalid={reasonIssue ? 'true' : undefined}
              >
                {statusFailed?.values.reason ?? ''}
              </textarea>
              {reasonIssue ? (
                <p class="field-error" id="status-reason-error">
                  {reasonIssue.message}
                </p>
              ) : null}
            </div>
            <div class="admin-actions" id="status-action">
              {withReason.map(({ action, label }) => (
                <button
                  type="submit"
                  name="action"
                  value={action}
                  class={action === 'reopen' ? 'button' : 'button button-danger'}
                >
                  {label}
                </button>
              ))}
            </div>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{a.details}</h2>
        <dl class="facts">
          {view.facts.map((fact) => (
            <>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </>
          ))}
        </dl>
        <p class="actions">
          <a class="button" href={localHref(ctx, `${base}/edit`)}>
            {a.edit}
          </a>
          {view.publicHref ? <a href={localHref(ctx, view.publicHref)}>{a.view}</a> : null}
        </p>
      </section>

      <section aria-labelledby="stock-title">
        <h2 id="stock-title">{a.stock}</h2>
        <p class="hint">{a.stockIntro}</p>
        {view.stock.length === 0 ? <p>{a.stockNone}</p> : null}
        <StockRows
          ctx={ctx}
          rows={view.stock}
          action={localHref(ctx, `${base}/stock`)}
          csrfToken={csrfToken}
          failed={stockFailed}
        />
        <h3 id="stock-add">{a.stockAdd}</h3>
        <form method="get" action={`${base}#stock-add`} class="admin-filters" role="search">
          {ctx.locale === 'vi' ? null : <input type="hidden" name="lang" value={ctx.locale} />}
          <div class="field">
            <label for="stock-q">{a.search}</label>
            <input id="stock-q" name="q" type="search" value={view.query} aria-describedby="stock-q-hint" />
            <p class="hint" id="stock-q-hint">
              {a.searchHint}
            </p>
          </div>
          <button type="submit" class="button">
            {a.searchSubmit}
          </button>
        </form>
        {view.matches === null ? null : view.matches.length === 0 ? (
          <p>{a.searchNone}</p>
        ) : (
          <StockRows
            ctx={ctx}
            rows={view.matches}
            action={localHref(ctx, `${base}/stock`)}
            csrfToken={csrfToken}
            failed={stockFailed}
          />
        )}
      </section>

      <section aria-labelledby="photos-title">
        <h2 id="photos-title">{a.photos}</h2>
        {view.photos.length === 0 ? (
          <p>{a.photosNone}</p>
        ) : (
          <ul class="portal-photos" role="list">
            {view.photos.map((photo) => (
              <li>
                <img src={photo.url} alt={photo.alt} width="160" height="120" loading="lazy" />
                <form method="post" action={localHref(ctx, `${base}/photos/${photo.id}/delete`)}>
                  <CsrfField token={csrfToken} />
                  <button type="submit" class="link-button">
                    {a.photoRemove}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <ErrorSummary
          ctx={ctx}
          issues={photoFailed?.issues ?? []}
          labels={{ photo: a.photo, altVi: a.photoAltVi, altEn: a.photoAltEn }}
          idPrefix="photo-"
        />
        <form method="post" action={localHref(ctx, `${base}/photos`)} enctype="multipart/form-data" class="admin-form">
          <CsrfField token={csrfToken} />
          <div class={photoFailed?.issues.some((i) => i.field === 'photo') ? 'field field-invalid' : 'field'}>
            <label for="photo-photo">{a.photo}</label>
            <input id="photo-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" />
          </div>
          <Field
            name="altVi"
            label={a.photoAltVi}
            idPrefix="photo-"
            values={photoFailed?.values ?? {}}
            issues={photoFailed?.issues ?? []}
          />
          <Field
            name="altEn"
            label={a.photoAltEn}
            idPrefix="photo-"
            values={photoFailed?.values ?? {}}
            issues={photoFailed?.issues ?? []}
          />
          <button type="submit" class="button">
            {a.photoAdd}
          </button>
        </form>
      </section>
    </AdminShell>
  );
}
