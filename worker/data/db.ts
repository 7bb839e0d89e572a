import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';

const clients = new WeakMap<D1Database, ReturnType<typeof newClient>>();

const newClient = (d1: D1Database) => drizzle(d1, { schema });

/**
 * The drizzle client of a D1 binding; every data function takes it as its first argument. It is
 * made once per binding (so once per isolate) because drizzle builds its relational schema
 * config anew for every client, which cost about 8 % of a page's CPU when done per request.
 */
export function createDb(d1: D1Database) {
  let client = clients.get(d1);
  if (!client) {
    client = newClient(d1);
    clients.set(d1, client);
  }
  return client;
}

export type Database = ReturnType<typeof createDb>;
