import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { salesPoints } from '../../db/schema';
import { generatedPoint, seedGeneratedPoints } from '../../db/seed/point-generator';
import { isInVietnam, unitVector } from '../../worker/domain/geo';
import { openingHoursSchema } from '../../worker/domain/opening-hours';
import { salesPointKindsById } from '../../worker/data/reference';
import { testDb } from '../support/factories';
import { getJson } from '../support/http';

const generated = () => testDb().select().from(salesPoints).where(like(salesPoints.slug, '%-dbs%'));

describe('generated sales points (npm run db:seed -- --points N)', () => {
  it('writes points 1..N once, the same rows whatever N, adding only the missing ones', async () => {
    expect(await seedGeneratedPoints(testDb(), 150)).toEqual({ pointsAdded: 150, pointsKept: 0 });
    expect(await seedGeneratedPoints(testDb(), 150)).toEqual({ pointsAdded: 0, pointsKept: 150 });
    expect(await seedGeneratedPoints(testDb(), 200)).toEqual({ pointsAdded: 50, pointsKept: 150 });
    const rows = await generated();
    expect(rows).toHaveLength(200);
    expect(generatedPoint(7)).toEqual(generatedPoint(7));
    const seventh = rows.find((row) => row.slug === generatedPoint(7).slug)!;
    expect(seventh).toMatchObject({ name: generatedPoint(7).name, latitude: generatedPoint(7).latitude });
  });

  it('makes points the app would have written: in Vietnam, unit vectors in step, known kinds, valid hours and phones', async () => {
    await seedGeneratedPoints(testDb(), 200);
    const rows = await generated();
    for (const row of rows) {
      const place = { latitude: row.latitude!, longitude: row.longitude! };
      expect(isInVietnam(place), row.slug).toBe(true);
      expect(row.geoX).toBeCloseTo(unitVector(place).x, 12);
      expect(salesPointKindsById.has(row.kind), row.kind).toBe(true);
      expect(openingHoursSchema.safeParse(row.openingHours).success, row.slug).toBe(true);
      expect(row.phone).toMatch(/^\+84[35789]\d{8}$/);
    }
    const active = rows.filter((row) => row.status === 'active').length;
    expect(active / rows.length).toBeGreaterThan(0.85);
    // Every province has some, around its main city: Đồng Nai's are found near Biên Hòa.
    expect(new Set(rows.map((row) => row.provinceCode)).size).toBe(34);
    const { body } = await getJson<{ total: number }>('/api/v1/sales-points?near=10.95,106.82&radius_km=50&limit=1');
    expect(body.total).toBeGreaterThan(4);
  });
});
