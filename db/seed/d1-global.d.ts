/**
 * The Node-side seeding code shares worker/data/db.ts, whose `createDb` takes
 * the Workers global `D1Database`. tsconfig.node.json cannot load the whole
 * Workers runtime types (they clash with Node's and the DOM's), so only this
 * one type is made global here, from the module form of the same package.
 */
import type { D1Database as WorkersD1Database } from '@cloudflare/workers-types';

declare global {
  type D1Database = WorkersD1Database;
}
