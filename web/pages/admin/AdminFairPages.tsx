/** Staff pages of fairs: the list, the create and edit form, and one fair's workspace. */
import type { FieldIssue } from '../../../worker/domain/errors';
import type { FairStatus } from '../../../worker/domain/fair';
import type { Role } from '../../../worker/domain/policy';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import type { Option } from '../../views';
import { ErrorSummary, Field, Select, issueFor, type Values } from '../portal/Fields';
import { AdminPager, AdminShell, CsrfField } from './AdminShell';

export interface AdminFairRowView {
  id: number;
  name: string;
  dates: string;
  status: FairStatus;
  statusText: string;
  waiting: number;
  booths: string;
}

interface AdminFairsPageProps {
  ctx: PageContext;
  role: Role;
  fairs: AdminFairRowView[];
  page: number;
  hasNext: boolean;
}

export function AdminFairsPage({ ctx, role, fairs, page, hasNext }: AdminFairsPageProps) {
  const { t } = ctx;
  const a = t.adminFairs;
  return (
    <AdminShell ctx={ctx} role={role} section="fairs" title={a.title}>
      <p>
        <a class="button" href={localHref(ctx, '/admin/fairs/new')}>
          {a.add}
        </a>
      </p>
      {fairs.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <table class="admin-table stacked">
          <thead>
            <tr>
              <th scope="col">{a.columns.name}</th>
              <th scope="col">{a.columns.dates}</th>
              <th scope="col">{a.columns.status}</th>
              <th scope="col" class="num">
                {a.columns.waiting}
              </th>
              <th scope="col" class="num">
                {a.columns.exhibitors}
              </th>
            </tr>
          </thead>
          <tbody>
            {fairs.map((fair) => (
              <tr>
                <td data-label={a.columns.name}>
                  <a href={localHref(ctx, `/admin/fairs/${fair.id}`)}>{fair.name}</a>
                </td>
                <td data-label={a.columns.dates}>{fair.dates}</td>
                <td data-label={a.columns.status}>
                  <span class={`fair-status is-${fair.status}`}>{fair.statusText}</span>
                </td>
                <td data-label={a.columns.waiting} class="num">
                  {fair.waiting}
                </td>
                <td data-label={a.columns.exhibitors} class="num">
                  {fair.booths}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AdminPager ctx={ctx} url={ctx.url} page={page} hasNext={hasNext} />
    </AdminShell>
  );
}

export interface AdminFairFormView {
  /** null for a new fair. */
  id: number | null;
  name: string | null;
  kinds: Option[];
  provinces: Option[];
  /** Communes of the province in `values`. */
  communes: Option[];
}

interface AdminFairFormPageProps {
  ctx: PageContext;
  role: Role;
  csrfToken: string;
  view: AdminFairFormView;
  values: Values;
  issues: FieldIssue[];
}

export function AdminFairFormPage({ ctx, role, csrfToken, view, values, issues }: AdminFairFormPageProps) {
  const { t } = ctx;
  const f = t.fairForm;
  const title = view.id === null ? t.adminFairs.newTitle : t.adminFairs.editTitle(view.name ?? '');
  const action = view.id === null ? '/admin/fairs' : `/admin/fairs/${view.id}`;
  const state = { values, issues };
  const optional = (label: string) => `${label} ${t.portal.optional}`;
  const labels: Record<string, string> = {
    kind: f.kind,
    nameVi: f.nameVi,
    nameEn: f.nameEn,
    descriptionVi: f.descriptionVi,
    descriptionEn: f.descriptionEn,
    organiser: f.organiser,
    venue: f.venue,
    provinceCode: f.province,
    communeCode: f.commune,
    street: f.street,
    location: f.location,
    startsOn: f.startsOn,
    endsOn: f.endsOn,
    dailyOpens: f.dailyOpens,
    dailyCloses: f.dailyCloses,
    applicationsOpenOn: f.applicationsOpenOn,
    applicationsCloseOn: f.applicationsCloseOn,
    zones: f.zones,
    boothTypes: f.boothTypes,
    booths: f.booths,
  };
  return (
    <AdminShell ctx={ctx} role={role} section="fairs" title={title}>
      <ErrorSummary ctx={ctx} issues={issues} labels={labels} />
      <form method="post" action={localHref(ctx, action)} class="admin-form stack">
        <CsrfField token={csrfToken} />
        <fieldset class="portal-card">
          <legend>{f.identity}</legend>
          <Select name="kind" label={f.kind} options={view.kinds} {...state} />
          <Field name="nameVi" label={f.nameVi} required {...state} />
          <Field name="nameEn" label={optional(f.nameEn)} {...state} />
          <Field name="organiser" label={optional(f.organiser)} {...state} />
          <Field name="descriptionVi" label={optional(f.descriptionVi)} multiline {...state} />
          <Field name="descriptionEn" label={optional(f.descriptionEn)} multiline {...state} />
        </fieldset>
        <fieldset class="portal-card">
          <legend>{f.place}</legend>
          <Field name="venue" label={f.venue} hint={f.venueHint} required {...state} />
          <Select name="provinceCode" label={f.province} options={view.provinces} placeholder={f.province} {...state} />
          <Select
            name="communeCode"
            label={optional(f.commune)}
            options={view.communes}
            placeholder={f.chooseCommune}
            hint={f.communeHint}
            {...state}
          />
          <Field name="street" label={optional(f.street)} {...state} />
          <Field name="location" label={optional(f.location)} hint={f.locationHint} inputmode="decimal" {...state} />
        </fieldset>
        <fieldset class="portal-card">
          <legend>{f.schedule}</legend>
          <Field name="startsOn" label={f.startsOn} type="date" required {...state} />
          <Field name="endsOn" label={f.endsOn} type="date" required {...state} />
          <Field name="dailyOpens" label={optional(f.dailyOpens)} hint={f.hoursHint} type="time" {...state} />
          <Field name="dailyCloses" label={optional(f.dailyCloses)} type="time" {...state} />
          <Field
            name="applicationsOpenOn"
            label={optional(f.applicationsOpenOn)}
            hint={f.windowHint}
            type="date"
            {...state}
          />
          <Field name="applicationsCloseOn" label={optional(f.applicationsCloseOn)} type="date" {...state} />
        </fieldset>
        <fieldset class="portal-card">
          <legend>{f.floor}</legend>
          <Field name="zones" label={f.zones} hint={f.zonesHint} multiline {...state} />
          <Field name="boothTypes" label={f.boothTypes} hint={f.boothTypesHint} multiline {...state} />
          <Field name="booths" label={f.booths} hint={f.boothsHint} multiline {...state} />
        </fieldset>
        <button type="submit" class="button">
          {f.save}
        </button>
      </form>
    </AdminShell>
  );
}

export interface AdminExhibitorView {
  id: number;
  producerName: string;
  producerHref: string;
  taxCode: string | null;
  place: string;
  status: 'applied' | 'accepted' | 'rejected';
  statusText: string;
  booth: string | null;
  appliedOn: string;
  decided: string | null;
  note: string | null;
  reason: string | null;
  products: string[];
  canAccept: boolean;
  canReject: boolean;
}

export interface AdminFairView {
  id: number;
  name: string;
  status: FairStatus;
  statusText: string;
  isPublished: boolean;
  dates: string;
  hours: string | null;
  venue: string;
  applications: string | null;
  publicHref: string | null;
  freeBooths: Option[];
  boothCount: number;
  canAddExhibitors: boolean;
  exhibitors: AdminExhibitorView[];
}

/** A refused form on the workspace: which one, and what to show beside its fields. */
export interface WorkspaceRefusal {
  form: string;
  issues: FieldIssue[];
  values: Values;
}

interface AdminFairPageProps {
  ctx: PageContext;
  role: Role;
  csrfToken: string;
  fair: AdminFairView;
  notice?: string | undefined;
  refusal?: WorkspaceRefusal | undefined;
}

function FieldIssueText({ issue, id }: { issue: FieldIssue | undefined; id: string }) {
  return issue ? (
    <p class="field-error" id={id}>
      {issue.message}
    </p>
  ) : null;
}

function ExhibitorItem(props: {
  ctx: PageContext;
  csrfToken: string;
  fair: AdminFairView;
  exhibitor: AdminExhibitorView;
  refusal: WorkspaceRefusal | undefined;
}) {
  const { ctx, csrfToken, fair, exhibitor } = props;
  const a = ctx.t.adminFairs;
  const base = `/admin/fairs/${fair.id}/exhibitors/${exhibitor.id}`;
  const acceptForm = `accept-${exhibitor.id}`;
  const rejectForm = `reject-${exhibitor.id}`;
  const refusal = props.refusal;
  const acceptIssues = refusal?.form === acceptForm ? refusal.issues : [];
  const rejectIssues = refusal?.form === rejectForm ? refusal.issues : [];
  const boothIssue = issueFor(acceptIssues, 'booth') ?? issueFor(acceptIssues, 'status');
  const reasonIssue = issueFor(rejectIssues, 'reason') ?? issueFor(rejectIssues, 'status');
  return (
    <li class={`admin-item exhibitor is-${exhibitor.status}`} id={`exhibitor-${exhibitor.id}`}>
      <p>
        <a href={localHref(ctx, exhibitor.producerHref)}>
          <strong>{exhibitor.producerName}</strong>
        </a>
        {exhibitor.taxCode ? <span class="muted"> · {exhibitor.taxCode}</span> : null}
        <span class="muted"> · {exhibitor.place}</span>
      </p>
      <p>
        <strong class={`tag is-${exhibitor.status}`}>{exhibitor.statusText}</strong>
        {exhibitor.booth ? ` · ${a.inBooth(exhibitor.booth)}` : null} · {exhibitor.appliedOn}
      </p>
      {exhibitor.decided ? <p class="muted">{exhibitor.decided}</p> : null}
      {exhibitor.note ? <p>{a.note(exhibitor.note)}</p> : null}
      {exhibitor.reason ? <p>{a.reasonShown(exhibitor.reason)}</p> : null}
      {exhibitor.products.length > 0 ? (
        <ul class="muted">
          {exhibitor.products.map((name) => (
            <li>{name}</li>
          ))}
        </ul>
      ) : null}
      {exhibitor.canAccept ? (
        <form method="post" action={localHref(ctx, `${base}/accept`)} class="admin-inline">
          <CsrfField token={csrfToken} />
          <div class={boothIssue ? 'field field-invalid' : 'field'}>
            <label for={`${acceptForm}-booth`}>{a.booth}</label>
            <input
              id={`${acceptForm}-booth`}
              name="booth"
              list="free-booths"
              value={refusal?.form === acceptForm ? (refusal.values.booth ?? '') : ''}
              autocomplete="off"
              required
              size={8}
              aria-invalid={boothIssue ? 'true' : undefined}
              aria-describedby={boothIssue ? `${acceptForm}-error` : undefined}
            />
            <FieldIssueText issue={boothIssue} id={`${acceptForm}-error`} />
          </div>
          <button type="submit" class="button">
            {exhibitor.status === 'accepted' ? a.move : a.accept}
          </button>
        </form>
      ) : null}
      {exhibitor.canReject ? (
        <form method="post" action={localHref(ctx, `${base}/reject`)} class="admin-inline">
          <CsrfField token={csrfToken} />
          <div class={reasonIssue ? 'field field-invalid' : 'field'}>
            <label for={`${rejectForm}-reason`}>{a.reason}</label>
            <input
              id={`${rejectForm}-reason`}
              name="reason"
              value={refusal?.form === rejectForm ? (refusal.values.reason ?? '') : ''}
              required
              aria-invalid={reasonIssue ? 'true' : undefined}
              aria-describedby={reasonIssue ? `${rejectForm}-error` : `${rejectForm}-hint`}
            />
            <p class="hint" id={`${rejectForm}-hint`}>
              {a.reasonHint}
            </p>
            <FieldIssueText issue={reasonIssue} id={`${rejectForm}-error`} />
          </div>
          <button type="submit" class="button button-danger">
            {exhibitor.status === 'accepted' ? a.withdrawExhibitor : a.reject}
          </button>
        </form>
      ) : null}
    </li>
  );
}

export function AdminFairPage({ ctx, role, csrfToken, fair, notice, refusal }: AdminFairPageProps) {
  const { t } = ctx;
  const a = t.adminFairs;
  const f = t.fairs;
  const addIssues = refusal?.form === 'add' ? refusal.issues : [];
  const addValues = refusal?.form === 'add' ? refusal.values : {};
  return (
    <AdminShell ctx={ctx} role={role} section="fairs" title={fair.name}>
      {notice ? (
        <p class="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{a.columns.status}</dt>
        <dd>
          <span class={`fair-status is-${fair.status}`}>{fair.statusText}</span>
        </dd>
        <dt>{f.dates}</dt>
        <dd>
          {fair.dates}
          {fair.hours ? ` · ${fair.hours}` : null}
        </dd>
        <dt>{f.venue}</dt>
        <dd>{fair.venue}</dd>
        {fair.applications ? (
          <>
            <dt>{f.applications}</dt>
            <dd>{fair.applications}</dd>
          </>
        ) : null}
      </dl>
      <div class="actions">
        <a class="button" href={localHref(ctx, `/admin/fairs/${fair.id}/edit`)}>
          {a.edit}
        </a>
        <form method="post" action={localHref(ctx, `/admin/fairs/${fair.id}/publish`)} class="admin-inline">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="published" value={fair.isPublished ? '0' : '1'} />
          <button type="submit" class={fair.isPublished ? 'button button-danger' : 'button'}>
            {fair.isPublished ? a.unpublish : a.publish}
          </button>
        </form>
        {fair.publicHref ? <a href={localHref(ctx, fair.publicHref)}>{a.view}</a> : null}
      </div>
      <section aria-labelledby="exports-title">
        <h2 id="exports-title">{a.exports}</h2>
        <ul>
          <li>
            <a href={`/admin/fairs/${fair.id}/exhibitors.csv`}>{a.csv}</a>
          </li>
          <li>
            <a href={localHref(ctx, `/admin/fairs/${fair.id}/exhibitors.pdf`)}>{a.pdf}</a>
          </li>
          <li>
            <a href={localHref(ctx, `/admin/fairs/${fair.id}/poster.pdf`, { size: 'a4' })}>{a.posterA4}</a>
          </li>
          <li>
            <a href={localHref(ctx, `/admin/fairs/${fair.id}/poster.pdf`, { size: 'a3' })}>{a.posterA3}</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="applications-title">
        <h2 id="applications-title">{a.applications}</h2>
        <p class="muted">
          {fair.freeBooths.length === 0 ? a.noFreeBooths : a.freeBooths(fair.freeBooths.length)}
          {fair.freeBooths.length > 0 ? `: ${fair.freeBooths.map((booth) => booth.value).join(', ')}` : null}
        </p>
        <datalist id="free-booths">
          {fair.freeBooths.map((booth) => (
            <option value={booth.value}>{booth.label}</option>
          ))}
        </datalist>
        {refusal && refusal.form !== 'add' ? (
          <div class="alert alert-error" role="alert">
            <p>{t.portal.formProblem}</p>
            <ul>
              {refusal.issues.map((issue) => (
                <li>
                  <a href={`#${refusal.form}-${issue.field === 'reason' ? 'reason' : 'booth'}`}>{issue.message}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {fair.exhibitors.length === 0 ? (
          <p>{a.noApplications}</p>
        ) : (
          <ul class="admin-list">
            {fair.exhibitors.map((exhibitor) => (
              <ExhibitorItem ctx={ctx} csrfToken={csrfToken} fair={fair} exhibitor={exhibitor} refusal={refusal} />
            ))}
          </ul>
        )}
      </section>
      {fair.canAddExhibitors ? (
        <section aria-labelledby="add-title" class="portal-card">
          <h2 id="add-title">{a.addExhibitor}</h2>
          <p class="hint">{a.addExhibitorHint}</p>
          <ErrorSummary
            ctx={ctx}
            issues={addIssues}
            labels={{ producer: a.producer, booth: a.booth, status: a.columns.status }}
            idPrefix="add-"
          />
          <form method="post" action={localHref(ctx, `/admin/fairs/${fair.id}/exhibitors`)} class="admin-form">
            <CsrfField token={csrfToken} />
            <Field name="producer" label={a.producer} values={addValues} issues={addIssues} required idPrefix="add-" />
            <div class={issueFor(addIssues, 'booth') ? 'field field-invalid' : 'field'}>
              <label for="add-booth">{a.booth}</label>
              <input
                id="add-booth"
                name="booth"
                list="free-booths"
                value={addValues.booth ?? ''}
                autocomplete="off"
                required
                size={8}
                aria-invalid={issueFor(addIssues, 'booth') ? 'true' : undefined}
                aria-describedby={issueFor(addIssues, 'booth') ? 'add-booth-error' : undefined}
              />
              <FieldIssueText issue={issueFor(addIssues, 'booth')} id="add-booth-error" />
            </div>
            <button type="submit" class="button">
              {a.addButton}
            </button>
          </form>
        </section>
      ) : null}
    </AdminShell>
  );
}
