/**
 * Fairs: the query contract shared by GET /api/v1/fairs and the /fairs calendar (both refuse
 * bad dates naming the field), and the forms staff and producers fill in. Form schemas are built
 * per request from the messages, like worker/schemas/portal.ts.
 */
import { perLanguage } from './per-language';
import { z } from '@hono/zod-openapi';
import type { Messages } from '../../web/messages';
import { messages } from '../../web/messages';
import { FAIR_KINDS, fairScheduleProblems } from '../domain/fair';
import { fairFloorFromForm, FLOOR_FIELDS, SCHEDULE_FIELDS } from '../domain/fair-form';
import { MAX_ENTERED_PRODUCTS } from '../domain/fair-application';
import { isIsoDate } from '../domain/iso-date';
import { provinceCodes } from './catalogue';
import { latLngField } from './sales-points';

export const PUBLIC_FAIR_STATUSES = ['open_for_applications', 'published', 'running', 'finished'] as const;
export const MAX_FAIRS_PAGE = 100;
export const DEFAULT_FAIRS_PAGE = 20;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** A "YYYY-MM-DD" that is a real date, refused with words saying so. */
const isoDate = (t: Messages) =>
  z
    .string()
    .max(10)
    .refine((value) => isIsoDate(value), t.errors.problems.date_invalid());

export const fairQuery = (t: Messages) =>
  z
    .object({
      province: optional(z.enum(provinceCodes)).openapi({ description: 'Province code (2 digits).', example: '75' }),
      from: optional(isoDate(t)).openapi({
        description:
          'Fairs still running on or after this date (default: today, Vietnam time; none with `status=finished`).',
        example: '2026-12-01',
      }),
      to: optional(isoDate(t)).openapi({
        description: 'Fairs starting on or before this date.',
        example: '2026-12-31',
      }),
      status: optional(z.enum(PUBLIC_FAIR_STATUSES)).openapi({
        description:
          'Derived from the dates in Vietnam time: open_for_applications (taking applications), published (announced, not taking applications), running, finished.',
        example: 'running',
      }),
      page: optional(z.coerce.number().int().min(1).max(1000)).openapi({ description: 'Page number, from 1.' }),
      limit: optional(z.coerce.number().int().min(1).max(MAX_FAIRS_PAGE)).openapi({
        description: `Fairs per page (default ${DEFAULT_FAIRS_PAGE}).`,
      }),
    })
    .superRefine((query, ctx) => {
      if (query.from && query.to && query.to < query.from) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: t.errors.problems.date_range_invalid() });
      }
    });

/** The API's contract: problems worded in English, as the OpenAPI document is. */
export const fairQuerySchema = fairQuery(messages.en);
export type FairQuery = z.output<typeof fairQuerySchema>;

export const fairIdParamSchema = z.object({
  id: z
    .string()
    .max(200)
    .regex(/^[a-z0-9-]+$/)
    .openapi({
      param: { name: 'id', in: 'path' },
      description: 'Numeric id or slug.',
      example: 'le-hoi-na-la-hien-2027',
    }),
});

/** The calendar page: province and a month ("2026-12"). */
export const fairCalendarQuery = perLanguage((t: Messages) =>
  z.object({
    province: optional(z.enum(provinceCodes)),
    month: optional(
      z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, t.errors.problems.date_invalid())
        .openapi({ example: '2026-12' }),
    ),
    page: optional(z.coerce.number().int().min(1).max(1000)),
  }),
);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null);

const optionalTime = optionalText(5);

