/**
 * Vietnamese text folding for search and matching. SQLite's unicode61
 * tokenizer strips tone marks but keeps đ/Đ distinct from d, so everything
 * that goes into the index or a query passes through foldVietnamese first.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_WORD = /[^a-z0-9]+/g;

/** "Rượu Nhung Hươu — Đồng Nai" → "ruou nhung huou dong nai" */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(NOT_WORD, ' ')
    .trim()
    .replace(/ +/g, ' ');
}

/** URL slug from any Vietnamese text: "Bưởi da xanh" → "buoi-da-xanh". */
export function slugify(input: string): string {
  return foldVietnamese(input).replace(/ /g, '-') || 'item';
}

export const MAX_SEARCH_TERMS = 8;

/** Folded search terms of a user query, longest first kept, duplicates removed. */
export function searchTerms(query: string): string[] {
  const terms = [...new Set(foldVietnamese(query).split(' ').filter(Boolean))];
  return terms.slice(0, MAX_SEARCH_TERMS);
}

/**
 * An FTS5 MATCH expression for a user query: every term must appear; the last
 * term also matches as a prefix so a half-typed word still finds results.
 * Terms are quoted, so FTS5 operators typed by the user are plain words.
 * Returns null when the query has no searchable term.
 */
export function ftsMatchExpression(query: string): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return terms.map((term, index) => (index === terms.length - 1 ? `"${term}"*` : `"${term}"`)).join(' ');
}

/** The full-text index column that holds the folded product name (db/migrations/0001_search_index.sql). */
const NAME_COLUMN = 'name_normalized';

/**
 * The MATCH expressions of a search: matches anywhere, matches in the product
 * name, and matches only elsewhere (producer, place, group), so relevance can
 * rank name matches first without scoring every match.
 */
export interface SearchMatch {
  anywhere: string;
  byName: string;
  elsewhereOnly: string;
}

export function searchMatch(query: string | undefined): SearchMatch | null {
  const anywhere = query ? ftsMatchExpression(query) : null;
  if (anywhere === null) return null;
  const byName = `{${NAME_COLUMN}}: (${anywhere})`;
  return { anywhere, byName, elsewhereOnly: `(${anywhere}) NOT ${byName}` };
}

/**
 * The secondary text the search index holds for a product beside its name:
 * English name, producer, place and group, folded like the query will be.
 */
export function productSearchText(parts: (string | null | undefined)[]): string {
  return foldVietnamese(parts.filter(Boolean).join(' '));
}
