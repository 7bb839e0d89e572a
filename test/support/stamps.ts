/**
 * Stamps to scan: a product with a GTIN or a trace code, a lot with its traceability events, and
 * a batch issued (and activated, unless asked not to) through the real stamp-batch data layer.
 * Every builder makes its own unique codes, as storage is shared by the tests of a file.
 */
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { products, salesPointProducts, salesPoints, stamps, traceEvents } from '../../db/schema';
import { activateStamps, voidStamps } from '../../worker/data/stamp-batches';
import { createLot } from '../../worker/data/lots';
import { issueStampBatch } from '../../worker/services/stamp-batches';
import { buildStampPath, type StampIdentity } from '../../worker/domain/digital-link';
import { gtinCheckDigit, toGtin14 } from '../../worker/domain/gtin';
import { randomPrivateIp } from './browser-session';
import { createProduct, testDb, uniqueSuffix, type ProductSpec } from './factories';

const randomDigits = (count: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) => String(byte % 10)).join('');

/** A GTIN-13 with a valid check digit that no other test uses (in the 200-299 in-store range). */
export function uniqueGtin(): string {
  const body = `2${randomDigits(11)}`;
  return `${body}${gtinCheckDigit(body)}`;
}

const alphanumeric = (length: number) => crypto.randomUUID().replace(/-/g, '').slice(0, length).toUpperCase();

export const uniqueLotCode = () => alphanumeric(10);
export const uniqueTraceCode = () => `T${alphanumeric(9)}`;

export interface StampedProductSpec extends ProductSpec {
  /** 'gtin' (the default) prints Digital Link paths; 'trace' prints /T/{trace code}/{serial}. */
  identifiedBy?: 'gtin' | 'trace';
}

export interface LotSpec {
  productionDate?: string | null;
  bestBefore?: string | null;
}

const EVENTS_PER_INSERT = 10;

export interface EventSpec {
  eventType: (typeof traceEvents.$inferInsert)['eventType'];
  occurredAt?: string;
  isPublic?: boolean;
  description?: string;
  actor?: string;
  provinceCode?: string;
  placeText?: string;
  reportUrl?: string;
}

/** A product with its identifier and a lot of it. */
export async function createStampedLot(spec: StampedProductSpec = {}, lot: LotSpec = {}) {
  const db = testDb();
  const product = await createProduct(spec);
  const kind = spec.identifiedBy ?? 'gtin';
  // Stored as the platform stores every GTIN: GTIN-14 (worker/domain/gtin.ts toGtin14).
  const gtin = kind === 'gtin' ? toGtin14(uniqueGtin()) : null;
  const traceCode = kind === 'trace' ? uniqueTraceCode() : null;
  await db.update(products).set({ gtin, traceCode }).where(eq(products.id, product.id));
  const lotCode = uniqueLotCode();
  const lotId = await createLot(db, {
    productId: product.id,
    lotCode,
    productionDate: lot.productionDate === undefined ? '2026-01-10' : lot.productionDate,
    bestBefore: lot.bestBefore === undefined ? '2027-01-10' : lot.bestBefore,
  });
  return { product, gtin, traceCode, lotCode, lotId };
}

export type StampedLot = Awaited<ReturnType<typeof createStampedLot>>;

/** Traceability events on a lot, as the producer portal records them. */
export async function addEvents(lot: StampedLot, events: EventSpec[]) {
  const rows = events.map((event, i) => ({
    lotId: lot.lotId,
    eventType: event.eventType,
    occurredAt: event.occurredAt ?? `2026-01-${String(10 + i).padStart(2, '0')}T02:00:00.000Z`,
    isPublic: event.isPublic ?? true,
    description: event.description ?? null,
    actor: event.actor ?? null,
    provinceCode: event.provinceCode ?? null,
    placeText: event.placeText ?? null,
    reportUrl: event.reportUrl ?? null,
  }));
  // D1 binds at most 100 parameters a statement.
  for (let start = 0; start < rows.length; start += EVENTS_PER_INSERT) {
    await testDb()
      .insert(traceEvents)
      .values(rows.slice(start, start + EVENTS_PER_INSERT));
  }
}

/** A sales point stocking the lot's product. */
export async function addSalesPoint(lot: StampedLot, name = `Cửa hàng OCOP ${uniqueSuffix()}`) {
  const db = testDb();
  const [point] = await db
    .insert(salesPoints)
    .values({ slug: `sales-point-${uniqueSuffix()}`, name, kind: 'ocop_centre', provinceCode: '75' })
    .returning({ id: salesPoints.id });
  await db.insert(salesPointProducts).values({ salesPointId: point!.id, productId: lot.product.id });
  return name;
}

export interface BatchSpec {
  quantity?: number;
  withPin?: boolean;
  /** False leaves the stamps 'issued'. */
  activate?: boolean;
}

