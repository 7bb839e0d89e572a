/** The public fair calendar and one fair's page: dates, venue, booth plan and exhibitors. */
import { BoothPlanSvg } from '../components/BoothPlanSvg';
import { FilterProblems } from '../components/FilterProblems';
import { FilterSelect } from '../components/FilterSelect';
import { Layout, type OpenGraph } from '../components/Layout';
import { localHref, withParams } from '../href';
import type { PageContext } from '../page-context';
import type { FairStatus } from '../../worker/domain/fair';
import type { FilterProblem, Option } from '../views';

export interface FairCardView {
  slug: string;
  name: string;
  kindName: string;
  status: FairStatus;
  statusText: string;
  dates: string;
  hours: string | null;
  venue: string;
  place: string;
  exhibitors: string | null;
}

export interface FairCalendarView {
  values: { province?: string | undefined; month?: string | undefined };
  /** Filters refused (only a hand-edited link can send one) and left out of the calendar. */
  problems: FilterProblem[];
  provinces: Option[];
  months: Option[];
  groups: { label: string; fairs: FairCardView[] }[];
  total: number;
  page: number;
  pageCount: number;
}

function FairCard({ ctx, fair }: { ctx: PageContext; fair: FairCardView }) {
  return (
    <article class="fair-card">
      <h3>
        <a href={localHref(ctx, `/fairs/${fair.slug}`)}>{fair.name}</a>
      </h3>
      <p class="muted">
        {fair.kindName} · <span class={`fair-status is-${fair.status}`}>{fair.statusText}</span>
      </p>
      <p>
        <strong>{fair.dates}</strong>
        {fair.hours ? ` · ${fair.hours}` : null}
      </p>
      <p>
        {fair.venue}, {fair.place}
      </p>
      {fair.exhibitors ? <p class="muted">{fair.exhibitors}</p> : null}
    </article>
  );
}

