/**
 * Demo traceability stamps, so a fresh `npm start` has scan pages to open: a lot of Bưởi da xanh
 * Bình Lợi (a GTIN product) with public events and one private note, an active batch with
 * scratch PINs (one stamp void), a batch still waiting to be activated, and a lot of Rượu Nhung
 * Hươu Sơn stamped with its trace code (no GTIN). Runs in Node and in the Workers tests.
 *
 * Idempotent: a lot is keyed by (product, lot code), its events are written only while it has
 * none, a batch is issued only while its first serial does not exist, and its stamps are then
 * activated or voided only while they are not yet. Serials and PINs are
 * fixed so `npm start` can print them; real batches get random ones (stamp-batches.ts). The PINs
 * are signed with the local key of local-secrets.ts: under another STAMP_PIN_KEYS they do not verify.
 */
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { lots, producers, products, salesPoints, stamps, traceEvents } from '../schema';
import type { Database } from '../../worker/data/db';
import { activateStamps, insertStampBatch, voidStamps } from '../../worker/data/stamp-batches';
import { createLot } from '../../worker/data/lots';
import { buildStampPath, type StampIdentity } from '../../worker/domain/digital-link';
import { pinHmac } from '../../worker/crypto/pin';
import { DEMO_PRODUCTS } from './demo-data';
import { LOCAL_SECRETS } from './local-secrets';

const LOCAL_KEY_VERSION = 1;
const LOCAL_PIN_KEY = (JSON.parse(LOCAL_SECRETS.STAMP_PIN_KEYS) as Record<string, string>)[LOCAL_KEY_VERSION]!;

type EventType = (typeof traceEvents.$inferInsert)['eventType'];

interface DemoEvent {
  eventType: EventType;
  occurredAt: string;
  /** At the producer's commune, at a demo sales point, or somewhere described in words. */
  place: { producerCommune: true } | { salesPoint: string } | { text: string };
  actor: string;
  description: string;
  reportUrl?: string;
  isPublic?: boolean;
}

interface DemoBatch {
  /** Fixed serials, in sheet order. */
  serials: string[];
  /** One PIN a serial, or none for a batch without scratch PINs. */
  pins?: string[];
  activate: boolean;
  voided?: string[];
}

interface DemoStampLot {
  product: string;
  /** Given to the product when it has none: stamps of a product without a GTIN carry it. */
  traceCode?: string;
  lotCode: string;
  productionDate: string;
  bestBefore: string;
  quantity: number;
  notes: string;
  events: DemoEvent[];
  batches: DemoBatch[];
}

