/** Writes to products and their catalogue fields. Reads for pages live in catalogue.ts. */
import { eq, sql, type SQL } from 'drizzle-orm';
import { certifications, producers, products } from '../../db/schema';
import { MIN_CERTIFIED_STARS } from '../domain/certification';
import { foldVietnamese, productSearchText } from '../domain/text';
import type { Database } from './db';

export type NewProducer = Omit<typeof producers.$inferInsert, 'nameNormalized'>;
/** A product to insert; its producer may be an id or a SQL lookup of a producer written in the same batch. */
export type NewProduct = Omit<typeof products.$inferInsert, 'nameNormalized' | 'searchText' | 'producerId'> & {
  producerId: number | SQL;
};

export function insertProducer(db: Database, producer: NewProducer) {
  return db
    .insert(producers)
    .values({ ...producer, nameNormalized: foldVietnamese(producer.name) })
    .returning({ id: producers.id });
}

/** The names around a product that its search text includes. */
export interface SearchContext {
  producerName: string;
  provinceName: string;
  groupName: string;
}

/** Insert a product with the folded name and search text the FTS index reads. */
export function insertProduct(db: Database, product: NewProduct, context: SearchContext) {
  const searchText = productSearchText([product.nameEn, context.producerName, context.provinceName, context.groupName]);
  return db
    .insert(products)
    .values({ ...product, nameNormalized: foldVietnamese(product.nameVi), searchText })
    .returning({ id: products.id });
}

/**
 * Keep the catalogue fields of products (certification_id, ocop_stars,
 * certified_until) equal to their latest certification of 3 stars or more
 * that was not superseded; stars and date stay empty unless it is active.
 * A statement, so callers put it in the same batch as the change that needs it.
 */
export function refreshCatalogueFieldsWhere(db: Database, where: SQL) {
  const latest = sql`FROM ${certifications}
    WHERE ${certifications.productId} = ${products.id}
      AND ${certifications.status} != 'superseded'
      AND ${certifications.stars} >= ${MIN_CERTIFIED_STARS}
    ORDER BY ${certifications.decisionDate} DESC, ${certifications.id} DESC LIMIT 1`;
  return db
    .update(products)
    .set({
      certificationId: sql`(SELECT ${certifications.id} ${latest})`,
      ocopStars: sql`(SELECT CASE WHEN ${certifications.status} = 'active' THEN ${certifications.stars} END ${latest})`,
      certifiedUntil: sql`(SELECT CASE WHEN ${certifications.status} = 'active' THEN ${certifications.validUntil} END ${latest})`,
      updatedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    })
    .where(where);
}

export const refreshCatalogueFields = (db: Database, productId: number) =>
  refreshCatalogueFieldsWhere(db, eq(products.id, productId));