/** A batch of stamps on the lot, with the path printed on each and, with PINs, the PIN under its silver layer. */
export async function issueStamps(lot: StampedLot, spec: BatchSpec = {}) {
  const db = testDb();
  const issued = await issueStampBatch(
    { db, env },
    {
      lotId: lot.lotId,
      quantity: spec.quantity ?? 3,
      withPin: spec.withPin ?? false,
      labelsPerSheet: 10,
      issuedBy: null,
    },
  );
  if (spec.activate ?? true) await activateStamps(db, { batchId: issued.batchId, actorUserId: null });
  const printed = issued.stamps.map((stamp) => ({
    serial: stamp.serial,
    pin: stamp.pin ?? null,
    path: stampPath(lot, stamp.serial),
  }));
  return { batchId: issued.batchId, stamps: printed };
}

/** The path printed in a stamp's QR code, upper case. */
export function stampPath(lot: Pick<StampedLot, 'gtin' | 'traceCode' | 'lotCode'>, serial: string): string {
  const identity: StampIdentity = lot.gtin
    ? { kind: 'gtin', gtin: lot.gtin, lot: lot.lotCode, serial }
    : { kind: 'trace', traceCode: lot.traceCode!, serial };
  return buildStampPath(identity);
}

/** One active stamp (with a PIN when asked) on a fresh product and lot: the usual start of a scan test. */
export async function activeStamp(spec: StampedProductSpec & { withPin?: boolean } = {}) {
  const lot = await createStampedLot(spec);
  const { batchId, stamps: issued } = await issueStamps(lot, { quantity: 1, withPin: spec.withPin ?? false });
  const stamp = issued[0]!;
  const [row] = await testDb().select({ id: stamps.id }).from(stamps).where(eq(stamps.serial, stamp.serial));
  return { lot, batchId, stampId: row!.id, lotCode: lot.lotCode, ...stamp };
}

export async function voidStamp(batchId: number, serial: string) {
  const result = await voidStamps(testDb(), { batchId, serials: [serial], actorUserId: null });
  if (!('voided' in result) || result.voided !== 1) throw new Error(`stamp ${serial} not voided`);
}

/** A phone's browser: a User-Agent, a place (Cloudflare's request.cf), an IP address and a cookie jar. */
export const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36';

export interface PhoneSpec {
  /** ISO 3166-2:VN subdivision code as Cloudflare reports it, e.g. "SG" (TP. Hồ Chí Minh), "39" (Đồng Nai). */
  regionCode?: string;
  /** Where Cloudflare places the phone's address (request.cf latitude and longitude, sent as text). */
  location?: { latitude: number; longitude: number };
  userAgent?: string;
  ip?: string;
}

export class Phone {
  private readonly cookies = new Map<string, string>();
  readonly ip: string;

  constructor(private readonly spec: PhoneSpec = {}) {
    // An address of its own: phones sharing one would share their rate-limit counters.
    this.ip = spec.ip ?? randomPrivateIp();
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cf-connecting-ip', this.ip);
    if (!headers.has('user-agent')) headers.set('user-agent', this.spec.userAgent ?? ANDROID_CHROME);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const { regionCode, location } = this.spec;
    const cf =
      regionCode || location
        ? {
            country: 'VN',
            ...(regionCode && { regionCode }),
            ...(location && { latitude: String(location.latitude), longitude: String(location.longitude) }),
          }
        : undefined;
    const response = await exports.default.fetch(
      new Request(`http://localhost${path}`, { ...init, headers, redirect: 'manual', cf } as RequestInit),
    );
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    return response;
  }

  /** Opens the stamp page as a browser does. */
  open(path: string) {
    return this.request(path, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  }

  /** A beacon as navigator.sendBeacon sends it; `fields` as the page's script names them (path, token). */
  beacon(path: string, headers: Record<string, string> = {}, token?: string) {
    return this.request('/scans', {
      method: 'POST',
      body: new URLSearchParams(token === undefined ? { path } : { path, token }),
      headers: { 'Sec-Fetch-Site': 'same-origin', ...headers },
    });
  }

  /** Opens the page and sends the beacon its script would send, signed verdict included: one counted scan. */
  async scan(path: string) {
    const page = await this.open(path);
    const html = await page.clone().text();
    const beacon = await this.beacon(path, {}, beaconFields(html)?.token);
    if (beacon.status !== 204) throw new Error(`beacon answered ${beacon.status}`);
    return page;
  }

  postForm(path: string, fields: Record<string, string> | FormData) {
    const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
    return this.request(path, { method: 'POST', body, headers: { Accept: 'text/html' } });
  }
}

/** What a page's beacon script sends, read from the page; null for a page that counts no scan. */
export function beaconFields(html: string): { path: string; token?: string } | null {
  const fields = /<script type="application\/json" id="scan-beacon">(.*?)<\/script>/.exec(html)?.[1];
  return fields ? (JSON.parse(fields) as { path: string; token?: string }) : null;
}
