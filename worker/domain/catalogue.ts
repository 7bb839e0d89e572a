/** Catalogue browsing rules shared by the HTML pages and the JSON API. */
import type { ProducerKind } from './organisation';

/**
 * Catalogue-wide group codes. Each criteria version names its six groups
 * differently (db/reference/product-groups.json maps every version's group to
 * one of these), so a filter works across products certified under either.
 */
export const catalogueGroupCodes = ['food', 'beverage', 'herbal', 'handicraft', 'ornamental', 'tourism'] as const;
export type CatalogueGroupCode = (typeof catalogueGroupCodes)[number];

export const catalogueSorts = ['relevance', 'stars', 'newest', 'price_asc', 'price_desc'] as const;
export type CatalogueSort = (typeof catalogueSorts)[number];
export type { ProducerKind };

export const DEFAULT_PAGE_SIZE = 24;
export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE = 1000;
export const MAX_QUERY_LENGTH = 200;
/**
 * Totals are counted up to this many results and shown as "500+" beyond: an
 * exact count of a common word costs an index read per match (at 1,000, a
 * common-term search ran at about 0.47× the one-query floor route; at 500,
 * about 0.53×), and nobody pages past 20 pages of 24.
 */
export const MAX_COUNTED_RESULTS = 500;

export interface CatalogueFilter {
  q?: string | undefined;
  province?: string | undefined;
  group?: CatalogueGroupCode | undefined;
  minStars?: number | undefined;
  producerKind?: ProducerKind | undefined;
  priceMin?: number | undefined;
  priceMax?: number | undefined;
  inStock?: boolean | undefined;
  sort: CatalogueSort;
  page: number;
  limit: number;
}

/** Relevance only means something for a text query; without one the best-rated come first. */
export function effectiveSort(filter: Pick<CatalogueFilter, 'q' | 'sort'>, hasSearchTerms: boolean): CatalogueSort {
  return filter.sort === 'relevance' && !hasSearchTerms ? 'stars' : filter.sort;
}

export interface PageInfo {
  page: number;
  limit: number;
  total: number;
  /** The total reached MAX_COUNTED_RESULTS: there may be more. */
  totalCapped: boolean;
  pageCount: number;
}

export function pageInfo(page: number, limit: number, total: number): PageInfo {
  return {
    page,
    limit,
    total,
    totalCapped: total >= MAX_COUNTED_RESULTS,
    pageCount: Math.max(1, Math.ceil(total / limit)),
  };
}

/** A page past the last one is a client error, except page 1 of an empty result. */
export function isPageOutOfRange(info: PageInfo): boolean {
  return info.page > info.pageCount;
}

/** Page numbers for a pager: first, last, and a window around the current page; null marks a gap. */
export function pagerWindow(page: number, pageCount: number, radius = 2): (number | null)[] {
  const pages = new Set<number>([1, pageCount]);
  for (let p = page - radius; p <= page + radius; p++) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  sorted.forEach((p, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && p - previous > 1) result.push(null);
    result.push(p);
  });
  return result;
}

/** Catalogue query parameters as the API and the /products form name them, once validated. */
export interface CatalogueQueryParams {
  q?: string | undefined;
  province?: string | undefined;
  group?: CatalogueGroupCode | undefined;
  min_stars?: number | undefined;
  producer_kind?: ProducerKind | undefined;
  price_min?: number | undefined;
  price_max?: number | undefined;
  in_stock?: string | undefined;
  sort?: CatalogueSort | undefined;
  page?: number | undefined;
  limit?: number | undefined;
}

/** The domain filter from validated query parameters. */
export function toCatalogueFilter(query: CatalogueQueryParams): CatalogueFilter {
  return {
    q: query.q?.trim() || undefined,
    province: query.province,
    group: query.group,
    minStars: query.min_stars,
    producerKind: query.producer_kind,
    priceMin: query.price_min,
    priceMax: query.price_max,
    inStock: query.in_stock !== undefined,
    sort: query.sort ?? 'relevance',
    page: query.page ?? 1,
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
  };
}

/**
 * The group a certification names: groups belong to a criteria version, so a
 * product filed under a Decision 148 group but certified under 1048 shows the
 * 1048 group of the same catalogue code (the first one where 1048 splits it).
 */
export function groupOfCriteria<G extends { criteriaVersion: string }>(
  productGroup: G,
  sameCodeGroups: G[],
  criteriaVersion: string,
): G {
  if (productGroup.criteriaVersion === criteriaVersion) return productGroup;
  return sameCodeGroups.find((group) => group.criteriaVersion === criteriaVersion) ?? productGroup;
}
