/**
 * `npm run db:seed -- [--persist-to DIR] [--products N] [--points N]`
 *
 * Brings a local D1 database up to date and fills it, idempotently:
 *   1. applies db/migrations (`wrangler d1 migrations apply DB --local`),
 *   2. upserts the reference data (34 provinces, 3,321 communes, OCOP groups),
 *   3. inserts the demo catalogue of db/seed/demo-data.ts where missing,
 *   4. with `--products N`, makes generated products 1..N exist (seeded PRNG:
 *      the same N always gives the same rows; a larger N adds the difference),
 *   5. with `--points N`, likewise generated sales points 1..N (point-generator.ts).
 * Running it twice adds nothing the second time. It never deletes: a smaller
 * N leaves a larger generated catalogue in place.
 *
 *   --persist-to DIR  wrangler's local state directory (default: .wrangler/state
 *                     of this repository), relative to the directory the
 *                     command was run from.
 *                     Serve the result with `wrangler dev --persist-to DIR`.
 *   --products N      generated products on top of the demo (default 0).
 *   --points N        generated sales points on top of the demo ones (default 0).
 *
 * Non-interactive (fine with CI=true and no TTY); exits non-zero on failure.
 */
import { parseSeedArgs, prepareLocalDatabase } from './local-d1';

try {
  await prepareLocalDatabase(parseSeedArgs(process.argv.slice(2)));
} catch (error) {
  console.error(error);
  process.exit(1);
}
