import { CatalogueFilters, type FilterOptions } from '../components/CatalogueFilters';
import { Layout } from '../components/Layout';
import { Pagination } from '../components/Pagination';
import { ProductGrid } from '../components/ProductCard';
import type { PageContext } from '../page-context';
import type { CatalogueFilterValues, FilterProblem, ProductCardView } from '../views';

interface CataloguePageProps {
  ctx: PageContext;
  values: CatalogueFilterValues;
  /** Filters refused and left out of the results, each shown with its problem. */
  problems: FilterProblem[];
  options: FilterOptions;
  products: ProductCardView[];
  total: number;
  /** The count stopped at its cap: show it as a lower bound. */
  totalCapped: boolean;
  page: number;
  pageCount: number;
  pager: (number | null)[];
}

export function CataloguePage({
  ctx,
  values,
  problems,
  options,
  products,
  total,
  totalCapped,
  page,
  pageCount,
  pager,
}: CataloguePageProps) {
  const { t } = ctx;
  const heading = values.q ? t.catalogue.searchTitle(values.q) : t.catalogue.title;
  const title = page > 1 ? `${heading} · ${t.catalogue.page(page, pageCount)}` : heading;
  return (
    <Layout ctx={ctx} title={title} canonicalPath="/products" noindex={Boolean(values.q)}>
      <h1>{heading}</h1>
      <div class="catalogue">
        <CatalogueFilters ctx={ctx} values={values} options={options} problems={problems} />
        <section class="results" aria-labelledby="results-title">
          <h2 id="results-title">{t.catalogue.results(total, totalCapped)}</h2>
          {products.length > 0 ? (
            <ProductGrid ctx={ctx} products={products} />
          ) : (
            <p class="notice">{t.catalogue.noResults}</p>
          )}
          <Pagination ctx={ctx} page={page} pageCount={pageCount} window={pager} />
        </section>
      </div>
    </Layout>
  );
}
