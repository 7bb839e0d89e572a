/**
 * Sales points: the query contract shared by GET /api/v1/sales-points and the /sales-points page
 * (both accept and refuse the same input, naming the field), and the forms staff and producers
 * fill in. The query schemas are built once per language (per-language.ts); form schemas per request
 * from the messages, like worker/schemas/portal.ts.
 */
import { perLanguage } from './per-language';
import { z } from '@hono/zod-openapi';
import type { Messages } from '../../web/messages';
import { messages } from '../../web/messages';
import { SALES_POINT_KINDS } from '../data/reference';
import { isInVietnam, parseLatLng, type LatLng } from '../domain/geo';
import { HOURS_FIELDS, openingHoursFromForm, type HoursFormValues } from '../domain/opening-hours-form';
import { parsePhone } from '../domain/phone';
import { DEFAULT_RADIUS_KM, MAX_RADIUS_KM, SALES_POINT_ACTIONS } from '../domain/sales-point';
import { salesPointStatuses } from '../../db/schema';
import { pageParam } from './admin';
import { provinceCodes } from './catalogue';
import { webUrl } from './traceability';

export const kindIds = SALES_POINT_KINDS.map((kind) => kind.id) as [string, ...string[]];
export const MAX_POINTS_PAGE = 50;
export const DEFAULT_POINTS_PAGE = 20;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** "lat,lng" checked the way the domain reads it; the message names the problem in `t`'s language. */
export const latLngField = (t: Messages) =>
  z
    .string()
    .max(60)
    .transform((text, ctx): LatLng => {
      const parsed = parseLatLng(text);
      const problem = !parsed.ok ? parsed.problem : isInVietnam(parsed.value) ? null : 'outside_vietnam';
      if (parsed.ok && problem === null) return parsed.value;
      ctx.addIssue({
        code: 'custom',
        message: t.errors.problems.coordinates_invalid({ problem: problem ?? 'format' }),
      });
      return z.NEVER;
    });

export const salesPointQuery = perLanguage((t: Messages) =>
  z.object({
    province: optional(z.enum(provinceCodes)).openapi({ description: 'Province code (2 digits).', example: '75' }),
    kind: optional(z.enum(kindIds)).openapi({
      description: 'Kind of sales point (db/reference/sales-point-kinds.json).',
      example: 'ocop_centre',
    }),
    product: optional(
      z
        .string()
        .max(200)
        .regex(/^[a-z0-9-]+$/),
    ).openapi({ description: 'Only points stocking this product (its slug).', example: 'ruou-nhung-huou-son' }),
    near: optional(latLngField(t)).openapi({
      description: 'Sort by great-circle distance from "latitude,longitude" (decimal degrees, in Vietnam).',
      example: '10.9504,106.8216',
    }),
    radius_km: optional(
      z.coerce
        .number()
        .refine(
          (value) => value > 0 && value <= MAX_RADIUS_KM,
          t.errors.problems.radius_invalid({ max: MAX_RADIUS_KM }),
        ),
    ).openapi({
      description: `With near: only points within this distance (default ${DEFAULT_RADIUS_KM}).`,
      example: 20,
    }),
    open_now: optional(z.enum(['1', 'true'])).openapi({ description: 'Only points open now (Vietnam time).' }),
    page: optional(z.coerce.number().int().min(1).max(1000)).openapi({ description: 'Page number, from 1.' }),
    limit: optional(z.coerce.number().int().min(1).max(MAX_POINTS_PAGE)).openapi({
      description: `Points per page (default ${DEFAULT_POINTS_PAGE}).`,
    }),
  }),
);

/** A page that lists points near the visitor takes the same `near` as the list page. */
export const nearQuery = perLanguage((t: Messages) => z.object({ near: optional(latLngField(t)) }));

/** The API's contract: problems worded in English, as the OpenAPI document is. */
export const salesPointQuerySchema = salesPointQuery(messages.en);
export type SalesPointQuery = z.output<typeof salesPointQuerySchema>;

export const slugParamSchema = z.object({
  id: z
    .string()
    .max(200)
    .regex(/^[a-z0-9-]+$/)
    .openapi({
      param: { name: 'id', in: 'path' },
      description: 'Numeric id or slug.',
      example: 'trung-tam-ocop-dong-nai',
    }),
});

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null);

const phoneField = (t: Messages, accepts: 'mobile' | 'any') =>
  optionalText(40).transform((value, ctx) => {
    if (value === null) return null;
    const result = parsePhone(value, accepts);
    if (result.ok) return result.e164;
    ctx.addIssue({ code: 'custom', message: t.errors.problems.phone_invalid() });
    return z.NEVER;
  });

