import { desc, eq, inArray, sql } from 'drizzle-orm';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { communes, products, salesPoints } from '../../db/schema';
import { aggregatedRows } from '../../worker/data/json-rows';
import { opaquePlaceholder } from '../../worker/data/prepared';
import { testDb } from '../support/factories';
import { createSalesPoint } from '../support/sales-points';

describe('aggregatedRows', () => {
  const fields = {
    id: salesPoints.id,
    name: salesPoints.name,
    latitude: salesPoints.latitude,
    openingHours: salesPoints.openingHours,
    communeVi: communes.fullNameVi,
  };
  const query = (db: ReturnType<typeof testDb>, ids: number[], order: 'asc' | 'desc') =>
    db
      .select({
        count: sql<number>`count(*)`.mapWith(Number),
        rows: aggregatedRows(fields, sql`${salesPoints.id} ${sql.raw(order)}`),
      })
      .from(salesPoints)
      .leftJoin(communes, eq(communes.code, salesPoints.communeCode))
      .where(inArray(salesPoints.id, ids.length > 0 ? ids : [-1]));

  it('reads the rows drizzle maps, in the order asked for: JSON, real and nullable join columns alike', async () => {
    const db = testDb();
    const withHours = await createSalesPoint({ latitude: 10.9504, longitude: 106.8216, communeCode: '26068' });
    const withoutHours = await createSalesPoint({ openingHours: null, latitude: 21.03, longitude: 105.85 });
    const ids = [withHours.id, withoutHours.id];
    const mapped = await db
      .select(fields)
      .from(salesPoints)
      .leftJoin(communes, eq(communes.code, salesPoints.communeCode))
      .where(inArray(salesPoints.id, ids))
      .orderBy(desc(salesPoints.id));

    const [result] = await query(db, ids, 'desc');

    expect(result).toEqual({ count: 2, rows: mapped });
    expect(result!.rows[1]!.openingHours).toEqual([expect.objectContaining({ opens: '00:00', closes: '24:00' })]);
    expect(result!.rows[0]!.openingHours).toBeNull();
    expect(result!.rows[0]!.communeVi).toBeNull();
    expect(result!.rows[1]!.communeVi).toEqual(expect.any(String));
    expect((await query(db, ids, 'asc'))[0]!.rows.map((row) => row.id)).toEqual(ids);
  });

  it('answers one row with an empty list when nothing matched', async () => {
    expect(await query(testDb(), [], 'asc')).toEqual([{ count: 0, rows: [] }]);
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
