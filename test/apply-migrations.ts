import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createDb } from '../worker/data/db';
import { referenceSql } from './support/reference-sql';

// Setup files run before each test file. The files of the project share one runtime, so the
// storage the previous file left (D1, R2, the Cache API) is deleted first: every file starts
// from the migrated schema and the reference data, and nothing else.
await reset();
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await env.DB.exec(referenceSql(createDb(env.DB)));
