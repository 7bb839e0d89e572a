import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * The rows `from` (a FROM … clause) selects, as one JSON array column of the
 * statement it sits in, decoded back to the columns' own types. A statement of
 * a D1 batch costs time of its own, so a page's small lists ride along with
 * its main row instead of being statements of their own.
 */
export function jsonRows<T extends Record<string, AnyColumn>>(columns: T, from: SQL) {
  const entries = Object.entries(columns);
  const object = sql.join(
    entries.map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`),
    sql`, `,
  );
  return sql`(SELECT json_group_array(json(row)) FROM (SELECT json_object(${object}) AS row ${from}))`.mapWith(
    (value: string) =>
      (JSON.parse(value) as Record<string, unknown>[]).map((row) =>
        Object.fromEntries(
          entries.map(([key, column]) => [key, row[key] === null ? null : column.mapFromDriverValue(row[key])]),
        ),
      ) as { [K in keyof T]: T[K]['_']['data'] | (T[K]['_']['notNull'] extends true ? never : null) }[],
  );
}
