import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundingBox,
  displayDistanceKm,
  distanceKm,
  EARTH_RADIUS_KM,
  inBoundingBox,
  isInVietnam,
  latLngTextSchema,
  parseLatLng,
  type LatLng,
} from '../../worker/domain/geo';

/** City centres (the provincial People's Committees or the central square). */
const BIEN_HOA = { latitude: 10.9574, longitude: 106.8427 };
const TAY_NINH = { latitude: 11.31, longitude: 106.0983 };
const THAI_NGUYEN = { latitude: 21.5942, longitude: 105.848 };
const NINH_BINH = { latitude: 20.2506, longitude: 105.9745 };
const HA_NOI = { latitude: 21.0285, longitude: 105.8542 };
const HO_CHI_MINH_CITY = { latitude: 10.7725, longitude: 106.698 };
const CITIES = { BIEN_HOA, TAY_NINH, THAI_NGUYEN, NINH_BINH };

const byDistanceFrom = (origin: LatLng) =>
  Object.entries(CITIES)
    .sort(([, a], [, b]) => distanceKm(origin, a) - distanceKm(origin, b))
    .map(([name]) => name);

/** The point `km` from `start` on initial bearing `bearing` degrees, on the same sphere. */
function destination(start: LatLng, bearing: number, km: number): LatLng {
  const rad = Math.PI / 180;
  const angle = km / EARTH_RADIUS_KM;
  const lat1 = start.latitude * rad;
  const theta = bearing * rad;
  // atan2 rather than asin: asin of a sine near 1 loses the last metres near a pole.
  const north = Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(theta);
  const across = Math.hypot(
    Math.cos(lat1) * Math.cos(angle) - Math.sin(lat1) * Math.sin(angle) * Math.cos(theta),
    Math.sin(theta) * Math.sin(angle),
  );
  const lat2 = Math.atan2(north, across);
  // cos δ − sin φ1 sin φ2 written as cos φ1 (cos δ cos φ1 − sin δ sin φ1 cos θ), with cos φ1 cancelled: the
  // textbook form loses its sign to rounding a few metres from a pole and sends a point 0 km away to the
  // far side of it.
  const lng2 =
    start.longitude * rad +
    Math.atan2(
      Math.sin(theta) * Math.sin(angle),
      Math.cos(angle) * Math.cos(lat1) - Math.sin(angle) * Math.sin(lat1) * Math.cos(theta),
    );
  const longitude = ((((lng2 / rad + 180) % 360) + 360) % 360) - 180;
  return { latitude: lat2 / rad, longitude };
}

const point = fc.record({
  latitude: fc.double({ min: -90, max: 90, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
});

describe('distanceKm', () => {
  it('measures one degree of the equator as 111.2 km and half the globe as 20,015 km', () => {
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(111.195, 3);
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(20015.1, 1);
  });

  it('gives about 1,140 km from Hà Nội to Hồ Chí Minh City as the crow flies', () => {
    expect(distanceKm(HA_NOI, HO_CHI_MINH_CITY)).toBeGreaterThan(1135);
    expect(distanceKm(HA_NOI, HO_CHI_MINH_CITY)).toBeLessThan(1150);
  });

  it('agrees with the flat-earth approximation over the short distances a search covers', () => {
    const flat = (a: LatLng, b: LatLng) => {
      const rad = Math.PI / 180;
      const x = (b.longitude - a.longitude) * rad * Math.cos(((a.latitude + b.latitude) / 2) * rad);
      return EARTH_RADIUS_KM * Math.hypot(x, (b.latitude - a.latitude) * rad);
    };
    for (const [a, b] of [
      [BIEN_HOA, TAY_NINH],
      [BIEN_HOA, HO_CHI_MINH_CITY],
      [HA_NOI, THAI_NGUYEN],
      [HA_NOI, NINH_BINH],
    ] as const) {
      expect(distanceKm(a, b) / flat(a, b)).toBeCloseTo(1, 4);
    }
    expect(distanceKm(BIEN_HOA, TAY_NINH)).toBeCloseTo(90.2, 1);
  });

  it('orders Biên Hòa, Tây Ninh, Ninh Bình and Thái Nguyên by distance from where the visitor is', () => {
    expect(byDistanceFrom(HO_CHI_MINH_CITY)).toEqual(['BIEN_HOA', 'TAY_NINH', 'NINH_BINH', 'THAI_NGUYEN']);
    expect(byDistanceFrom(HA_NOI)).toEqual(['THAI_NGUYEN', 'NINH_BINH', 'TAY_NINH', 'BIEN_HOA']);
    expect(byDistanceFrom(NINH_BINH)).toEqual(['NINH_BINH', 'THAI_NGUYEN', 'TAY_NINH', 'BIEN_HOA']);
  });

  it('is zero to itself, symmetric and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        expect(distanceKm(a, a)).toBe(0);
        expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
        // Haversine loses precision near antipodes (asin of a value close to 1): about 1e-4 km at
        // worst, so a metre of slack, far below anything a sales point list shows.
        expect(distanceKm(a, c)).toBeLessThanOrEqual(distanceKm(a, b) + distanceKm(b, c) + 1e-3);
      }),
    );
  });
});

