/**
 * Generated sales points for benchmarks and load tests, on top of the demo ones: `--points N`.
 *
 * Deterministic and idempotent like the catalogue generator (generator.ts): point i comes from a
 * PRNG seeded with its number, whatever N is, and is recognised by the slug suffix "-dbs0000123",
 * so a run only writes the missing numbers. Points are spread over the 34 provinces by rotation,
 * scattered up to about 40 km around the province's main city, which gives the few hundred points
 * within 50 km of a city that a dense network would have. The cities' coordinates are rounded
 * (two decimals): good for load, not for directions.
 */
import { like, sql } from 'drizzle-orm';
import { salesPoints } from '../schema';
import type { Database } from '../../worker/data/db';
import { unitVector } from '../../worker/domain/geo';
import type { OpeningHours } from '../../worker/domain/opening-hours';
import communeRows from '../reference/communes.json';
import kindFile from '../reference/sales-point-kinds.json';
import { literalInserts } from './bulk';
import { prng } from './generator';
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, MOBILE_PREFIXES } from './vocabulary';

/** Slugs carry 7 digits. */
export const MAX_GENERATED_POINTS = 9_999_999;
const POINTS_PER_BATCH = 2_000;
const SLUG_MARK = '-dbs';

/** The main city of each province (after July 2025), to two decimals. */
const PROVINCE_CENTRES: Record<string, [latitude: number, longitude: number]> = {
  '01': [21.03, 105.85],
  '04': [22.67, 106.26],
  '08': [21.82, 105.21],
  '11': [21.39, 103.02],
  '12': [22.4, 103.46],
  '14': [21.33, 103.91],
  '15': [22.48, 103.97],
  '19': [21.59, 105.85],
  '20': [21.85, 106.76],
  '22': [20.95, 107.08],
  '24': [21.19, 106.07],
  '25': [21.32, 105.4],
  '31': [20.86, 106.68],
  '33': [20.65, 106.05],
  '37': [20.25, 105.97],
  '38': [19.81, 105.78],
  '40': [18.68, 105.69],
  '42': [18.34, 105.91],
  '44': [16.75, 107.19],
  '46': [16.46, 107.59],
  '48': [16.05, 108.2],
  '51': [15.12, 108.8],
  '52': [13.98, 108.0],
  '56': [12.24, 109.19],
  '66': [12.67, 108.04],
  '68': [11.94, 108.44],
  '75': [10.95, 106.82],
  '79': [10.78, 106.7],
  '80': [11.31, 106.1],
  '82': [10.46, 105.64],
  '86': [10.25, 105.97],
  '91': [10.38, 105.44],
  '92': [10.03, 105.78],
  '96': [9.18, 105.15],
};
const PROVINCE_CODES = Object.keys(PROVINCE_CENTRES).sort();

type CommuneRow = [code: string, province: string, nameVi: string, ...rest: string[]];
const COMMUNES = new Map<string, { code: string; nameVi: string }[]>();
for (const [code, province, nameVi] of communeRows as CommuneRow[]) {
  COMMUNES.set(province, [...(COMMUNES.get(province) ?? []), { code, nameVi }]);
}

const KIND_IDS = kindFile.kinds.map((kind) => kind.id);
/** What a name starts with, by kind. */
const KIND_WORDS: Record<string, string> = {
  ocop_centre: 'Cửa hàng OCOP',
  supermarket: 'Quầy OCOP siêu thị',
  market_stall: 'Gian hàng OCOP chợ',
  tourist_site: 'Điểm bán OCOP khu du lịch',
  rest_stop: 'Điểm bán OCOP trạm dừng nghỉ',
  transport_hub: 'Quầy OCOP bến xe',
  hotel_restaurant: 'Góc OCOP nhà hàng',
  post_office: 'Quầy OCOP bưu điện',
  fair_centre: 'Gian OCOP trung tâm hội chợ',
  other: 'Điểm bán OCOP',
};

