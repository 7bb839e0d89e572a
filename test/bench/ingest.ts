/**
 * The certification ingest under load: a 10,000-row council CSV posted to a
 * local `wrangler dev` over HTTP, the way a provincial workflow would send it,
 * then the same file again (every row unchanged). Target: at most 10 s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiTokens } from '../../db/schema';
import communes from '../../db/reference/communes.json';
import { withLocalDb } from '../../db/seed/local-d1';
import { writeCsv } from '../../worker/domain/csv';
import { RECORD_FIELDS } from '../../worker/domain/certification-record';
import { randomToken } from '../../worker/crypto/random';
import { sha256Hex } from '../../worker/crypto/digest';
import { seedDatabase, startWorker } from '../browser/local-worker';

const ROWS = 10_000;
const TARGET_SECONDS = 10;
const PRODUCTS_PER_PRODUCER = 4;
/** A share of rows breaks a rule, so the run also pays for reporting rejections. */
const REJECTED_EVERY = 50;

const groups = ['148.food', '148.beverage', '148.herbal', '148.handicraft'];

/** A council file as a province would send it: many producers, several products each, some bad rows. */
function councilCsv(runId: string): string {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const producer = Math.floor(i / PRODUCTS_PER_PRODUCER);
    const [communeCode, provinceCode] = communes[(producer * 37) % communes.length] as [string, string];
    const score = 50 + ((i * 7) % 50);
    const stars = i % REJECTED_EVERY === 0 ? 5 : Math.min(score >= 70 ? 4 : 3, 4);
    const record: Record<string, string | number> = {
      decision_number: `${1000 + i}/QĐ-UBND-${runId}`,
      decision_date: '2025-09-15',
      issuing_body: `UBND tỉnh mã ${provinceCode}`,
      level: 'provincial',
      producer_name: `HTX Sản xuất ${runId} số ${producer}`,
      producer_kind: 'cooperative',
      tax_code: String(3_600_000_000 + producer),
      province_code: provinceCode,
      commune_code: communeCode,
      product_code: `SP-${i}`,
      product_name: `Sản phẩm OCOP ${runId} số ${i}`,
      group: groups[i % groups.length]!,
      score,
      stars,
    };
    return RECORD_FIELDS.map((field) => record[field] ?? '');
  });
  return writeCsv([[...RECORD_FIELDS], ...rows]);
}

async function timedPost(url: string, secret: string, body: string) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/csv' },
    body,
    signal: AbortSignal.timeout(300_000),
  });
  const report = (await response.json()) as { summary?: Record<string, number> };
  if (!response.ok || !report.summary) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(report)}`);
  return { seconds: (performance.now() - started) / 1000, summary: report.summary };
}

export async function benchIngest() {
  const persistTo = await mkdtemp(join(tmpdir(), 'ocop-bench-ingest-'));
  try {
    console.log('\nCertification ingest');
    await seedDatabase(persistTo);
    const secret = `ocop_${randomToken()}`;
    await withLocalDb(persistTo, async (db) => {
      await db.insert(apiTokens).values({
        name: 'bench',
        prefix: secret.slice(0, 11),
        tokenHash: await sha256Hex(secret),
        scopes: ['certifications:write'],
      });
    });
    const csv = councilCsv(Date.now().toString(36));
    console.log(`  ${ROWS} rows, ${(new TextEncoder().encode(csv).byteLength / 1024 / 1024).toFixed(2)} MB`);
    const worker = await startWorker({ persistTo });
    try {
      const url = `${worker.baseUrl}/api/v1/admin/certifications`;
      const first = await timedPost(url, secret, csv);
      console.log(`  first ingest:  ${first.seconds.toFixed(2)} s ${JSON.stringify(first.summary)}`);
      const again = await timedPost(url, secret, csv);
      console.log(`  same file again: ${again.seconds.toFixed(2)} s ${JSON.stringify(again.summary)}`);
      const met = first.seconds <= TARGET_SECONDS && again.seconds <= TARGET_SECONDS;
      console.log(`\nTargets\n  ${met ? 'met   ' : 'MISSED'} ${ROWS}-row CSV ingest ≤ ${TARGET_SECONDS} s`);
      return { rows: ROWS, first, again, met };
    } finally {
      await worker.stop();
    }
  } finally {
    await rm(persistTo, { recursive: true, force: true });
  }
}
