import { sql } from 'drizzle-orm';
import { provinces } from '../../db/schema';
import type { Database } from './db';

/** The cheapest real query: one indexed row. The benchmark's floor route times one D1 round trip with it. */
export async function pingDatabase(db: Database): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(provinces)
    .limit(1);
  return rows.length === 1;
}
