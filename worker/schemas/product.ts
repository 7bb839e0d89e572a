/** JSON shapes of catalogue resources in the public API. */
import { z } from '@hono/zod-openapi';
import { certificationLevels, certificationStatuses, criteriaVersions, producerKinds } from '../../db/schema';
import { catalogueGroupCodes } from '../domain/catalogue';

const localised = z.object({ vi: z.string(), en: z.string().nullable() });

export const productSummarySchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    url: z.string().url(),
    name: localised,
    price: z.number().int().nullable().openapi({ description: 'Price in đồng (integer).', example: 150000 }),
    stock: z.number().int(),
    unit: z.string(),
    stars: z.number().int().min(3).max(5),
    certified_until: z.string().openapi({ example: '2027-06-30' }),
    province_code: z.string(),
    group: z.enum(catalogueGroupCodes),
    producer: z.object({ name: z.string(), slug: z.string() }),
    image_url: z.string().nullable(),
  })
  .openapi('ProductSummary');

export const productListSchema = z
  .object({
    data: z.array(productSummarySchema),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int().openapi({ description: 'Matching products, counted up to 1,000.' }),
    total_capped: z.boolean().openapi({ description: 'True when there are 1,000 matches or more.' }),
    page_count: z.number().int(),
  })
  .openapi('ProductList');

export const certificationSchema = z
  .object({
    stars: z.number().int(),
    score: z.number(),
    criteria_version: z.enum(criteriaVersions),
    level: z.enum(certificationLevels),
    decision_number: z.string(),
    decision_date: z.string(),
    issuing_body: z.string(),
    valid_until: z
      .string()
      .nullable()
      .openapi({ description: 'Last valid day; null for a 1 or 2 star result, which certifies nothing.' }),
    status: z.enum([...certificationStatuses, 'not_certified']).openapi({
      description:
        'Status as of today: a past valid_until reads as expired; a 1 or 2 star result is not_certified (never active), unless revoked.',
    }),
    status_reason: z.string().nullable(),
  })
  .openapi('Certification');

export const productDetailSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    url: z.string().url(),
    name: localised,
    description: localised,
    story: localised,
    price: z.number().int().nullable(),
    stock: z.number().int(),
    unit: z.string(),
    gtin: z.string().nullable(),
    group: z.object({ code: z.enum(catalogueGroupCodes), criteria_version: z.enum(criteriaVersions), name: localised }),
    subgroup: z.object({ id: z.string(), name: localised }).nullable(),
    listed: z.boolean().openapi({ description: 'Whether the public catalogue lists the product today.' }),
    standing: z.object({
      state: z.enum(['certified', 'lapsed', 'uncertified']),
      reason: z.enum(['expired', 'revoked']).nullable(),
      since: z.string().nullable(),
      certification: certificationSchema.nullable(),
    }),
    certification_history: z.array(certificationSchema),
    variants: z.array(
      z.object({
        id: z.number().int(),
        label: localised,
        price: z.number().int(),
        stock: z.number().int(),
        gtin: z.string().nullable(),
      }),
    ),
    images: z.array(z.object({ url: z.string(), alt: localised })),
    producer: z.object({
      name: z.string(),
      slug: z.string(),
      kind: z.enum(producerKinds),
      province_code: z.string(),
      commune_code: z.string().nullable(),
    }),
    sales_points: z.array(
      z.object({ slug: z.string(), name: z.string(), province_code: z.string(), address: z.string().nullable() }),
    ),
  })
  .openapi('ProductDetail');

export const provinceSchema = z
  .object({ code: z.string(), slug: z.string(), name: localised, full_name: localised })
  .openapi('Province');

export const groupSchema = z
  .object({
    id: z.string(),
    code: z.enum(catalogueGroupCodes),
    criteria_version: z.enum(criteriaVersions),
    name: localised,
    subgroups: z.array(z.object({ id: z.string(), parent_id: z.string().nullable(), name: localised })),
  })
  .openapi('ProductGroup');
