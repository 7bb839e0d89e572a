import { sql, type Placeholder } from 'drizzle-orm';

/**
 * A LIMIT written into the statement's text instead of bound to it. Knowing the limit when it
 * compiles an ORDER BY … LIMIT, SQLite keeps only that many rows while it scans (SF_FixedLimit);
 * with a bound limit it hands every row to its sorter first. In local D1 that cost a near-me
 * search over 523 matches 0.15 ms more. The statement's text then depends on the limit: callers
 * that cache statements by shape count the limit in the shape.
 */
export function fixedLimit(rows: number): Placeholder {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`fixedLimit: ${rows} is not a row count`);
  // drizzle writes any SQL object it is given as the limit into the text; its type names only placeholders.
  return sql.raw(String(rows)) as unknown as Placeholder;
}