/** The fields of one fair, as staff create and edit it. */
export const fairForm = (t: Messages) =>
  z
    .object({
      kind: z.enum(FAIR_KINDS),
      nameVi: z.string().trim().min(1).max(200),
      nameEn: optionalText(200),
      descriptionVi: optionalText(4000),
      descriptionEn: optionalText(4000),
      organiser: optionalText(200),
      provinceCode: z.enum(provinceCodes),
      communeCode: optionalText(5),
      venue: z.string().trim().min(1).max(200),
      street: optionalText(300),
      location: optional(latLngField(t)),
      // Dates are checked with the rest of the schedule below, so every date problem shows at once.
      startsOn: z.string().trim().max(10),
      endsOn: z.string().trim().max(10),
      dailyOpens: optionalTime,
      dailyCloses: optionalTime,
      applicationsOpenOn: optionalText(10),
      applicationsCloseOn: optionalText(10),
      zones: z.string().max(10_000).optional(),
      boothTypes: z.string().max(10_000).optional(),
      booths: z.string().max(20_000).optional(),
    })
    .transform((form, ctx) => {
      const hours =
        form.dailyOpens === null && form.dailyCloses === null
          ? null
          : { opens: form.dailyOpens ?? '', closes: form.dailyCloses ?? '' };
      const schedule = {
        startsOn: form.startsOn,
        endsOn: form.endsOn,
        dailyHours: hours,
        applicationsOpenOn: form.applicationsOpenOn,
        applicationsCloseOn: form.applicationsCloseOn,
      };
      const scheduleProblems = fairScheduleProblems(schedule);
      for (const { field, code } of scheduleProblems) {
        ctx.addIssue({
          code: 'custom',
          path: [SCHEDULE_FIELDS[field]],
          message:
            code === 'invalid_date'
              ? t.errors.problems.date_invalid()
              : t.errors.problems.fair_dates_invalid({ rule: code }),
        });
      }
      const floor = fairFloorFromForm({ zones: form.zones, boothTypes: form.boothTypes, booths: form.booths });
      if (!floor.ok) {
        for (const { field, line, rule } of floor.problems) {
          ctx.addIssue({ code: 'custom', path: [field], message: t.errors.problems.fair_line_invalid({ line, rule }) });
        }
      }
      if (!floor.ok || scheduleProblems.length > 0) return z.NEVER;
      return {
        values: {
          kind: form.kind,
          nameVi: form.nameVi,
          nameEn: form.nameEn,
          descriptionVi: form.descriptionVi,
          descriptionEn: form.descriptionEn,
          organiser: form.organiser,
          provinceCode: form.provinceCode,
          communeCode: form.communeCode,
          venue: form.venue,
          street: form.street,
          latitude: form.location?.latitude ?? null,
          longitude: form.location?.longitude ?? null,
          startsOn: form.startsOn,
          endsOn: form.endsOn,
          dailyOpens: hours?.opens ?? null,
          dailyCloses: hours?.closes ?? null,
          applicationsOpenOn: form.applicationsOpenOn,
          applicationsCloseOn: form.applicationsCloseOn,
          zones: floor.floor.zones,
          boothTypes: floor.floor.boothTypes,
        },
        booths: floor.floor.booths,
      };
    });
export type FairFields = z.output<ReturnType<typeof fairForm>>;

/** The text fields a fair form carries, to show it again as typed. */
export const FAIR_FORM_FIELDS = [
  'kind',
  'nameVi',
  'nameEn',
  'descriptionVi',
  'descriptionEn',
  'organiser',
  'provinceCode',
  'communeCode',
  'venue',
  'street',
  'location',
  'startsOn',
  'endsOn',
  'dailyOpens',
  'dailyCloses',
  'applicationsOpenOn',
  'applicationsCloseOn',
  ...FLOOR_FIELDS,
] as const;

export const publishForm = z.object({ published: z.enum(['0', '1']).transform((value) => value === '1') });

const boothCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,5}$/);

export const acceptForm = z.object({ booth: boothCode });

export const rejectForm = z.object({ reason: z.string().trim().min(1).max(500) });

export const addExhibitorForm = z.object({
  producer: z
    .string()
    .trim()
    .regex(/^(\d{1,9}|\d{10}(-\d{3})?)$/),
  booth: boothCode,
});

/** Ticked products arrive as one string or an array of them (readForm with `all`). */
const idList = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(
      z
        .string()
        .regex(/^\d{1,10}$/)
        .transform(Number),
    )
    .max(MAX_ENTERED_PRODUCTS),
);

export const applyForm = z.object({ productIds: idList, note: optionalText(1000) });
