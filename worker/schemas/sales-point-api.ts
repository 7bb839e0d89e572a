/** Response shapes of GET /api/v1/sales-points and /api/v1/sales-points/{id}. */
import { z } from '@hono/zod-openapi';

export const salesPointSummarySchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    url: z.string().url(),
    name: z.string(),
    kind: z.string().openapi({ description: 'An id of the sales point kinds (Decision 950/QĐ-BCT).' }),
    operator: z.string().nullable(),
    province_code: z.string(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    phone: z.string().nullable().openapi({ description: 'E.164.' }),
    zalo: z.string().nullable(),
    open_now: z.boolean().openapi({ description: 'Open at the time of the request, in Vietnam time.' }),
    distance_km: z.number().nullable().openapi({ description: 'Great-circle distance from `near`, when given.' }),
  })
  .openapi('SalesPointSummary');

export const salesPointListSchema = z
  .object({
    data: z.array(salesPointSummarySchema),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
  })
  .openapi('SalesPointList');

const openingHoursEntrySchema = z
  .object({
    dayOfWeek: z.array(z.string()).optional(),
    opens: z.string(),
    closes: z.string(),
    validFrom: z.string().optional(),
    validThrough: z.string().optional(),
  })
  .openapi('OpeningHoursSpecification', {
    description: 'schema.org OpeningHoursSpecification; times are Vietnam time (UTC+7).',
  });

export const salesPointDetailSchema = salesPointSummarySchema
  .omit({ distance_km: true })
  .extend({
    commune_code: z.string().nullable(),
    website: z.string().nullable(),
    opening_hours: z.array(openingHoursEntrySchema),
    photos: z.array(z.string()),
    products: z.array(
      z.object({
        slug: z.string(),
        url: z.string(),
        name: z.object({ vi: z.string(), en: z.string().nullable() }),
        stars: z.number().int(),
        price: z.number().int().nullable().openapi({ description: "The point's price in đồng, else the catalogue's." }),
        confirmed_on: z.string().nullable(),
      }),
    ),
  })
  .openapi('SalesPointDetail');
