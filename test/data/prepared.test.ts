import { eq, sql } from 'drizzle-orm';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { communes, products, salesPoints } from '../../db/schema';
import { aliased } from '../../worker/data/aliased';
import { flatRowReader, opaquePlaceholder } from '../../worker/data/prepared';
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

describe('opaquePlaceholder', () => {
  it('still lets SQLite find the row through the index', async () => {
    const db = testDb();
    const point = await createSalesPoint();
    const query = db
      .select({ id: salesPoints.id })
      .from(salesPoints)
      .where(eq(salesPoints.slug, opaquePlaceholder('slug')))
      .prepare();
    expect(await query.all({ slug: point.slug })).toEqual([{ id: point.id }]);
    const { sql: text } = query.getQuery();
    expect(text).toContain('= +?');
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${text}`).bind(point.slug).raw();
    expect(plan.map((row) => String(row.at(-1)))).toEqual([
      expect.stringMatching(/^SEARCH sales_points USING (COVERING )?INDEX sales_points_slug_unique \(slug=\?\)/),
    ]);
  });

  it('keeps the search of a product by id on its primary key', async () => {
    const query = testDb()
      .select({ id: products.id })
      .from(products)
      .where(eq(products.id, opaquePlaceholder('id')))
      .prepare();
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.getQuery().sql}`).bind(1).raw();
    expect(plan.map((row) => String(row.at(-1)))).toEqual([
      expect.stringMatching(/^SEARCH products USING INTEGER PRIMARY KEY/),
    ]);
  });
});
