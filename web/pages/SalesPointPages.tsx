/** The public list of sales points (filters, near me, map) and one point's page. */
import { Layout, type OpenGraph } from '../components/Layout';
import { FilterSelect } from '../components/FilterSelect';
import { StarBadge } from '../components/StarBadge';
import { localHref, withParams } from '../href';
import type { PageContext } from '../page-context';
import type { FilterProblem, OpeningNowView, Option } from '../views';
import { FilterProblems } from '../components/FilterProblems';

export interface SalesPointCardView {
  slug: string;
  name: string;
  kindName: string;
  address: string;
  phone: string | null;
  distance: string | null;
  now: OpeningNowView;
  latitude: number | null;
  longitude: number | null;
}

export interface MapSettings {
  tileUrl: string;
  attribution: string;
}

export interface SalesPointListView {
  values: Record<string, string | undefined>;
  /** The visitor asked for something (a place, a filter): the results, not the introduction, come first. */
  searched: boolean;
  /** The product the list is filtered on. */
  productName: string | null;
  /** The radius, province and kind chosen, named on the folded filters so they need not unfold. */
  moreFilters: string[];
  provinces: Option[];
  kinds: Option[];
  radii: Option[];
  points: SalesPointCardView[];
  total: number;
  page: number;
  pageCount: number;
  /** "Sorted by distance from …", or null when not sorted by distance. */
  nearFrom: string | null;
  /** The list is sorted from a place the visitor typed, so the format hint has done its work. */
  placeTyped: boolean;
  /** Filters refused (a place typed as words, a hand-edited link), each by its label; the rest still apply. */
  problems: FilterProblem[];
  map: MapSettings | null;
}

function PointCard({ ctx, point }: { ctx: PageContext; point: SalesPointCardView }) {
  const { t } = ctx;
  return (
    <article class="point-card">
      <h2>
        <a href={localHref(ctx, `/sales-points/${point.slug}`)}>{point.name}</a>
      </h2>
      {/* Whether it is open and how far, the two facts a phone decides on, right under the name. */}
      <p>
        <span class={point.now.open ? 'open-now' : 'closed-now'}>{point.now.text}</span>
        {point.distance ? <strong class="distance"> · {point.distance}</strong> : null}
      </p>
      <p class="muted">{point.kindName}</p>
      <p>{point.address}</p>
      {point.phone ? (
        <p>
          {t.salesPoints.phone}: <a href={`tel:${point.phone.replace(/\s/g, '')}`}>{point.phone}</a>
        </p>
      ) : null}
    </article>
  );
}

/** The map's container and data: Leaflet (our own copy) draws it only when JavaScript and a tile URL are there. */
function PointsMap({ ctx, map, points }: { ctx: PageContext; map: MapSettings; points: SalesPointCardView[] }) {
  const located = points.filter((point) => point.latitude !== null && point.longitude !== null);
  if (located.length === 0) return null;
  const data = located.map((point) => ({
    name: point.name,
    href: localHref(ctx, `/sales-points/${point.slug}`),
    lat: point.latitude,
    lng: point.longitude,
  }));
  return (
    <>
      <link rel="stylesheet" href="/vendor/leaflet/leaflet.css" />
      <div
        id="points-map"
        class="points-map"
        role="region"
        aria-label={ctx.t.salesPoints.map}
        data-tile-url={map.tileUrl}
        data-attribution={map.attribution}
        hidden
      ></div>
      <script
        type="application/json"
        id="points-map-data"
        dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }}
      />
      <script src="/vendor/leaflet/leaflet.js" defer></script>
      <script src="/points-map.js" defer></script>
    </>
  );
}

/** The filters folded under "more filters": unfolded when one of them is refused, so it can be fixed. */
const FOLDED_FIELDS = new Set(['radius_km', 'province', 'kind']);
const FIELD_IDS = {
  near: 'filter-near',
  open_now: 'filter-open-now',
  ...Object.fromEntries([...FOLDED_FIELDS].map((field) => [field, `filter-${field}`])),
};