export function FairCalendarPage({ ctx, view }: { ctx: PageContext; view: FairCalendarView }) {
  const { t } = ctx;
  const f = t.fairs;
  return (
    <Layout ctx={ctx} title={f.title} description={f.intro} canonicalPath="/fairs">
      <h1>{f.title}</h1>
      <p>{f.intro}</p>
      <FilterProblems
        ctx={ctx}
        problems={view.problems}
        fieldIds={{ province: 'filter-province', month: 'filter-month' }}
      />
      <form method="get" action="/fairs" class="filters fair-filters" role="search" aria-label={f.filters}>
        {ctx.locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <FilterSelect
          name="province"
          label={f.province}
          options={view.provinces}
          chosen={view.values.province}
          any={f.any}
        />
        <FilterSelect name="month" label={f.month} options={view.months} chosen={view.values.month} any={f.any} />
        <button type="submit">{f.apply}</button>
      </form>
      <p class="result-count" role="status">
        {f.results(view.total)} · <a href="/api/v1/fairs.ics">{f.subscribe}</a>
      </p>
      {view.total === 0 ? <p>{f.none}</p> : null}
      {view.groups.map((group) => (
        <section class="fair-month" aria-label={group.label}>
          <h2>{group.label}</h2>
          <div class="fair-list">
            {group.fairs.map((fair) => (
              <FairCard ctx={ctx} fair={fair} />
            ))}
          </div>
        </section>
      ))}
      {view.pageCount > 1 ? (
        <nav class="pager" aria-label={t.catalogue.pagination}>
          {view.page > 1 ? <a href={withParams(ctx.url, { page: view.page - 1 })}>{f.previous}</a> : null}
          <span>{f.page(view.page, view.pageCount)}</span>
          {view.page < view.pageCount ? <a href={withParams(ctx.url, { page: view.page + 1 })}>{f.next}</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

export interface FairPlanView {
  width: number;
  height: number;
  zones: {
    code: string;
    name: string;
    x: number;
    y: number;
    width: number;
    height: number;
    labelX: number;
    labelY: number;
  }[];
  booths: { code: string; x: number; y: number; width: number; height: number; taken: boolean }[];
}

export interface FairExhibitorView {
  name: string;
  href: string;
  place: string;
  products: { name: string; href: string; stars: number | null }[];
}

export interface FairDetailView {
  id: number;
  slug: string;
  name: string;
  kindName: string;
  status: FairStatus;
  statusText: string;
  description: string | null;
  dates: string;
  hours: string | null;
  venue: string;
  address: string;
  organiser: string | null;
  directions: { geo: string; osm: string } | null;
  applications: string | null;
  calendar: { ics: string; google: string };
  exhibitorCount: string;
  plan: FairPlanView | null;
  boothTypes: { name: string; size: string; fee: string }[];
  zones: {
    code: string;
    name: string;
    summary: string;
    booths: { code: string; exhibitor: FairExhibitorView }[];
    /** Booths nobody holds yet, by code. */
    free: string[];
  }[];
}

interface FairPageProps {
  ctx: PageContext;
  fair: FairDetailView;
  jsonLd: object;
  openGraph: OpenGraph;
}

export function FairPage({ ctx, fair, jsonLd, openGraph }: FairPageProps) {
  const { t } = ctx;
  const f = t.fairs;
  return (
    <Layout
      ctx={ctx}
      title={fair.name}
      description={`${fair.dates} · ${fair.venue}`}
      canonicalPath={`/fairs/${fair.slug}`}
      jsonLd={jsonLd}
      openGraph={openGraph}
      noindex={fair.status === 'draft'}
    >
      <article class="fair">
        <h1>{fair.name}</h1>
        <p class="muted">
          {fair.kindName} · <span class={`fair-status is-${fair.status}`}>{fair.statusText}</span>
        </p>
        <dl class="facts">
          <dt>{f.dates}</dt>
          <dd>
            {fair.dates}
            {fair.hours ? (
              <>
                <br />
                {fair.hours}
              </>
            ) : null}
          </dd>
          <dt>{f.venue}</dt>
          <dd>
            {fair.venue}
            <br />
            {fair.address}
          </dd>
          {fair.organiser ? (
            <>
              <dt>{f.organiser}</dt>
              <dd>{fair.organiser}</dd>
            </>
          ) : null}
          {fair.applications ? (
            <>
              <dt>{f.applications}</dt>
              <dd>{fair.applications}</dd>
            </>
          ) : null}
        </dl>
        {fair.description ? <p class="prose">{fair.description}</p> : null}
        <ul class="fair-links" role="list">
          {fair.directions ? (
            <>
              <li>
                <a href={fair.directions.geo}>{f.openInPhoneMaps}</a>
              </li>
              <li>
                <a href={fair.directions.osm} rel="noopener">
                  {f.openInMaps}
                </a>
              </li>
            </>
          ) : null}
          <li>
            {f.addToCalendar}: <a href={fair.calendar.ics}>{f.calendarFile}</a> ·{' '}
            <a href={fair.calendar.google} rel="noopener">
              {f.googleCalendar}
            </a>
          </li>
        </ul>
        {fair.boothTypes.length > 0 ? (
          <section class="panel" aria-labelledby="booth-types-title">
            <h2 id="booth-types-title">{f.boothTypes}</h2>
            <ul class="booth-types" role="list">
              {fair.boothTypes.map((type) => (
                <li>
                  <strong>{type.name}</strong>: {type.size} · {f.fee} {type.fee}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {fair.plan ? (
          <section class="panel" aria-labelledby="plan-title">
            <h2 id="plan-title">{f.plan}</h2>
            <p class="muted">{f.planIntro}</p>
            <div class="booth-plan-frame">
              <BoothPlanSvg plan={fair.plan} label={f.planLabel(fair.name)} />
            </div>
          </section>
        ) : null}
        <section aria-labelledby="exhibitors-title">
          <h2 id="exhibitors-title">{f.exhibitors}</h2>
          <p>{fair.exhibitorCount}</p>
          {fair.zones.length === 0 ? <p>{f.noExhibitors}</p> : null}
          {fair.zones.map((zone) => (
            <section class="fair-zone" aria-labelledby={`zone-${zone.code}`}>
              <h3 id={`zone-${zone.code}`}>{zone.name}</h3>
              <p class="muted">{zone.summary}</p>
              {zone.booths.length > 0 ? (
                <ul class="booth-list" role="list">
                  {zone.booths.map((booth) => (
                    <li id={`booth-${booth.code}`}>
                      <strong>{f.booth(booth.code)}</strong>
                      {' · '}
                      <a href={localHref(ctx, booth.exhibitor.href)}>{booth.exhibitor.name}</a>
                      <span class="muted"> ({booth.exhibitor.place})</span>
                      {booth.exhibitor.products.length > 0 ? (
                        <ul class="booth-products">
                          {booth.exhibitor.products.map((product) => (
                            <li>
                              <a href={localHref(ctx, product.href)}>{product.name}</a>
                              {product.stars ? ` · ${t.certification.stars(product.stars)}` : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {zone.free.length > 0 ? (
                <p class="muted">
                  {f.freeBooth}: {zone.free.join(', ')}
                </p>
              ) : null}
            </section>
          ))}
        </section>
      </article>
    </Layout>
  );
}
