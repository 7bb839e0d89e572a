import type { FieldIssue } from '../../../worker/domain/errors';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { Checkbox } from './ChoiceFields';
import { ErrorSummary, Field, Select, type Values } from './Fields';
import { PortalShell } from './PortalShell';
import { formatNumber } from '../../../worker/domain/numbers';

export interface StampBatchView {
  id: number;
  producerName: string;
  producerParam?: number | undefined;
  productName: string;
  lotId: number;
  lotCode: string;
  issuedAt: string;
  quantity: number;
  withPin: boolean;
  layout: string;
  counts: { issued: number; active: number; void: number };
  activatedAt: string | null;
  lastSheet: number;
  /** The PDF parts; `href` is null for a part whose PINs are gone. */
  files: { label: string; href: string | null }[];
  csvHref: string | null;
  /** When the PINs still kept for printing are deleted at the latest; null when none are kept. */
  pinsKeptUntil: string | null;
  pinsMissing: boolean;
  replaceable: number;
  linkMinutes: number;
}

/** Which of the page's forms a refused submission came from. */
export type BatchForm = 'activate-batch' | 'activate-sheet' | 'void' | 'reprint' | 'image';

export interface FailedBatchForm {
  form: BatchForm;
  issues: FieldIssue[];
  values: Values;
}

interface StampBatchPageProps {
  ctx: PageContext;
  csrfToken: string;
  view: StampBatchView;
  failed?: FailedBatchForm | undefined;
  notice?: string | undefined;
}

