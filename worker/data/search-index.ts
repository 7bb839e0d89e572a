/**
 * The FTS5 table created by db/migrations/0001_search_index.sql. It is
 * declared here, outside db/schema.ts, so drizzle-kit does not try to create
 * it as an ordinary table; the data layer only reads it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

export const productsFts = sqliteTable('products_fts', {
  rowid: integer('rowid').notNull(),
});

export const ftsMatches = (expression: string | SQL) => sql`products_fts MATCH ${expression}`;
