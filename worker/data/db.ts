import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';

/** One drizzle client per request; every data function takes it as its first argument. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Database = ReturnType<typeof createDb>;
