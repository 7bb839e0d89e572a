import type { Database } from './db';

/**
 * A query built and prepared once per D1 binding and then only executed: drizzle spends about
 * half a millisecond of CPU building a large statement, as long as local SQLite takes to run it.
 * The binding lives as long as the isolate, so each query is built once per isolate.
 */
export function prepared<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const byClient = new WeakMap<object, Q>();
  return (db) => {
    let query = byClient.get(db.$client);
    if (query === undefined) {
      query = build(db);
      byClient.set(db.$client, query);
    }
    return query;
  };
}
