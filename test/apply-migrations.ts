import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { upsertReferenceData } from '../db/seed/reference';
import { createDb } from '../worker/data/db';

// Setup files run before each test file; migrations are recorded, so they apply once per file's storage.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await upsertReferenceData(createDb(env.DB));