export const DEMO_STAMP_LOTS: DemoStampLot[] = [
  {
    product: 'buoi-da-xanh-binh-loi',
    lotCode: 'BL2611A',
    productionDate: '2026-11-18',
    bestBefore: '2026-12-18',
    quantity: 1200,
    notes: 'Vùng trồng VietGAP số 3, thu hoạch đợt cuối năm.',
    events: [
      {
        eventType: 'commissioning',
        occurredAt: '2026-11-18T00:30:00.000Z',
        place: { producerCommune: true },
        actor: 'Tổ sản xuất số 3, HTX Bình Lợi',
        description: 'Thu hoạch 1.200 trái bưởi da xanh từ vùng trồng VietGAP số 3.',
      },
      {
        eventType: 'inspecting',
        occurredAt: '2026-11-19T03:00:00.000Z',
        place: { text: 'Phòng thử nghiệm được công nhận ISO/IEC 17025, TP. Hồ Chí Minh' },
        actor: 'Phòng thử nghiệm chất lượng nông sản',
        description: 'Dư lượng thuốc bảo vệ thực vật: đạt theo QCVN 8-2:2011/BYT.',
        reportUrl: 'https://kiem-nghiem.example/ket-qua/BL2611A',
      },
      {
        eventType: 'transformation',
        occurredAt: '2026-11-20T01:00:00.000Z',
        place: { producerCommune: true },
        actor: 'Nhà sơ chế HTX Bình Lợi',
        description: 'Phân loại, dán tem truy xuất và đóng hộp quà 2 trái.',
      },
      {
        eventType: 'shipping',
        occurredAt: '2026-11-21T00:00:00.000Z',
        place: { producerCommune: true },
        actor: 'HTX Bình Lợi',
        description: 'Giao 200 hộp cho nhà phân phối, giá sỉ 150.000 ₫ một hộp (ghi chú nội bộ).',
        isPublic: false,
      },
      {
        eventType: 'receiving',
        occurredAt: '2026-11-22T02:00:00.000Z',
        place: { salesPoint: 'trung-tam-ocop-dong-nai' },
        actor: 'Trung tâm OCOP tỉnh Đồng Nai',
        description: 'Nhận 60 hộp quà về quầy trưng bày.',
      },
    ],
    batches: [
      {
        serials: ['4QB4TSJ5R00G', '59H6R1YABXP7', '7PWNHAT63KKM', 'Q4X4CMFSSWBG', 'E94N45JFQH4M', 'RXVY910PFJSG'],
        pins: ['CHNCTCAW', 'K50749S5', 'VSQ4JSCB', 'G9YEWQ82', 'ZEQ67KJV', 'BV4VN3HZ'],
        activate: true,
        voided: ['RXVY910PFJSG'],
      },
      { serials: ['11YE9MV2G5CB', 'P1VWW6XJF30G', 'Q9WNRCNKA9CB'], activate: false },
    ],
  },
  {
    product: 'ruou-nhung-huou-son',
    traceCode: 'RNHS',
    lotCode: 'RN2410',
    productionDate: '2026-10-05',
    bestBefore: '2031-10-05',
    quantity: 300,
    notes: 'Mẻ ngâm tháng 10, chai 500 ml.',
    events: [
      {
        eventType: 'transformation',
        occurredAt: '2026-10-05T02:00:00.000Z',
        place: { producerCommune: true },
        actor: 'Xưởng rượu Sơn An',
        description: 'Ngâm nhung hươu sao tươi trong rượu nếp 29%, đóng chai 500 ml.',
      },
    ],
    batches: [{ serials: ['MNTG1PRBWF5R', '20SKCF5F8MC7'], activate: true }],
  },
];

function identityOf(lot: DemoStampLot, gtin: string | null, serial: string): StampIdentity {
  return gtin ? { kind: 'gtin', gtin, lot: lot.lotCode, serial } : { kind: 'trace', traceCode: lot.traceCode!, serial };
}

async function productOf(db: Database, lot: DemoStampLot) {
  if (lot.traceCode) {
    await db
      .update(products)
      .set({ traceCode: lot.traceCode })
      .where(and(eq(products.slug, lot.product), isNull(products.traceCode)));
  }
  const [row] = await db
    .select({
      id: products.id,
      gtin: products.gtin,
      communeCode: producers.communeCode,
      province: producers.provinceCode,
    })
    .from(products)
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(eq(products.slug, lot.product));
  if (!row) throw new Error(`demo product ${lot.product} is missing: run the demo seed first`);
  return row;
}

async function lotIdOf(db: Database, productId: number, lot: DemoStampLot): Promise<number> {
  const { lotCode, productionDate, bestBefore, quantity, notes } = lot;
  const [existing] = await db
    .select({ id: lots.id })
    .from(lots)
    .where(and(eq(lots.productId, productId), eq(lots.lotCode, lot.lotCode)));
  if (existing) return existing.id;
  return createLot(db, { productId, lotCode, productionDate, bestBefore, quantity, notes });
}

async function seedEvents(
  db: Database,
  lotId: number,
  lot: DemoStampLot,
  producer: { communeCode: string | null; province: string },
) {
  const [written] = await db.select({ n: count() }).from(traceEvents).where(eq(traceEvents.lotId, lotId));
  if ((written?.n ?? 0) > 0) return;
  const pointSlugs = lot.events.flatMap((event) => ('salesPoint' in event.place ? [event.place.salesPoint] : []));
  const points = new Map(
    pointSlugs.length === 0
      ? []
      : (
          await db
            .select({ id: salesPoints.id, slug: salesPoints.slug })
            .from(salesPoints)
            .where(inArray(salesPoints.slug, pointSlugs))
        ).map((point) => [point.slug, point.id]),
  );
  await db.insert(traceEvents).values(
    lot.events.map((event) => ({
      lotId,
      eventType: event.eventType,
      occurredAt: event.occurredAt,
      provinceCode: 'producerCommune' in event.place ? producer.province : null,
      communeCode: 'producerCommune' in event.place ? producer.communeCode : null,
      salesPointId: 'salesPoint' in event.place ? (points.get(event.place.salesPoint) ?? null) : null,
      placeText: 'text' in event.place ? event.place.text : null,
      actor: event.actor,
      description: event.description,
      reportUrl: event.reportUrl ?? null,
      isPublic: event.isPublic ?? true,
    })),
  );
}

