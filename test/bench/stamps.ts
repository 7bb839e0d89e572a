/**
 * Stamps under load, on a freshly seeded local D1:
 *
 * - issuing one batch of 100,000 stamps with scratch PINs, the largest a producer may order,
 *   through the portal's real form on `wrangler dev` (planning, PIN HMACs, D1 writes and the PIN
 *   file in R2). Target: at most 20 s.
 * - downloading the PDF of a 1,000-stamp batch with PINs through the portal's real route on
 *   `wrangler dev`, signed in as a demo producer: issue the batch with the portal form, open the
 *   batch page, fetch its short-lived link. Target: at most 3 s, judged on the slowest download.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS } from '../../db/seed/demo-accounts';
import { MAX_STAMPS_PER_BATCH } from '../../worker/domain/stamp-batch';
import { seedDatabase, startWorker } from '../browser/local-worker';

const ISSUE_TARGET_SECONDS = 20;
const PDF_TARGET_SECONDS = 3;
const PDF_STAMPS = 1_000;
/** Downloads of the same file: the first pays for loading the PDF code and the font. */
const PDF_DOWNLOADS = 5;

export async function benchStampIssuance() {
  const persistTo = await mkdtemp(join(tmpdir(), 'ocop-bench-stamps-'));
  try {
    console.log('\nStamps');
    await seedDatabase(persistTo);
    const { issuance, pdf } = await benchThroughPortal(persistTo);
    console.log('\nTargets');
    console.log(
      `  ${issuance.met ? 'met   ' : 'MISSED'} ${MAX_STAMPS_PER_BATCH}-stamp issuance ≤ ${ISSUE_TARGET_SECONDS} s: ${issuance.seconds.toFixed(2)} s`,
    );
    console.log(
      `  ${pdf.met ? 'met   ' : 'MISSED'} ${PDF_STAMPS}-stamp PDF ≤ ${PDF_TARGET_SECONDS} s: ${pdf.slowest.toFixed(2)} s (slowest of ${PDF_DOWNLOADS})`,
    );
    return { issuance, pdf };
  } finally {
    await rm(persistTo, { recursive: true, force: true });
  }
}

/** A signed-in visitor of the local worker: cookies kept by hand, redirects not followed. */
class Visitor {
  private cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    return response;
  }

  async page(path: string): Promise<string> {
    const response = await this.request(path);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return response.text();
  }

  async post(path: string, tokenPage: string, fields: Record<string, string>): Promise<string> {
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(await this.page(tokenPage))?.[1];
    if (!_csrf) throw new Error(`no CSRF token on ${tokenPage}`);
    const response = await this.request(path, { method: 'POST', body: new URLSearchParams({ _csrf, ...fields }) });
    const location = response.headers.get('location');
    if (response.status !== 303 || !location) throw new Error(`POST ${path} answered ${response.status}`);
    return location;
  }
}

async function benchThroughPortal(persistTo: string) {
  const producer = DEMO_ACCOUNTS.find((account) => account.role === 'producer_member')!;
  const worker = await startWorker({ persistTo });
  try {
    const visitor = new Visitor(worker.baseUrl);
    await visitor.post('/login', '/login', { login: producer.email, password: producer.password });
    const productId = /<select id="productId" name="productId"><option value="(\d+)"/.exec(
      await visitor.page('/portal/lots/new'),
    )?.[1];
    if (!productId) throw new Error(`${producer.email} has no product to make a lot of`);
    const newLot = async (prefix: string) => {
      const lotPath = await visitor.post('/portal/lots', '/portal/lots/new', {
        productId,
        lotCode: `${prefix}${Date.now().toString(36).toUpperCase()}`,
      });
      return /\/portal\/lots\/(\d+)/.exec(lotPath)![1]!;
    };
    const issue = (lotId: string, quantity: number) =>
      visitor.post(`/portal/lots/${lotId}/stamp-batches`, `/portal/lots/${lotId}`, {
        quantity: String(quantity),
        withPin: '1',
        sheetPreset: 'a4-40',
      });

    const bigLot = await newLot('B');
    const started = performance.now();
    await issue(bigLot, MAX_STAMPS_PER_BATCH);
    const issuedSeconds = (performance.now() - started) / 1000;
    console.log(`  ${MAX_STAMPS_PER_BATCH} stamps with PINs issued through the portal: ${issuedSeconds.toFixed(2)} s`);
    const issuance = {
      stamps: MAX_STAMPS_PER_BATCH,
      seconds: issuedSeconds,
      met: issuedSeconds <= ISSUE_TARGET_SECONDS,
    };

    const batchPath = await issue(await newLot('P'), PDF_STAMPS);
    const batchPage = await visitor.page(batchPath.split('?')[0]!);
    const link = /href="([^"]+\/files\/part-1\.pdf[^"]*)"/.exec(batchPage)?.[1]?.replaceAll('&amp;', '&');
    if (!link || batchPage.includes('part-2.pdf')) throw new Error('expected exactly one PDF part');

    const seconds: number[] = [];
    let bytes = 0;
    for (let i = 0; i < PDF_DOWNLOADS; i++) {
      const started = performance.now();
      const response = await visitor.request(link);
      const body = await response.arrayBuffer();
      seconds.push((performance.now() - started) / 1000);
      if (response.status !== 200 || response.headers.get('content-type') !== 'application/pdf') {
        throw new Error(`PDF download answered ${response.status}`);
      }
      bytes = body.byteLength;
    }
    const slowest = Math.max(...seconds);
    const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)]!;
    console.log(
      `  ${PDF_STAMPS}-stamp PDF with PINs over HTTP (${(bytes / 1024).toFixed(0)} KiB): first ${seconds[0]!.toFixed(2)} s, median ${median.toFixed(2)} s, slowest ${slowest.toFixed(2)} s`,
    );
    return {
      issuance,
      pdf: { stamps: PDF_STAMPS, seconds, median, slowest, bytes, met: slowest <= PDF_TARGET_SECONDS },
    };
  } finally {
    await worker.stop();
  }
}
