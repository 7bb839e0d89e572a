/**
 * Multi-row INSERT statements with the values written into the SQL text.
 * D1 binds at most 100 parameters per statement, which would cap a products
 * insert at five rows; literals let one statement carry hundreds of rows, up
 * to D1's 100 KB statement limit. Only the seeders use this, on values they
 * generate themselves.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/** Under D1's 100 KB per statement, with room for the column list. */
const MAX_STATEMENT_BYTES = 90_000;

type Literal = string | number | boolean | null | undefined;

const utf8 = new TextEncoder();

export function sqlLiteral(value: Literal): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as an SQL literal`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * INSERT statements for `rows`, each as large as the statement limit allows.
 * Every row must set the same columns (those of the first row); a column the
 * first row leaves out keeps its database default.
 */
export function literalInserts<T extends SQLiteTable>(table: T, rows: T['$inferInsert'][]): SQL[] {
  const first = rows[0];
  if (!first) return [];
  const columns = getTableColumns(table);
  const keys = Object.keys(first) as (keyof typeof first & string)[];
  const head = `INSERT INTO "${getTableName(table)}" (${keys.map((key) => `"${columns[key]!.name}"`).join(', ')}) VALUES `;

  const statements: SQL[] = [];
  let tuples: string[] = [];
  let bytes = 0;
  for (const row of rows) {
    const tuple = `(${keys.map((key) => sqlLiteral(row[key] as Literal)).join(', ')})`;
    const size = utf8.encode(tuple).length + 2;
    if (tuples.length > 0 && bytes + size > MAX_STATEMENT_BYTES) {
      statements.push(sql.raw(head + tuples.join(', ')));
      tuples = [];
      bytes = 0;
    }
    tuples.push(tuple);
    bytes += size;
  }
  statements.push(sql.raw(head + tuples.join(', ')));
  return statements;
}
