import type { TraceEventType } from '../../../worker/domain/trace-event';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { PortalShell } from './PortalShell';

export interface TraceEventView {
  id: number;
  type: TraceEventType;
  when: string;
  place: string | null;
  actor: string | null;
  description: string | null;
  reportUrl: string | null;
  isPublic: boolean;
  inputs: { lotId: number; label: string }[];
}

export interface LotView {
  id: number;
  code: string;
  productName: string;
  producerName: string;
  producerParam?: number | undefined;
  productionDate: string | null;
  bestBefore: string | null;
  quantity: string | null;
  notes: string | null;
  events: TraceEventView[];
  usedIn: { lotId: number; label: string }[];
  batches: { id: number; quantity: number; issuedAt: string; activeCount: number }[];
}

interface LotPageProps {
  ctx: PageContext;
  csrfToken: string;
  view: LotView;
  eventTypes: readonly TraceEventType[];
  notice?: string | undefined;
}

export function LotPage({ ctx, csrfToken, view, eventTypes, notice }: LotPageProps) {
  const { t } = ctx;
  const l = t.portal.lots;
  const e = t.portal.events;
  const base = `/portal/lots/${view.id}`;
  const title = l.lotTitle(view.code, view.productName);
  const fact = (value: string | null) => value ?? l.notSet;
  return (
    <PortalShell
      ctx={ctx}
      title={title}
      section="lots"
      producerName={view.producerName}
      producerParam={view.producerParam}
      notice={notice}
    >
      <p>
        <a href={localHref(ctx, '/portal/lots', { producer: view.producerParam })}>{l.backToList}</a>
      </p>
      <h1>{title}</h1>

      <section class="portal-card" aria-labelledby="lot-facts">
        <h2 id="lot-facts">{l.facts}</h2>
        <dl class="facts">
          <dt>{l.product}</dt>
          <dd>{view.productName}</dd>
          <dt>{l.code}</dt>
          <dd>{view.code}</dd>
          <dt>{l.productionDate}</dt>
          <dd>{fact(view.productionDate)}</dd>
          <dt>{l.bestBefore}</dt>
          <dd>{fact(view.bestBefore)}</dd>
          <dt>{l.quantity}</dt>
          <dd>{fact(view.quantity)}</dd>
          {view.notes ? (
            <>
              <dt>{l.notes}</dt>
              <dd>{view.notes}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section class="portal-card" aria-labelledby="lot-journey">
        <h2 id="lot-journey">{l.journey}</h2>
        <p class="hint">{l.journeyIntro}</p>
        {view.events.length === 0 ? (
          <p>{l.noEvents}</p>
        ) : (
          <ol class="trace-timeline">
            {view.events.map((event) => (
              <li class={event.isPublic ? undefined : 'is-private'}>
                <p>
                  <strong>{e.types[event.type]}</strong> · <time>{event.when}</time>{' '}
                  <span class={event.isPublic ? 'tag tag-ok' : 'tag tag-muted'}>
                    {event.isPublic ? e.public : e.private}
                  </span>
                </p>
                {event.place ? <p>{event.place}</p> : null}
                {event.actor ? <p>{e.by(event.actor)}</p> : null}
                {event.description ? <p>{event.description}</p> : null}
                {event.inputs.length > 0 ? (
                  <p>
                    {e.inputsFrom}{' '}
                    {event.inputs.map((input, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        <a href={localHref(ctx, `/portal/lots/${input.lotId}`)}>{input.label}</a>
                      </>
                    ))}
                  </p>
                ) : null}
                {event.reportUrl ? (
                  <p>
                    <a href={event.reportUrl} rel="noopener noreferrer nofollow">
                      {e.report}
                    </a>
                  </p>
                ) : null}
                <form method="post" action={localHref(ctx, `${base}/events/${event.id}/visibility`)}>
                  <input type="hidden" name="_csrf" value={csrfToken} />
                  <input type="hidden" name="isPublic" value={event.isPublic ? '0' : '1'} />
                  <button type="submit" class="link-button">
                    {event.isPublic ? e.hide : e.show}
                  </button>
                </form>
              </li>
            ))}
          </ol>
        )}
        <h3>{l.recordEvent}</h3>
        <ul class="portal-list">
          {eventTypes.map((type) => (
            <li>
              <a href={localHref(ctx, `${base}/events/new`, { type })}>{e.types[type]}</a>
              <br />
              <span class="hint">{e.typeHints[type]}</span>
            </li>
          ))}
        </ul>
        {view.usedIn.length > 0 ? (
          <>
            <h3>{l.usedIn}</h3>
            <ul class="portal-list">
              {view.usedIn.map((lot) => (
                <li>
                  <a href={localHref(ctx, `/portal/lots/${lot.lotId}`)}>{lot.label}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <a href={localHref(ctx, `${base}/epcis.json`)} download>
            {l.epcis}
          </a>
        </p>
      </section>

      <section class="portal-card" aria-labelledby="lot-stamps">
        <h2 id="lot-stamps">{l.stamps}</h2>
        {view.batches.length === 0 ? (
          <p>{l.noBatches}</p>
        ) : (
          <ul class="portal-list">
            {view.batches.map((batch) => (
              <li>
                <a href={localHref(ctx, `/portal/stamp-batches/${batch.id}`)}>
                  {l.batchLine(batch.id, batch.quantity, batch.issuedAt)}
                </a>{' '}
                <span class="hint">{l.activeCount(batch.activeCount)}</span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a class="button" href={localHref(ctx, `${base}/stamp-batches/new`)}>
            {l.issueStamps}
          </a>
        </p>
      </section>
    </PortalShell>
  );
}
