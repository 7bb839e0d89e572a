/**
 * Coordinates and distances for "near me". D1 has no spatial index (local D1 refuses R*Tree), so a
 * search pre-filters on indexed latitude and longitude with the bounding box of the radius, then
 * measures the great-circle distance of what is left, then orders and limits.
 */
import { z } from 'zod';

export interface LatLng {
  latitude: number;
  longitude: number;
}

export const latitudeSchema = z.number().min(-90).max(90);
export const longitudeSchema = z.number().min(-180).max(180);
export const latLngSchema = z.object({ latitude: latitudeSchema, longitude: longitudeSchema });

export type CoordinateProblem = 'format' | 'latitude_range' | 'longitude_range';

const LAT_LNG_TEXT = /^\s*([+-]?\d{1,3}(?:\.\d+)?)\s*,\s*([+-]?\d{1,3}(?:\.\d+)?)\s*$/;

/**
 * "10.9574,106.8427", the `near` parameter and what map apps copy ("10.9574, 106.8427"):
 * latitude first, decimal degrees with a point.
 */
export function parseLatLng(text: string): { ok: true; value: LatLng } | { ok: false; problem: CoordinateProblem } {
  const match = LAT_LNG_TEXT.exec(text);
  if (!match) return { ok: false, problem: 'format' };
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  if (!latitudeSchema.safeParse(latitude).success) return { ok: false, problem: 'latitude_range' };
  if (!longitudeSchema.safeParse(longitude).success) return { ok: false, problem: 'longitude_range' };
  return { ok: true, value: { latitude, longitude } };
}

/** A query parameter holding "lat,lng"; the issue's message is the problem code. */
export const latLngTextSchema = z.string().transform((text, ctx) => {
  const parsed = parseLatLng(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.problem });
  return z.NEVER;
});

/**
 * Rough boxes around Vietnam: the mainland with its coastal islands (Phú Quốc, Côn Đảo, Bạch Long
 * Vĩ), and the Hoàng Sa and Trường Sa archipelagos. They take in parts of Laos, Cambodia and the
 * sea too: the point is to catch latitude and longitude swapped, a lost minus sign or a zero left
 * in a form, not to draw borders.
 */
const VIETNAM_BOXES = [
  { south: 8.1, north: 23.5, west: 102.0, east: 109.6 },
  { south: 15.6, north: 17.2, west: 111.1, east: 112.9 },
  { south: 6.5, north: 11.6, west: 111.4, east: 116.2 },
] as const;

export const isInVietnam = ({ latitude, longitude }: LatLng): boolean =>
  VIETNAM_BOXES.some(
    (box) => box.south <= latitude && latitude <= box.north && box.west <= longitude && longitude <= box.east,
  );

/** The IUGG mean Earth radius. */
export const EARTH_RADIUS_KM = 6371.0088;

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const degrees = (radians: number) => (radians * 180) / Math.PI;

/** Great-circle distance by the haversine formula, which stays accurate for the short distances that matter here. */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLng = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Bounds for `latitude BETWEEN south AND north AND (longitude BETWEEN west AND east OR …)`. */
export interface BoundingBox {
  south: number;
  north: number;
  /** One range, or two when the box crosses the antimeridian. */
  longitudes: { west: number; east: number }[];
}

/** Widens every edge a hair so that rounding never drops a point lying exactly on the radius. */
const EDGE_MARGIN_DEGREES = 1e-9;

/**
 * The smallest latitude/longitude box holding every point within `radiusKm` of `center`
 * (J. P. Matuschek's method): longitudes widen with latitude, a circle reaching a pole takes every
 * longitude, and one crossing ±180° splits in two ranges.
 */
export function boundingBox(center: LatLng, radiusKm: number): BoundingBox {
  if (!(radiusKm >= 0) || !Number.isFinite(radiusKm)) throw new RangeError(`radius must be a distance: ${radiusKm}`);
  const angle = radiusKm / EARTH_RADIUS_KM;
  const lat = radians(center.latitude);
  const south = degrees(lat - angle) - EDGE_MARGIN_DEGREES;
  const north = degrees(lat + angle) + EDGE_MARGIN_DEGREES;
  if (south <= -90 || north >= 90) {
    return { south: Math.max(south, -90), north: Math.min(north, 90), longitudes: [{ west: -180, east: 180 }] };
  }
  const spread = degrees(Math.asin(Math.sin(angle) / Math.cos(lat))) + EDGE_MARGIN_DEGREES;
  const west = center.longitude - spread;
  const east = center.longitude + spread;
  if (west < -180)
    return {
      south,
      north,
      longitudes: [
        { west: west + 360, east: 180 },
        { west: -180, east },
      ],
    };
  if (east > 180)
    return {
      south,
      north,
      longitudes: [
        { west, east: 180 },
        { west: -180, east: east - 360 },
      ],
    };
  return { south, north, longitudes: [{ west, east }] };
}

/** Whether a point passes the box pre-filter, as the SQL condition would decide. */
export const inBoundingBox = (box: BoundingBox, { latitude, longitude }: LatLng): boolean =>
  box.south <= latitude &&
  latitude <= box.north &&
  box.longitudes.some(({ west, east }) => west <= longitude && longitude <= east);

/**
 * A distance as shown beside a place: one decimal under 10 km ("0.8 km", "3.4 km"), whole
 * kilometres from there ("12 km"), and never "0 km", which reads as "here" to someone still walking.
 */
export function displayDistanceKm(km: number): number {
  if (km < 10) return Math.max(0.1, Math.round(km * 10) / 10);
  return Math.round(km);
}

/** A point on the unit sphere: x towards 0°N 0°E, y towards 0°N 90°E, z towards the North Pole. */
export interface UnitVector {
  x: number;
  y: number;
  z: number;
}

/**
 * Latitude and longitude as a unit vector, stored beside them: the dot product of two such vectors
 * is the cosine of the angle between them, so it falls as the great-circle distance grows and SQL
 * can filter and order places by it with three multiplications, whether or not the database has
 * trigonometric functions.
 */
export function unitVector({ latitude, longitude }: LatLng): UnitVector {
  const lat = radians(latitude);
  const lng = radians(longitude);
  return { x: Math.cos(lat) * Math.cos(lng), y: Math.cos(lat) * Math.sin(lng), z: Math.sin(lat) };
}

/** The dot product of unit vectors `km` apart on the surface: the radius filter in vector terms (at least this). */
export function unitDotForKm(km: number): number {
  return Math.cos(Math.min(Math.PI, km / EARTH_RADIUS_KM));
}
