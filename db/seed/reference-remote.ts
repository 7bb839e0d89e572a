/**
 * `npm run db:reference -- --remote` loads the reference data (provinces,
 * communes, OCOP groups) into the deployed D1 database, as upserts: run it
 * after the first `wrangler d1 migrations apply DB --remote` and after every
 * `npm run db:import-units`. `--local` does the same against the local database.
 *
 * The statements are the seeder's own (db/seed/reference.ts) with their
 * parameters written in, so `wrangler d1 execute --file` can send them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../schema';
import { sqlLiteral } from './bulk';
import { referenceStatements } from './reference';

const target = process.argv[2];
if (target !== '--remote' && target !== '--local') {
  console.error('usage: npm run db:reference -- --remote | --local');
  process.exit(2);
}

// A client that is never connected: it only renders statements to SQL text.
const db = drizzle({} as D1Database, { schema });
const lines = referenceStatements(db).map((statement) => {
  const { sql, params } = statement.toSQL();
  let next = 0;
  return `${sql.replace(/\?/g, () => sqlLiteral(params[next++] as string | number | null))};`;
});

const file = join(mkdtempSync(join(tmpdir(), 'ocop-reference-')), 'reference.sql');
writeFileSync(file, `${lines.join('\n')}\n`);
const result = spawnSync('npx', ['wrangler', 'd1', 'execute', 'DB', target, '--file', file, '--yes'], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
