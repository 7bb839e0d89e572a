/**
 * Where a buyer may pick up a producer's part of an order instead of having it shipped: the active
 * sales points that list one of the producer's products, and the producer's booth at a fair running
 * today. Sales points and fairs belong to their own feature (trade promotion); this file is the one
 * place the marketplace reads them, so a change to those tables is answered here alone.
 */
import { and, asc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import {
  fairBooths,
  fairExhibitors,
  fairs,
  products,
  provinces,
  salesPointProducts,
  salesPoints,
} from '../../db/schema';
import { aliased } from './aliased';
import type { Database } from './db';

export interface PickupPlace {
  id: number;
  /** "Trung tâm OCOP Đồng Nai, 2 đường Nguyễn Văn Trị, Tỉnh Đồng Nai": what the order keeps. */
  label: string;
}

export interface PickupPlaces {
  salesPoints: PickupPlace[];
  fairBooths: PickupPlace[];
}

const joinParts = (parts: (string | null)[]) => parts.filter((part) => part && part.trim()).join(', ');

/**
 * The two statements that read pick-up places on `today` for the producers `producerIds` selects
 * (a subquery), to run in the caller's batch; toPickupPlaces reads their rows.
 */
export function pickupPlaceStatements(db: Database, producerIds: SQL, today: SQL) {
  return [
    db
      .selectDistinct({
        producerId: products.producerId,
        id: salesPoints.id,
        name: salesPoints.name,
        street: salesPoints.street,
        province: aliased(provinces.fullNameVi, 'province_name'),
      })
      .from(salesPointProducts)
      .innerJoin(products, eq(products.id, salesPointProducts.productId))
      .innerJoin(salesPoints, eq(salesPoints.id, salesPointProducts.salesPointId))
      .innerJoin(provinces, eq(provinces.code, salesPoints.provinceCode))
      .where(and(sql`${products.producerId} IN ${producerIds}`, eq(salesPoints.status, 'active')))
      .orderBy(asc(salesPoints.name)),
    db
      .select({
        producerId: fairExhibitors.producerId,
        id: fairBooths.id,
        code: fairBooths.code,
        label: fairBooths.label,
        fair: fairs.nameVi,
        venue: fairs.venue,
      })
      .from(fairExhibitors)
      .innerJoin(fairs, eq(fairs.id, fairExhibitors.fairId))
      .innerJoin(fairBooths, eq(fairBooths.id, fairExhibitors.boothId))
      .where(
        and(
          sql`${fairExhibitors.producerId} IN ${producerIds}`,
          isNotNull(fairExhibitors.boothId),
          eq(fairs.isPublished, true),
          sql`${fairs.startsOn} <= ${today}`,
          sql`${fairs.endsOn} >= ${today}`,
        ),
      )
      .orderBy(asc(fairs.endsOn), asc(fairBooths.code)),
  ] as const;
}

type PlaceRows = [
  Awaited<ReturnType<typeof pickupPlaceStatements>[0]>,
  Awaited<ReturnType<typeof pickupPlaceStatements>[1]>,
];

/** Each producer's pick-up places, every producer present (with empty lists when it has none). */
export function toPickupPlaces(producerIds: readonly number[], [points, booths]: PlaceRows): Map<number, PickupPlaces> {
  const places = new Map<number, PickupPlaces>(producerIds.map((id) => [id, { salesPoints: [], fairBooths: [] }]));
  for (const point of points) {
    places.get(point.producerId)?.salesPoints.push({
      id: point.id,
      label: joinParts([point.name, point.street, point.province]),
    });
  }
  for (const booth of booths) {
    places.get(booth.producerId)?.fairBooths.push({
      id: booth.id,
      label: joinParts([`${booth.fair}: ${booth.label ?? booth.code} (${booth.code})`, booth.venue]),
    });
  }
  return places;
}