const EVERY_DAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
/** Hours as points keep them: all day, shop hours, a market's two sessions, an evening stall past midnight. */
const HOURS: OpeningHours[] = [
  [{ dayOfWeek: [...EVERY_DAY], opens: '00:00', closes: '24:00' }],
  [{ dayOfWeek: [...EVERY_DAY], opens: '07:30', closes: '21:00' }],
  [
    { dayOfWeek: [...EVERY_DAY], opens: '06:00', closes: '11:30' },
    { dayOfWeek: [...EVERY_DAY], opens: '13:30', closes: '18:00' },
    { dayOfWeek: ['PublicHolidays'], opens: '00:00', closes: '00:00' },
  ],
  [{ dayOfWeek: ['Friday', 'Saturday', 'Sunday'], opens: '18:00', closes: '00:30' }],
  [
    { dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], opens: '08:00', closes: '17:00' },
    { dayOfWeek: ['Saturday'], opens: '08:00', closes: '12:00' },
  ],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Point `number` (from 1): its row, as the data layer would write it. */
export function generatedPoint(number: number): typeof salesPoints.$inferInsert {
  const random = prng('point', number);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const provinceCode = PROVINCE_CODES[(number - 1) % PROVINCE_CODES.length]!;
  const [centreLat, centreLng] = PROVINCE_CENTRES[provinceCode]!;
  // Denser near the city: the offset's size is the square of a uniform draw, up to 0.36° (about 40 km).
  const offset = () => (random() < 0.5 ? -1 : 1) * 0.36 * random() ** 2;
  const latitude = Math.round((centreLat + offset()) * 1e5) / 1e5;
  const longitude = Math.round((centreLng + offset()) * 1e5) / 1e5;
  const commune = pick(COMMUNES.get(provinceCode)!);
  const kind = pick(KIND_IDS);
  const name = `${KIND_WORDS[kind] ?? 'Điểm bán OCOP'} ${commune.nameVi} ${number}`;
  const { x, y, z } = unitVector({ latitude, longitude });
  const roll = random();
  return {
    slug: `diem-ban-ocop${SLUG_MARK}${pad(number, 7)}`,
    name,
    kind,
    operator: `Hộ kinh doanh ${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`,
    provinceCode,
    communeCode: commune.code,
    street: `Số ${1 + Math.floor(random() * 300)}, đường ${commune.nameVi}`,
    latitude,
    longitude,
    geoX: x,
    geoY: y,
    geoZ: z,
    phone: `+84${pick(MOBILE_PREFIXES).slice(1)}${pad(Math.floor(random() * 10_000_000), 7)}`,
    openingHours: pick(HOURS),
    // Most points trade; a few have closed or still wait for staff.
    status: roll < 0.94 ? 'active' : roll < 0.97 ? 'closed' : 'proposed',
  };
}

export interface PointSeedResult {
  pointsAdded: number;
  pointsKept: number;
}

/** Makes generated points 1..`count` exist, writing only the missing ones. */
export async function seedGeneratedPoints(db: Database, count: number): Promise<PointSeedResult> {
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED_POINTS) {
    throw new Error(`the generator makes 0 to ${MAX_GENERATED_POINTS} sales points, not ${count}`);
  }
  const stored = await db
    .select({ slug: salesPoints.slug })
    .from(salesPoints)
    .where(like(salesPoints.slug, `%${SLUG_MARK}%`));
  const present = new Set(stored.map((row) => Number(row.slug.slice(-7))));
  const missing: number[] = [];
  for (let number = 1; number <= count; number++) if (!present.has(number)) missing.push(number);

  for (let start = 0; start < missing.length; start += POINTS_PER_BATCH) {
    const rows = missing.slice(start, start + POINTS_PER_BATCH).map((number) => {
      const row = generatedPoint(number);
      // Written as literal text: the column holds the JSON of the hours.
      return { ...row, openingHours: JSON.stringify(row.openingHours) as unknown as OpeningHours };
    });
    const [first, ...rest] = literalInserts(salesPoints, rows).map((statement) => db.run(statement));
    await db.batch([first!, ...rest]);
  }
  // Fresh statistics, as after any large import (README: PRAGMA optimize), so the planner picks the geo index.
  if (missing.length > 0) await db.run(sql`PRAGMA optimize`);
  return { pointsAdded: missing.length, pointsKept: count - missing.length };
}
