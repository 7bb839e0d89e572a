import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { communes, salesPoints } from '../../db/schema';
import { aliased } from '../../worker/data/aliased';
import { flatRowReader } from '../../worker/data/prepared';
import { testDb } from '../support/factories';
import { createSalesPoint } from '../support/sales-points';

describe('flatRowReader', () => {
  it('reads the rows drizzle maps: JSON, real, nullable join and expression columns alike', async () => {
    const db = testDb();
    const withHours = await createSalesPoint({ latitude: 10.9504, longitude: 106.8216 });
    const withoutHours = await createSalesPoint({ openingHours: null, latitude: 21.03, longitude: 105.85 });
    const fields = {
      id: salesPoints.id,
      name: salesPoints.name,
      latitude: salesPoints.latitude,
      openingHours: salesPoints.openingHours,
      communeVi: aliased(communes.fullNameVi, 'commune_vi'),
      doubled: sql<number>`${salesPoints.id} * 2`.mapWith(Number).as('doubled'),
      label: sql<string>`'điểm ' || ${salesPoints.id}`.as('label'),
    };
    const query = db
      .select(fields)
      .from(salesPoints)
      .leftJoin(communes, eq(communes.code, salesPoints.communeCode))
      .where(sql`${salesPoints.id} IN (${sql.placeholder('first')}, ${sql.placeholder('second')})`)
      .orderBy(salesPoints.id)
      .prepare();
    const values = { first: withHours.id, second: withoutHours.id };

    const read = await flatRowReader(fields)(query, values);

    expect(read).toEqual(await query.all(values));
    expect(read[0]!.openingHours).toEqual([expect.objectContaining({ opens: '00:00', closes: '24:00' })]);
    expect(read[1]!.openingHours).toBeNull();
    expect(read[1]!.communeVi).toBeNull();
  });

  it('refuses a nested selection, whose columns it could not place', () => {
    expect(() => flatRowReader({ point: { id: salesPoints.id } } as never)).toThrow(TypeError);
  });
});
