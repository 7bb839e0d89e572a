import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAGE_SIZE,
  effectiveSort,
  isPageOutOfRange,
  MAX_COUNTED_RESULTS,
  pageInfo,
  pagerWindow,
  toCatalogueFilter,
} from '../../worker/domain/catalogue';

describe('toCatalogueFilter', () => {
  it('defaults to relevance, page 1 and the default page size', () => {
    expect(toCatalogueFilter({})).toMatchObject({
      sort: 'relevance',
      page: 1,
      limit: DEFAULT_PAGE_SIZE,
      inStock: false,
    });
  });

  it('treats a blank query as no query', () => {
    expect(toCatalogueFilter({ q: '   ' }).q).toBeUndefined();
  });
});

describe('effectiveSort', () => {
  it('falls back to stars when relevance has no search terms', () => {
    expect(effectiveSort({ sort: 'relevance' }, false)).toBe('stars');
    expect(effectiveSort({ sort: 'relevance' }, true)).toBe('relevance');
    expect(effectiveSort({ sort: 'price_asc' }, false)).toBe('price_asc');
  });
});

describe('pagination', () => {
  it('counts pages and flags pages past the end', () => {
    expect(pageInfo(2, 24, 49)).toEqual({ page: 2, limit: 24, total: 49, totalCapped: false, pageCount: 3 });
    expect(isPageOutOfRange(pageInfo(4, 24, 49))).toBe(true);
    expect(isPageOutOfRange(pageInfo(3, 24, 49))).toBe(false);
  });

  it('marks a total that reached the counting cap as a lower bound', () => {
    expect(pageInfo(1, 24, MAX_COUNTED_RESULTS)).toMatchObject({ totalCapped: true, pageCount: 21 });
    expect(pageInfo(1, 24, MAX_COUNTED_RESULTS - 1).totalCapped).toBe(false);
  });

  it('accepts page 1 of an empty result', () => {
    expect(isPageOutOfRange(pageInfo(1, 24, 0))).toBe(false);
  });

  it('shows first, last and a window around the current page with gaps', () => {
    expect(pagerWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pagerWindow(1, 3)).toEqual([1, 2, 3]);
  });
});
