import { sql } from 'drizzle-orm';
import { rateLimits } from '../../db/schema';
import { windowStart, type RateLimitRule } from '../domain/rate-limit';
import type { Database } from './db';

/**
 * Count one attempt for `key` in the current window and return the count,
 * in a single statement so concurrent attempts cannot both slip under the limit.
 */
export async function countAttempt(db: Database, key: string, rule: RateLimitRule, now: Date): Promise<number> {
  const start = windowStart(rule, now);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: start, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} = ${start} THEN ${rateLimits.count} + 1 ELSE 1 END`,
        windowStart: start,
      },
    })
    .returning({ count: rateLimits.count });
  return row?.count ?? 1;
}

/** Attempts already counted for `key` in the current window, without counting one more. */
export async function attemptsSoFar(db: Database, key: string, rule: RateLimitRule, now: Date): Promise<number> {
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key} AND ${rateLimits.windowStart} = ${windowStart(rule, now)}`);
  return row?.count ?? 0;
}

export async function clearAttempts(db: Database, key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}