const hoursProblem = (t: Messages, problem: { line?: number; text: string }) =>
  t.errors.problems.opening_hours_invalid({
    detail: problem.line ? `${problem.line}: ${problem.text}` : problem.text || '?',
  });

/**
 * One box of the opening hours, checked on its own, so a form names every box it cannot read
 * together with the other fields' problems; the whole week is checked again when it is put together.
 */
const hoursField = (t: Messages, max: number, asForm: (text: string) => HoursFormValues) =>
  z
    .string()
    .max(max)
    .optional()
    .superRefine((text, ctx) => {
      if (!text) return;
      const parsed = openingHoursFromForm(asForm(text));
      if (!parsed.ok)
        for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: hoursProblem(t, problem) });
    });

/** The fields of one sales point, as staff create and edit it and a producer proposes it. */
export const salesPointForm = (t: Messages) =>
  z
    .object({
      name: z.string().trim().min(1).max(200),
      kind: z.enum(kindIds),
      operator: optionalText(200),
      provinceCode: z.enum(provinceCodes),
      communeCode: optionalText(10),
      street: optionalText(300),
      location: latLngField(t),
      phone: phoneField(t, 'any'),
      zalo: phoneField(t, 'mobile'),
      website: webUrl(t),
      ...Object.fromEntries(
        HOURS_FIELDS.map((field) => [`hours${field}`, hoursField(t, 200, (text) => ({ [field]: text }))]),
      ),
      hoursExceptions: hoursField(t, 4000, (text) => ({ exceptions: text })),
    })
    .transform((form, ctx) => {
      const values: HoursFormValues = { exceptions: form.hoursExceptions as string | undefined };
      const raw = form as Record<string, unknown>;
      for (const field of HOURS_FIELDS) values[field] = raw[`hours${field}`] as string | undefined;
      const hours = openingHoursFromForm(values);
      if (!hours.ok) {
        for (const problem of hours.problems) {
          ctx.addIssue({
            code: 'custom',
            path: [problem.field === 'exceptions' ? 'hoursExceptions' : `hours${problem.field}`],
            message: hoursProblem(t, problem),
          });
        }
        return z.NEVER;
      }
      return {
        name: form.name,
        kind: form.kind,
        operator: form.operator,
        provinceCode: form.provinceCode,
        communeCode: form.communeCode,
        street: form.street,
        location: form.location,
        phone: form.phone,
        zalo: form.zalo,
        website: form.website,
        openingHours: hours.hours,
      };
    });
export type SalesPointFields = z.output<ReturnType<typeof salesPointForm>>;

export const salesPointActionForm = z.object({
  action: z.enum(SALES_POINT_ACTIONS),
  reason: optionalText(500),
});

/** One line of what a point stocks: the product, the point's own price, when the stock was confirmed. */
export const stockLineForm = (t: Messages) =>
  z.object({
    productId: z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number),
    price: optionalText(20).transform((value, ctx) => {
      if (value === null) return null;
      // "150.000", "150 000 ₫", "150000đ": đồng have no minor unit, so every separator is a thousands one.
      const digits = value.replace(/[.\s,₫đ]/gi, '');
      if (/^\d{1,10}$/.test(digits) && Number(digits) <= MAX_POINT_PRICE) return Number(digits);
      ctx.addIssue({ code: 'custom', message: t.errors.fields.invalid });
      return z.NEVER;
    }),
    confirmed: z
      .literal('1')
      .optional()
      .transform((value) => value === '1'),
    remove: z
      .literal('1')
      .optional()
      .transform((value) => value === '1'),
  });

/** A price at a point above a billion đồng is a typing slip, not a price. */
export const MAX_POINT_PRICE = 1_000_000_000;

/** The staff list: status, province and kind filters, and the page. */
export const staffPointQuery = z.object({
  status: optional(z.enum(salesPointStatuses)),
  province: optional(z.enum(provinceCodes)),
  kind: optional(z.enum(kindIds)),
  page: pageParam,
});

/** A point's staff page: the product search that offers products to add. */
export const staffPointPageQuery = z.object({ q: optional(z.string().trim().max(100)) });

/** A producer's sales point page: the province whose active points it lists. */
export const portalPointsQuery = z.object({ province: optional(z.enum(provinceCodes)) });

/** A point's id in a path. */
export const pointIdParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,10}$/)
    .transform(Number),
});