export function SalesPointsPage({ ctx, view }: { ctx: PageContext; view: SalesPointListView }) {
  const { t } = ctx;
  const s = t.salesPoints;
  const withoutProduct = withParams(ctx.url, { product: undefined, page: undefined });
  const nearProblem = view.problems.find((problem) => problem.field === 'near');
  const foldedProblem = view.problems.some((problem) => FOLDED_FIELDS.has(problem.field));
  return (
    <Layout ctx={ctx} title={s.title} description={s.intro} canonicalPath="/sales-points">
      <h1>{s.title}</h1>
      {view.searched ? null : <p>{s.intro}</p>}
      {view.productName ? (
        <p class="filter-note">
          {s.selling(view.productName)} · <a href={withoutProduct}>{s.anyProduct}</a>
        </p>
      ) : null}
      <FilterProblems ctx={ctx} problems={view.problems} fieldIds={FIELD_IDS} />
      {/* What a phone needs first: a place and "open now"; the rarer filters fold away. */}
      <form method="get" action="/sales-points" class="filters point-filters" role="search" aria-label={s.filters}>
        <div class={nearProblem ? 'field field-invalid' : 'field'}>
          <label for="filter-near">{s.near}</label>
          <div class="search-row">
            <input
              id="filter-near"
              name="near"
              inputmode="decimal"
              value={view.values.near ?? ''}
              aria-invalid={nearProblem ? 'true' : undefined}
              aria-describedby={
                [nearProblem ? 'filter-near-error' : null, view.placeTyped ? null : 'filter-near-hint']
                  .filter(Boolean)
                  .join(' ') || undefined
              }
            />
            <button type="submit">{s.apply}</button>
          </div>
          {nearProblem ? (
            <p class="field-error" id="filter-near-error">
              {nearProblem.message}
            </p>
          ) : null}
          {/* Once a typed place is accepted the hint would only push the nearest points down the screen. */}
          {view.placeTyped ? null : (
            <p class="hint" id="filter-near-hint">
              {s.nearHint}
            </p>
          )}
          <button type="button" class="link-button" data-locate hidden>
            {t.places.useMyLocation}
          </button>
        </div>
        <div class="field field-check">
          <label for="filter-open-now">
            <input
              id="filter-open-now"
              type="checkbox"
              name="open_now"
              value="1"
              checked={view.values.open_now === '1'}
            />{' '}
            {s.openNow}
          </label>
        </div>
        <details class="more-filters" open={foldedProblem}>
          <summary>
            {view.moreFilters.length > 0 ? s.moreFiltersChosen(view.moreFilters.join(', ')) : s.moreFilters}
          </summary>
          <FilterSelect
            name="radius_km"
            label={s.radius}
            options={view.radii}
            chosen={view.values.radius_km}
            any="50 km"
          />
          <FilterSelect
            name="province"
            label={s.province}
            options={view.provinces}
            chosen={view.values.province}
            any={s.any}
          />
          <FilterSelect name="kind" label={s.kind} options={view.kinds} chosen={view.values.kind} any={s.any} />
          <button type="submit">{s.apply}</button>
        </details>
        {view.values.product ? <input type="hidden" name="product" value={view.values.product} /> : null}
      </form>
      <script src="/near-me.js" defer></script>
      <p class="result-count" role="status">
        {s.results(view.total)}
        {view.nearFrom ? ` · ${view.nearFrom}` : ''}
      </p>
      {view.points.length === 0 ? <p>{s.none}</p> : null}
      <div class="point-list">
        {view.points.map((point) => (
          <PointCard ctx={ctx} point={point} />
        ))}
      </div>
      {view.pageCount > 1 ? (
        <nav class="pager" aria-label={t.catalogue.pagination}>
          {view.page > 1 ? <a href={withParams(ctx.url, { page: view.page - 1 })}>{s.previous}</a> : null}
          <span>{s.page(view.page, view.pageCount)}</span>
          {view.page < view.pageCount ? <a href={withParams(ctx.url, { page: view.page + 1 })}>{s.next}</a> : null}
        </nav>
      ) : null}
      {/* The map after the list: on a phone the nearest points matter more than the picture of them. */}
      {view.map ? <PointsMap ctx={ctx} map={view.map} points={view.points} /> : null}
    </Layout>
  );
}

export interface SalesPointDetailView {
  slug: string;
  name: string;
  kindName: string;
  status: 'proposed' | 'active' | 'closed' | 'rejected';
  statusText: string;
  operator: string | null;
  address: string;
  phone: { text: string; href: string } | null;
  zalo: { text: string; href: string } | null;
  website: string | null;
  latitude: number | null;
  longitude: number | null;
  directions: { geo: string; osm: string } | null;
  now: OpeningNowView;
  week: { label: string; today: boolean; note: string | null; hours: string }[];
  photos: { url: string; alt: string }[];
  products: {
    slug: string;
    name: string;
    producerName: string;
    stars: number | null;
    imageUrl: string;
    price: string;
    hasPrice: boolean;
    confirmed: string | null;
  }[];
}

