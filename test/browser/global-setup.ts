/**
 * Serves the worker on demo data for the browser tests: a fresh persist dir,
 * migrations and the demo seed, then `wrangler dev` until the run ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedDatabase, startWorker } from './local-worker';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const persistTo = await mkdtemp(join(tmpdir(), 'ocop-browser-'));
  try {
    await seedDatabase(persistTo);
    const worker = await startWorker({ persistTo });
    project.provide('baseUrl', worker.baseUrl);
    return async () => {
      await worker.stop();
      await rm(persistTo, { recursive: true, force: true });
    };
  } catch (error) {
    await rm(persistTo, { recursive: true, force: true });
    throw error;
  }
}
