/**
 * Fairs for tests, written through the data layer as staff would leave them: a fair with zones,
 * booth types and booths, published or not, and exhibitors accepted into booths with products.
 */
import { and, eq } from 'drizzle-orm';
import { fairExhibitors, users } from '../../db/schema';
import {
  addExhibitor,
  applyToFair,
  findBooth,
  findFairForEdit,
  insertFair,
  setFairPublished,
  type FairValues,
} from '../../worker/data/fairs';
import { fairFloorFromForm } from '../../worker/domain/fair-form';
import { addDays } from '../../worker/domain/iso-date';
import { createUser, testDb, today, uniqueSuffix } from './factories';

export const FLOOR = {
  zones: 'ocop | Khu sản phẩm OCOP | OCOP products\nam_thuc | Khu ẩm thực | Food court',
  boothTypes:
    'tieu_chuan | Gian tiêu chuẩn | Standard booth | 3x3 | 1.500.000\ndoi | Gian đôi | Double booth | 6x3 | 2.800.000',
  booths: 'ocop | tieu_chuan | A01..A08\nam_thuc | doi | F1, F2',
};

export interface FairSpec extends Partial<FairValues> {
  published?: boolean;
  floor?: { zones?: string; boothTypes?: string; booths?: string };
}

/** One staff member per file's storage: files share this module but each starts on an empty database. */
let staffId: number | undefined;
async function staff() {
  const known = staffId === undefined ? [] : await testDb().select().from(users).where(eq(users.id, staffId));
  if (known[0]?.role !== 'staff') staffId = (await createUser('staff')).id;
  return { userId: staffId! };
}

/** A fair (running today by default) with two zones, two booth types and ten booths. */
export async function createFair(spec: FairSpec = {}) {
  const suffix = uniqueSuffix();
  const { published = true, floor: typed = FLOOR, ...overrides } = spec;
  const floor = fairFloorFromForm(typed);
  if (!floor.ok) throw new Error(`bad test floor: ${JSON.stringify(floor.problems)}`);
  const values: FairValues = {
    kind: 'trade_fair',
    nameVi: `Hội chợ OCOP thử ${suffix}`,
    nameEn: `Test OCOP fair ${suffix}`,
    descriptionVi: 'Gian hàng OCOP và đặc sản vùng miền.',
    descriptionEn: 'OCOP booths and regional specialties.',
    provinceCode: '75',
    communeCode: '26068',
    venue: 'Quảng trường tỉnh Đồng Nai',
    street: '1 đường Nguyễn Ái Quốc',
    latitude: 10.9574,
    longitude: 106.8427,
    organiser: 'Sở Công Thương tỉnh Đồng Nai',
    startsOn: today(),
    endsOn: addDays(today(), 4),
    dailyOpens: '08:00',
    dailyCloses: '22:00',
    applicationsOpenOn: null,
    applicationsCloseOn: null,
    zones: floor.floor.zones,
    boothTypes: floor.floor.boothTypes,
    ...overrides,
  };
  const actor = await staff();
  const { id, slug } = await insertFair(testDb(), actor, values, floor.floor.booths);
  if (published) await setFairPublished(testDb(), actor, (await findFairForEdit(testDb(), id))!.fair, true);
  return { id, slug, values };
}

/** A fair taking applications today: window from yesterday to the day before the fair. */
export const openFair = (spec: FairSpec = {}) =>
  createFair({
    startsOn: addDays(today(), 10),
    endsOn: addDays(today(), 12),
    applicationsOpenOn: addDays(today(), -1),
    applicationsCloseOn: addDays(today(), 9),
    ...spec,
  });

/** An exhibitor accepted into `boothCode` with `productIds`, as staff adding it directly. */
export async function placeExhibitor(fairId: number, producerId: number, boothCode: string, productIds: number[]) {
  const booth = await findBooth(testDb(), fairId, boothCode);
  if (!booth) throw new Error(`no booth ${boothCode}`);
  await addExhibitor(testDb(), await staff(), fairId, producerId, booth, productIds);
}

/** An application waiting for a decision, with its exhibitor row id. */
export async function application(fairId: number, producerId: number, productIds: number[]) {
  await applyToFair(testDb(), await staff(), fairId, producerId, { productIds, note: null });
  const [row] = await testDb()
    .select({ id: fairExhibitors.id })
    .from(fairExhibitors)
    .where(and(eq(fairExhibitors.fairId, fairId), eq(fairExhibitors.producerId, producerId)));
  return row!.id;
}
