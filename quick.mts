import autocannon from 'autocannon';
import { startWorker } from './test/browser/local-worker';
const paths = process.argv.slice(2);
const cache = process.env.CACHE === '1';
const worker = await startWorker({ persistTo: '/tmp/ocop-bench-100000-points-10000', vars: cache ? {} : { CATALOGUE_CACHE_SECONDS: '0' } });
const run = async (path: string) => {
  for (let i = 0; i < 100; i++) await (await fetch(worker.baseUrl + path)).arrayBuffer();
  const r = await autocannon({ url: worker.baseUrl + path, connections: 20, duration: 5 });
  return r.requests.average;
};
try {
  const ref = process.env.REF ?? '/health/db';
  for (const path of paths) {
    const before = await run(ref);
    const value = await run(path);
    const after = await run(ref);
    console.log(`${path}: ${value.toFixed(0)} req/s, ref ${before.toFixed(0)}/${after.toFixed(0)}, ratio ${(value / ((before + after) / 2)).toFixed(2)}`);
  }
} finally { await worker.stop(); }
