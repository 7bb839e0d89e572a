import { sql, type AnyColumn } from 'drizzle-orm';

/**
 * A column under its own name in the result. Inside db.batch, D1 hands rows back keyed by column
 * name, so two joined tables' `id` (or `name`) columns would overwrite each other.
 */
export const aliased = <T extends AnyColumn>(column: T, alias: string) =>
  sql<T['_']['data']>`${column}`.mapWith(column).as(alias);
