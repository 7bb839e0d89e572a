/** Response shapes of GET /api/v1/fairs and /api/v1/fairs/{id}. */
import { z } from '@hono/zod-openapi';
import { FAIR_KINDS } from '../domain/fair';
import { PUBLIC_FAIR_STATUSES } from './fairs';

const names = z.object({ vi: z.string(), en: z.string().nullable() });

export const fairSummarySchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    url: z.string().url(),
    calendar_url: z.string().url().openapi({ description: 'The fair as an RFC 5545 calendar file.' }),
    kind: z.enum(FAIR_KINDS),
    name: names,
    status: z.enum(PUBLIC_FAIR_STATUSES).openapi({ description: 'Derived from the dates, in Vietnam time.' }),
    starts_on: z.string().openapi({ description: 'First day (Vietnam date).', example: '2026-12-18' }),
    ends_on: z.string().openapi({ description: 'Last day, inclusive.', example: '2026-12-22' }),
    daily_hours: z
      .object({ opens: z.string(), closes: z.string() })
      .nullable()
      .openapi({ description: 'The same every day, Vietnam time (UTC+7).' }),
    applications: z
      .object({ opens_on: z.string(), closes_on: z.string() })
      .nullable()
      .openapi({ description: 'When producers may apply for a booth; null when staff add exhibitors themselves.' }),
    province_code: z.string(),
    venue: z.string(),
    address: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    organiser: z.string().nullable(),
    exhibitor_count: z.number().int(),
  })
  .openapi('FairSummary');

export const fairListSchema = z
  .object({
    data: z.array(fairSummarySchema),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
  })
  .openapi('FairList');

export const fairDetailSchema = fairSummarySchema
  .extend({
    description: z.object({ vi: z.string().nullable(), en: z.string().nullable() }),
    commune_code: z.string().nullable(),
    zones: z.array(z.object({ code: z.string(), name: names })),
    booth_types: z.array(
      z.object({
        code: z.string(),
        name: names,
        width_cm: z.number().int(),
        depth_cm: z.number().int(),
        fee_vnd: z.number().int().openapi({ description: 'Whole đồng.' }),
      }),
    ),
    booths: z.array(
      z.object({
        code: z.string(),
        zone: z.string(),
        type: z.string().nullable(),
        exhibitor: z.string().nullable().openapi({ description: "The exhibitor's producer slug; null when free." }),
      }),
    ),
    exhibitors: z.array(
      z.object({
        booth: z.string(),
        zone: z.string(),
        producer: z.object({ slug: z.string(), name: z.string(), url: z.string().url(), province_code: z.string() }),
        products: z.array(
          z.object({ slug: z.string(), url: z.string().url(), name: names, stars: z.number().int().nullable() }),
        ),
      }),
    ),
  })
  .openapi('FairDetail');