/** Issues the batch if its first serial is not there yet, then brings its PINs and statuses to the demo's; each step is idempotent. */
async function seedBatch(db: Database, lotId: number, batch: DemoBatch) {
  const [first] = await db.select({ batchId: stamps.batchId }).from(stamps).where(eq(stamps.serial, batch.serials[0]!));
  let batchId = first?.batchId;
  if (batchId === undefined) {
    // The demo prints fixed serials and PINs, so its stamps are planned here rather than drawn at random.
    const hmacs = batch.pins
      ? await Promise.all(batch.pins.map((pin) => pinHmac(pin, LOCAL_PIN_KEY, LOCAL_KEY_VERSION)))
      : [];
    batchId = await insertStampBatch(db, {
      lotId,
      withPin: batch.pins !== undefined,
      keyVersion: LOCAL_KEY_VERSION,
      issuedBy: null,
      labelsPerSheet: batch.serials.length,
      stamps: batch.serials.map((serial, i) => ({ serial, sheetNumber: 1, pinHmac: hmacs[i] ?? null })),
      newSerials: () => {
        throw new Error('a demo serial is already taken');
      },
    });
  }
  const statuses = await db
    .select({ serial: stamps.serial, status: stamps.status })
    .from(stamps)
    .where(eq(stamps.batchId, batchId));
  if (batch.activate && statuses.some((stamp) => stamp.status === 'issued')) {
    await activateStamps(db, { batchId, actorUserId: null });
  }
  const toVoid = (batch.voided ?? []).filter(
    (serial) => statuses.find((stamp) => stamp.serial === serial)?.status !== 'void',
  );
  if (toVoid.length > 0) await voidStamps(db, { batchId, serials: toVoid, actorUserId: null });
}

/** Adds the demo lots, events and stamp batches that are missing (after seedDemo, which creates their products). */
export async function seedDemoStamps(db: Database): Promise<{ stamps: number }> {
  for (const lot of DEMO_STAMP_LOTS) {
    const product = await productOf(db, lot);
    const lotId = await lotIdOf(db, product.id, lot);
    await seedEvents(db, lotId, lot, product);
    for (const batch of lot.batches) await seedBatch(db, lotId, batch);
  }
  const serials = DEMO_STAMP_LOTS.flatMap((lot) => lot.batches.flatMap((batch) => batch.serials));
  const [stored] = await db.select({ n: count() }).from(stamps).where(inArray(stamps.serial, serials));
  return { stamps: stored?.n ?? 0 };
}

/** Lines `npm start` prints: a scan page for each state worth trying, with the PIN under one silver layer. */
export function demoStampLines(baseUrl: string): string[] {
  const url = (lot: DemoStampLot, serial: string) => {
    const gtin = DEMO_PRODUCTS.find((product) => product.slug === lot.product)?.gtin ?? null;
    return `${baseUrl}${buildStampPath(identityOf(lot, gtin, serial))}`;
  };
  const [pomelo, wine] = DEMO_STAMP_LOTS as [DemoStampLot, DemoStampLot];
  const [active, waiting] = pomelo.batches as [DemoBatch, DemoBatch];
  const lines: [string, string][] = [
    [`genuine (scratch PIN ${active.pins![0]})`, url(pomelo, active.serials[0]!)],
    ['not activated yet', url(pomelo, waiting.serials[0]!)],
    ['void', url(pomelo, active.voided![0]!)],
    ['trace code, no GTIN', url(wine, wine.batches[0]!.serials[0]!)],
  ];
  const width = Math.max(...lines.map(([label]) => label.length)) + 1;
  return lines.map(([label, link]) => `${`${label}:`.padEnd(width)} ${link}`);
}