interface SalesPointPageProps {
  ctx: PageContext;
  point: SalesPointDetailView;
  jsonLd: object;
  openGraph: OpenGraph;
  map: MapSettings | null;
}

export function SalesPointPage({ ctx, point, jsonLd, openGraph, map }: SalesPointPageProps) {
  const { t } = ctx;
  const s = t.salesPoints;
  return (
    <Layout
      ctx={ctx}
      title={point.name}
      description={`${point.kindName} · ${point.address}`}
      canonicalPath={`/sales-points/${point.slug}`}
      jsonLd={jsonLd}
      openGraph={openGraph}
      noindex={point.status !== 'active'}
    >
      <article class="sales-point">
        <h1>{point.name}</h1>
        <p class="muted">{point.kindName}</p>
        {point.status !== 'active' ? <p class="alert alert-warning">{s.closedNotice}</p> : null}
        <p class={point.now.open ? 'open-now big' : 'closed-now big'}>{point.now.text}</p>
        <dl class="facts">
          <dt>{s.address}</dt>
          <dd>{point.address}</dd>
          {point.operator ? (
            <>
              <dt>{s.operator}</dt>
              <dd>{point.operator}</dd>
            </>
          ) : null}
          {point.phone ? (
            <>
              <dt>{s.phone}</dt>
              <dd>
                <a href={point.phone.href}>{point.phone.text}</a>
              </dd>
            </>
          ) : null}
          {point.zalo ? (
            <>
              <dt>{t.producer.zalo}</dt>
              <dd>
                <a href={point.zalo.href} rel="noopener">
                  {point.zalo.text}
                </a>
              </dd>
            </>
          ) : null}
          {point.website ? (
            <>
              <dt>{s.website}</dt>
              <dd>
                <a href={point.website} rel="noopener nofollow">
                  {point.website}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
        {point.directions ? (
          <p class="actions">
            <a class="button" href={point.directions.geo}>
              {t.places.openInPhoneMaps}
            </a>{' '}
            <a href={point.directions.osm} rel="noopener">
              {t.places.openInMaps}
            </a>
          </p>
        ) : null}
        {map && point.latitude !== null && point.longitude !== null ? (
          <PointsMap
            ctx={ctx}
            map={map}
            points={[
              {
                slug: point.slug,
                name: point.name,
                kindName: point.kindName,
                address: point.address,
                phone: null,
                distance: null,
                now: point.now,
                latitude: point.latitude,
                longitude: point.longitude,
              },
            ]}
          />
        ) : null}

        <section aria-labelledby="hours-title">
          <h2 id="hours-title">{s.hoursWeek}</h2>
          {point.week.length === 0 ? (
            <p>{t.places.hoursUnknown}</p>
          ) : (
            <table class="hours">
              <tbody>
                {point.week.map((day) => (
                  <tr class={day.today ? 'today' : undefined} aria-current={day.today ? 'date' : undefined}>
                    <th scope="row">{day.label}</th>
                    <td>
                      {day.hours}
                      {day.note ? <span class="muted"> ({day.note})</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        {point.photos.length > 0 ? (
          <ul class="photos" role="list">
            {point.photos.map((photo) => (
              <li>
                <img src={photo.url} alt={photo.alt} width="400" height="300" loading="lazy" />
              </li>
            ))}
          </ul>
        ) : null}

        <section aria-labelledby="stock-title">
          <h2 id="stock-title">{s.products}</h2>
          {point.products.length === 0 ? (
            <p>{s.noProducts}</p>
          ) : (
            <ul class="stock-list" role="list">
              {point.products.map((product) => (
                <li>
                  <img src={product.imageUrl} alt="" width="64" height="48" loading="lazy" />
                  <div>
                    <a href={localHref(ctx, `/products/${product.slug}`)}>{product.name}</a>
                    {product.stars ? <StarBadge t={t} stars={product.stars} /> : null}
                    <br />
                    <span class="muted">{product.producerName}</span>
                    {product.hasPrice ? <> · {product.price}</> : null}
                    {product.confirmed ? (
                      <>
                        <br />
                        <span class="muted">{product.confirmed}</span>
                      </>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </article>
    </Layout>
  );
}