export function StampBatchPage({ ctx, csrfToken, view, failed, notice }: StampBatchPageProps) {
  const { t } = ctx;
  const s = t.portal.stamps;
  const base = `/portal/stamp-batches/${view.id}`;
  const title = s.batchTitle(view.id);
  const stateOf = (form: BatchForm, values: Values = {}) =>
    failed?.form === form ? { values: failed.values, issues: failed.issues } : { values, issues: [] };
  const csrf = <input type="hidden" name="_csrf" value={csrfToken} />;
  const activateBatch = stateOf('activate-batch');
  const activateSheet = stateOf('activate-sheet');
  const voiding = stateOf('void');
  const reprint = stateOf('reprint', { count: view.replaceable > 0 ? String(view.replaceable) : '' });
  const image = stateOf('image', { format: 'svg' });
  // The refused form's fields, by label and id prefix, for the one summary at the top of the page.
  const refusedForms: Record<BatchForm, { labels: Record<string, string>; idPrefix: string }> = {
    image: { labels: { serial: s.serial, format: s.format }, idPrefix: 'image-' },
    'activate-batch': { labels: { confirm: s.confirmStuck }, idPrefix: 'batch-' },
    'activate-sheet': {
      labels: { sheetNumber: s.sheetNumber(view.lastSheet), confirm: s.confirmStuck },
      idPrefix: 'sheet-',
    },
    void: { labels: { serials: s.serials, confirm: s.confirmVoid }, idPrefix: 'void-' },
    reprint: { labels: { count: s.reprintCount }, idPrefix: 'reprint-' },
  };
  return (
    <PortalShell
      ctx={ctx}
      title={title}
      section="stamps"
      producerName={view.producerName}
      producerParam={view.producerParam}
      notice={notice}
    >
      {failed ? <ErrorSummary ctx={ctx} issues={failed.issues} {...refusedForms[failed.form]} /> : null}
      <p>
        <a href={localHref(ctx, '/portal/stamp-batches', { producer: view.producerParam })}>{s.backToList}</a>
      </p>
      <h1>{title}</h1>

      <section class="portal-card" aria-labelledby="batch-facts">
        <h2 id="batch-facts" class="visually-hidden">
          {title}
        </h2>
        <dl class="facts">
          <dt>{s.product}</dt>
          <dd>{view.productName}</dd>
          <dt>{s.lot}</dt>
          <dd>
            <a href={localHref(ctx, `/portal/lots/${view.lotId}`)}>{view.lotCode}</a>
          </dd>
          <dt>{s.issuedAt}</dt>
          <dd>{view.issuedAt}</dd>
          <dt>{s.count}</dt>
          <dd>
            {formatNumber(view.quantity)} ({s.sheets(view.lastSheet)})
          </dd>
          <dt>{s.pin}</dt>
          <dd>{view.withPin ? s.yes : s.no}</dd>
          <dt>{s.layout}</dt>
          <dd>{view.layout}</dd>
          <dt>{s.statuses}</dt>
          <dd>{s.statusCounts(view.counts.issued, view.counts.active, view.counts.void)}</dd>
          {view.activatedAt ? (
            <>
              <dt>{s.activatedAt}</dt>
              <dd>{view.activatedAt}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section class="portal-card" aria-labelledby="batch-files">
        <h2 id="batch-files">{s.files}</h2>
        <p class="hint">{s.filesIntro(view.linkMinutes)}</p>
        {view.pinsKeptUntil ? <p>{s.pinsKept(view.pinsKeptUntil)}</p> : null}
        {view.pinsMissing ? <p class="alert-error">{s.pinsGone}</p> : null}
        <ul class="portal-list">
          {view.files.map((file) => (
            <li>
              {file.href ? (
                <a href={file.href} download>
                  {file.label}
                </a>
              ) : (
                <>
                  {file.label}: <em>{s.noPins}</em>
                </>
              )}
            </li>
          ))}
          <li>
            {view.csvHref ? (
              <a href={view.csvHref} download>
                {s.csv}
              </a>
            ) : (
              <>
                {s.csv}: <em>{s.noPins}</em>
              </>
            )}
          </li>
        </ul>
        <h3>{s.image}</h3>
        <p class="hint">{s.imageHint}</p>
        <form method="get" action={localHref(ctx, `${base}/stamp`)} class="stack">
          {ctx.locale === 'vi' ? null : <input type="hidden" name="lang" value={ctx.locale} />}
          <Field name="serial" label={s.serial} required autocomplete="off" idPrefix="image-" {...image} />
          <Select
            name="format"
            label={s.format}
            options={[
              { value: 'svg', label: 'SVG' },
              { value: 'png', label: 'PNG' },
            ]}
            idPrefix="image-"
            {...image}
          />
          <button type="submit" class="button">
            {s.getImage}
          </button>
        </form>
      </section>

      <section class="portal-card" aria-labelledby="batch-activate">
        <h2 id="batch-activate">{s.activateTitle}</h2>
        <p>{s.activateIntro}</p>
        {view.counts.issued === 0 ? (
          <p>{s.nothingToActivate}</p>
        ) : (
          <>
            <h3>{s.activateBatch}</h3>
            {view.pinsKeptUntil ? <p class="hint">{s.activatePinWarning}</p> : null}
            <form method="post" action={localHref(ctx, `${base}/activate`)} class="stack">
              {csrf}
              <input type="hidden" name="scope" value="batch" />
              <Checkbox
                name="confirm"
                label={s.confirmStuck}
                checked={false}
                idPrefix="batch-"
                issues={activateBatch.issues}
              />
              <button type="submit" class="button">
                {s.activateBatchSubmit(view.counts.issued)}
              </button>
            </form>
            <h3>{s.activateSheet}</h3>
            <form method="post" action={localHref(ctx, `${base}/activate`)} class="stack">
              {csrf}
              <input type="hidden" name="scope" value="sheet" />
              <Field
                name="sheetNumber"
                label={s.sheetNumber(view.lastSheet)}
                inputmode="numeric"
                required
                idPrefix="sheet-"
                {...activateSheet}
              />
              <Checkbox
                name="confirm"
                label={s.confirmStuck}
                checked={false}
                idPrefix="sheet-"
                issues={activateSheet.issues}
              />
              <button type="submit" class="button">
                {s.activateSheetSubmit}
              </button>
            </form>
          </>
        )}
      </section>

      <section class="portal-card" aria-labelledby="batch-void">
        <h2 id="batch-void">{s.voidTitle}</h2>
        <p>{s.voidIntro}</p>
        <form method="post" action={localHref(ctx, `${base}/void`)} class="stack">
          {csrf}
          <Field name="serials" label={s.serials} multiline required idPrefix="void-" {...voiding} />
          <Checkbox name="confirm" label={s.confirmVoid} checked={false} idPrefix="void-" issues={voiding.issues} />
          <button type="submit" class="button button-danger">
            {s.voidSubmit}
          </button>
        </form>
      </section>

      <section class="portal-card" aria-labelledby="batch-reprint">
        <h2 id="batch-reprint">{s.reprintTitle}</h2>
        <p>{s.reprintIntro(view.replaceable)}</p>
        {view.replaceable > 0 ? (
          <>
            <form method="post" action={localHref(ctx, `${base}/reprint`)} class="stack">
              {csrf}
              <Field
                name="count"
                label={s.reprintCount}
                inputmode="numeric"
                required
                idPrefix="reprint-"
                {...reprint}
              />
              <button type="submit" class="button">
                {s.reprintSubmit}
              </button>
            </form>
          </>
        ) : null}
      </section>
    </PortalShell>
  );
}
