import { localHref } from '../href';
import { DEFAULT_LOCALE } from '../messages';
import type { PageContext } from '../page-context';
import type { CatalogueFilterValues, FilterProblem, Option } from '../views';
import { FilterProblems } from './FilterProblems';

export interface FilterOptions {
  provinces: Option[];
  groups: Option[];
  stars: Option[];
  producerKinds: Option[];
  sorts: Option[];
}

interface CatalogueFiltersProps {
  ctx: PageContext;
  values: CatalogueFilterValues;
  options: FilterOptions;
  /** Filters refused and left out of the results: listed above the form, the price bounds' also beside them. */
  problems: FilterProblem[];
}

interface SelectProps {
  id: string;
  label: string;
  anyLabel?: string;
  options: Option[];
  selected: string | number | undefined;
}

function Select({ id, label, anyLabel, options, selected }: SelectProps) {
  return (
    <div class="field">
      <label for={`f-${id}`}>{label}</label>
      <select id={`f-${id}`} name={id}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option value={option.value} selected={String(selected) === option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface PriceFilterProps {
  id: string;
  label: string;
  value: number | undefined;
  problem: FilterProblem | undefined;
}

/** A price bound, shown again as typed with its problem beside it when refused. */
function PriceFilter({ id, label, value, problem }: PriceFilterProps) {
  return (
    <div class={problem ? 'field field-invalid' : 'field'}>
      <label for={`f-${id}`}>{label}</label>
      <input
        id={`f-${id}`}
        name={id}
        type="number"
        inputmode="numeric"
        min="0"
        step="1"
        value={problem ? problem.typed : (value ?? '')}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? `f-${id}-error` : undefined}
      />
      {problem ? (
        <p class="field-error" id={`f-${id}-error`}>
          {problem.message}
        </p>
      ) : null}
    </div>
  );
}

/** The filters folded under "Filters": unfolded when one of them is refused, so its field can be fixed. */
const FOLDED_FIELDS = new Set([
  'province',
  'group',
  'min_stars',
  'producer_kind',
  'price_min',
  'price_max',
  'in_stock',
]);
const FIELD_IDS = Object.fromEntries(['q', 'sort', ...FOLDED_FIELDS].map((field) => [field, `f-${field}`]));

const hasFilters = (v: CatalogueFilterValues) =>
  [v.province, v.group, v.min_stars, v.producer_kind, v.price_min, v.price_max, v.in_stock].some(
    (value) => value !== undefined,
  );

/** The whole catalogue query as one plain GET form, so filtering works with JavaScript off. */
export function CatalogueFilters({ ctx, values, options, problems }: CatalogueFiltersProps) {
  const { t } = ctx;
  const c = t.catalogue;
  const problemOf = (field: string) => problems.find((problem) => problem.field === field);
  return (
    <form class="filters" action="/products" method="get" aria-labelledby="filters-title">
      <h2 id="filters-title" class="visually-hidden">
        {c.filters}
      </h2>
      <FilterProblems ctx={ctx} problems={problems} fieldIds={FIELD_IDS} />
      <div class="field">
        <label for="f-q">{c.query}</label>
        <input id="f-q" name="q" type="search" value={values.q ?? ''} maxlength={200} />
      </div>
      {/* Closed on a phone until asked for, so results start on the first screen; no script needed. */}
      <details open={hasFilters(values) || problems.some((problem) => FOLDED_FIELDS.has(problem.field))}>
        <summary>{c.filters}</summary>
        <Select
          id="province"
          label={c.province}
          anyLabel={c.any}
          options={options.provinces}
          selected={values.province}
        />
        <Select id="group" label={c.group} anyLabel={c.any} options={options.groups} selected={values.group} />
        <Select
          id="min_stars"
          label={c.minStars}
          anyLabel={c.any}
          options={options.stars}
          selected={values.min_stars}
        />
        <Select
          id="producer_kind"
          label={c.producerKind}
          anyLabel={c.any}
          options={options.producerKinds}
          selected={values.producer_kind}
        />
        <div class="field-pair">
          <PriceFilter id="price_min" label={c.priceMin} value={values.price_min} problem={problemOf('price_min')} />
          <PriceFilter id="price_max" label={c.priceMax} value={values.price_max} problem={problemOf('price_max')} />
        </div>
        <div class="field checkbox">
          <input id="f-in_stock" name="in_stock" type="checkbox" value="1" checked={values.in_stock !== undefined} />
          <label for="f-in_stock">{c.inStock}</label>
        </div>
      </details>
      <Select id="sort" label={c.sort} options={options.sorts} selected={values.sort ?? 'relevance'} />
      {values.limit ? <input type="hidden" name="limit" value={String(values.limit)} /> : null}
      {ctx.locale !== DEFAULT_LOCALE ? <input type="hidden" name="lang" value={ctx.locale} /> : null}
      <div class="actions">
        <button type="submit">{c.apply}</button>
        <a href={localHref(ctx, '/products')}>{c.reset}</a>
      </div>
    </form>
  );
}
