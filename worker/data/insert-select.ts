import { getTableColumns, is, sql, SQL, type Placeholder } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from './db';

/**
 * INSERT … SELECT with each column's expression named rather than placed: drizzle lists every
 * column of the table in its own order, so the select list is built in that order from `values`
 * (keyed by column name), other columns taking their defaults. `from` is the rest of the SELECT.
 */
export function insertSelect(
  db: Database,
  table: SQLiteTable,
  values: Record<string, SQL | Placeholder | string | number | null>,
  from: SQL,
) {
  const select = Object.values(getTableColumns(table)).map((column) => {
    if (column.name in values) {
      const value = values[column.name];
      return is(value, SQL) ? value : sql`${value}`;
    }
    if (is(column.default, SQL)) return column.default;
    if (typeof column.default === 'boolean') return sql.raw(column.default ? '1' : '0');
    return column.default === undefined ? sql`NULL` : sql`${column.default}`;
  });
  return db.insert(table).select(sql`SELECT ${sql.join(select, sql`, `)} ${from}`);
}

/** A field of the row `json_each` walks: value ->> 'name'. */
export const jsonField = (name: string) => sql`value ->> ${sql.raw(`'${name.replace(/'/g, "''")}'`)}`;
