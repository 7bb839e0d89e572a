/** Sales points for tests: each with a unique slug, at a known place, with the hours a test needs. */
import { salesPointPhotos, salesPointProducts, salesPoints } from '../../db/schema';
import { unitVector } from '../../worker/domain/geo';
import type { OpeningHours } from '../../worker/domain/opening-hours';
import type { SalesPointStatus } from '../../worker/domain/sales-point';
import { testDb, uniqueSuffix } from './factories';

export const EVERY_DAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const openAllWeek: OpeningHours = [{ dayOfWeek: [...EVERY_DAY], opens: '00:00', closes: '24:00' }];

export interface PointSpec {
  name?: string;
  status?: SalesPointStatus;
  proposedByProducerId?: number | null;
  provinceCode?: string;
  communeCode?: string | null;
  kind?: string;
  latitude?: number;
  longitude?: number;
  openingHours?: OpeningHours | null;
  statusReason?: string | null;
}

/** A point in Đồng Nai (Biên Hòa by default), active and open all week unless told otherwise. */
export async function createSalesPoint(spec: PointSpec = {}) {
  const suffix = uniqueSuffix();
  const latitude = spec.latitude ?? 10.95;
  const longitude = spec.longitude ?? 106.82;
  const { x, y, z } = unitVector({ latitude, longitude });
  const [row] = await testDb()
    .insert(salesPoints)
    .values({
      slug: `diem-ban-${suffix}`,
      name: spec.name ?? `Điểm bán thử ${suffix}`,
      kind: spec.kind ?? 'ocop_centre',
      provinceCode: spec.provinceCode ?? '75',
      communeCode: spec.communeCode ?? null,
      latitude,
      longitude,
      geoX: x,
      geoY: y,
      geoZ: z,
      openingHours: spec.openingHours === undefined ? openAllWeek : spec.openingHours,
      status: spec.status ?? 'active',
      statusReason: spec.statusReason ?? null,
      proposedByProducerId: spec.proposedByProducerId ?? null,
    })
    .returning({ id: salesPoints.id, slug: salesPoints.slug, name: salesPoints.name });
  return row!;
}

export async function stockAt(salesPointId: number, productId: number, price: number | null = null) {
  await testDb().insert(salesPointProducts).values({ salesPointId, productId, price });
}

export async function photoOf(salesPointId: number) {
  const [row] = await testDb()
    .insert(salesPointPhotos)
    .values({ salesPointId, url: `/media/test-${uniqueSuffix()}.jpg`, altVi: 'Quầy hàng' })
    .returning({ id: salesPointPhotos.id });
  return row!.id;
}