describe('boundingBox', () => {
  it('holds every point within the radius, anywhere on the globe', () => {
    fc.assert(
      fc.property(
        point,
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (center, radius, bearing, fraction) => {
          const inside = destination(center, bearing, radius * fraction);
          expect(inBoundingBox(boundingBox(center, radius), inside)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('holds points within the radius near the antimeridian and the poles', () => {
    const extreme = fc.record({
      latitude: fc.oneof(fc.double({ min: 85, max: 90, noNaN: true }), fc.double({ min: -90, max: -85, noNaN: true })),
      longitude: fc.oneof(
        fc.double({ min: 179, max: 180, noNaN: true }),
        fc.double({ min: -180, max: -179, noNaN: true }),
      ),
    });
    fc.assert(
      fc.property(
        extreme,
        fc.double({ min: 0, max: 800, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        (center, radius, bearing) => {
          expect(inBoundingBox(boundingBox(center, radius), destination(center, bearing, radius))).toBe(true);
        },
      ),
    );
  });

  it('is tight: its edges are the points due north, south, and at the widest east and west', () => {
    const box = boundingBox(BIEN_HOA, 50);
    expect(box.north).toBeCloseTo(destination(BIEN_HOA, 0, 50).latitude, 6);
    expect(box.south).toBeCloseTo(destination(BIEN_HOA, 180, 50).latitude, 6);
    expect(box.longitudes).toHaveLength(1);
    const widest = Math.max(...Array.from({ length: 3600 }, (_, i) => destination(BIEN_HOA, i / 10, 50).longitude));
    expect(box.longitudes[0]!.east).toBeCloseTo(widest, 5);
  });

  it('splits into two longitude ranges across the antimeridian', () => {
    const box = boundingBox({ latitude: -17.7, longitude: 179.9 }, 50);
    expect(box.longitudes).toHaveLength(2);
    expect(box.longitudes[0]).toEqual({ west: expect.closeTo(179.43, 2), east: 180 });
    expect(box.longitudes[1]).toEqual({ west: -180, east: expect.closeTo(-179.63, 2) });
    expect(inBoundingBox(box, { latitude: -17.7, longitude: -179.8 })).toBe(true);
    expect(inBoundingBox(box, { latitude: -17.7, longitude: 0 })).toBe(false);
  });

  it('takes every longitude when the circle reaches a pole', () => {
    expect(boundingBox({ latitude: 89.5, longitude: 10 }, 100)).toEqual({
      south: expect.closeTo(88.6, 1),
      north: 90,
      longitudes: [{ west: -180, east: 180 }],
    });
  });

  it('is the point itself for a radius of zero, and refuses a negative or infinite radius', () => {
    const box = boundingBox(TAY_NINH, 0);
    expect(inBoundingBox(box, TAY_NINH)).toBe(true);
    expect(box.north - box.south).toBeLessThan(1e-8);
    expect(() => boundingBox(TAY_NINH, -1)).toThrow(RangeError);
    expect(() => boundingBox(TAY_NINH, Number.NaN)).toThrow(RangeError);
    expect(() => boundingBox(TAY_NINH, Infinity)).toThrow(RangeError);
  });
});

describe('parseLatLng', () => {
  it('reads latitude then longitude, with or without a space after the comma', () => {
    expect(parseLatLng('10.9574,106.8427')).toEqual({ ok: true, value: BIEN_HOA });
    expect(parseLatLng(' 10.9574, 106.8427 ')).toEqual({ ok: true, value: BIEN_HOA });
    expect(parseLatLng('-33.8688,151.2093')).toEqual({ ok: true, value: { latitude: -33.8688, longitude: 151.2093 } });
  });

  it.each([
    ['91,0', 'latitude_range'],
    ['-90.5,0', 'latitude_range'],
    ['0,181', 'longitude_range'],
    ['10,9574', 'format'],
    ['10.9;106.8', 'format'],
    ['1e1,106', 'format'],
    ['', 'format'],
    ['Biên Hòa', 'format'],
  ])('refuses %j: %s', (text, problem) => {
    expect(parseLatLng(text)).toEqual({ ok: false, problem });
  });

  it('gives the problem code as a zod issue for a query parameter', () => {
    expect(latLngTextSchema.parse('21.0285,105.8542')).toEqual(HA_NOI);
    expect(latLngTextSchema.safeParse('0,200').error?.issues[0]?.message).toBe('longitude_range');
  });
});

describe('isInVietnam', () => {
  it('accepts the mainland, coastal islands and the archipelagos', () => {
    for (const place of [BIEN_HOA, THAI_NGUYEN, HA_NOI]) expect(isInVietnam(place)).toBe(true);
    expect(isInVietnam({ latitude: 23.3639, longitude: 105.3162 })).toBe(true); // Lũng Cú
    expect(isInVietnam({ latitude: 10.2899, longitude: 103.984 })).toBe(true); // Phú Quốc
    expect(isInVietnam({ latitude: 8.6833, longitude: 106.6 })).toBe(true); // Côn Đảo
    expect(isInVietnam({ latitude: 8.6447, longitude: 111.9203 })).toBe(true); // Trường Sa island
  });

  it('refuses swapped coordinates, a lost sign and a zero left in', () => {
    expect(isInVietnam({ latitude: BIEN_HOA.longitude, longitude: BIEN_HOA.latitude })).toBe(false);
    expect(isInVietnam({ latitude: -BIEN_HOA.latitude, longitude: BIEN_HOA.longitude })).toBe(false);
    expect(isInVietnam({ latitude: 0, longitude: 0 })).toBe(false);
    expect(isInVietnam({ latitude: 13.7563, longitude: 100.5018 })).toBe(false); // Bangkok
  });
});

describe('displayDistanceKm', () => {
  it.each([
    [0, 0.1],
    [0.04, 0.1],
    [0.84, 0.8],
    [3.45, 3.5],
    [9.94, 9.9],
    [9.96, 10],
    [12.4, 12],
    [12.5, 13],
    [150.2, 150],
  ])('shows %f km as %f', (km, shown) => {
    expect(displayDistanceKm(km)).toBe(shown);
  });

  it('never reorders two places', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        (a, b) => {
          if (a <= b) expect(displayDistanceKm(a)).toBeLessThanOrEqual(displayDistanceKm(b));
        },
      ),
    );
  });
});
