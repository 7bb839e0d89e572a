/**
 * Form shapes of the portal's lots, traceability events and stamp batches, built per request from
 * the messages like worker/schemas/portal.ts. Rules that need the database or the clock (input
 * lots, communes, times in the future) are checked afterwards by worker/domain/trace-event.ts.
 */
import { z } from 'zod';
import { traceEventTypes } from '../../db/schema';
import { fakeReportStatuses } from '../../db/schema';
import type { Messages } from '../../web/messages';
import { MAX_STAMPS_PER_BATCH, MAX_STAMPS_PER_REPRINT } from '../domain/stamp-batch';
import { LOT_PATTERN } from '../domain/digital-link';
import { isSerial } from '../domain/stamp-codes';
import type { TracePlace } from '../domain/trace-event';
import { isIsoDate } from '../domain/iso-date';
import { vietnamLocalToUtc } from '../domain/time';
import { STAMP_SHEET_PRESETS, type StampSheetPresetId } from '../print/stamp-sheet';

export const placeKinds = ['area', 'sales_point', 'text'] as const;
export const CUSTOM_SHEET = 'custom';
export const MAX_LOT_QUANTITY = 1_000_000_000;
/** Serials one void form takes: a spoiled print run is a few sheets, not a batch. */
export const MAX_SERIALS_PER_VOID = 2_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null);

const optionalDate = (t: Messages) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || isIsoDate(value), t.portal.fieldErrors.date);

const wholeNumber = (t: Messages, min: number, max: number) =>
  z
    .string()
    .transform((value) => value.replace(/[.\s,]/g, ''))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, t.portal.fieldErrors.positiveNumber)
        .transform(Number)
        .pipe(z.number().int().min(min).max(max)),
    );

const id = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number);

/** A ticked checkbox sends "1"; an unticked one sends nothing. */
const checkbox = z
  .literal('1')
  .optional()
  .transform((value) => value === '1');

/** A box that must be ticked; zod skips refinements of an absent optional value, so absence becomes "". */
const confirmed = (t: Messages) =>
  z.preprocess(
    (value) => value ?? '',
    z.string().refine((value) => value === '1', t.portal.fieldErrors.confirmRequired),
  );

export const webUrl = (t: Messages) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine(
      (value) => value === null || (/^https?:\/\//i.test(value) && URL.canParse(value)),
      t.portal.fieldErrors.webUrl,
    )
    .pipe(z.string().max(500).nullable());

export const lotForm = (t: Messages) =>
  z
    .object({
      productId: id,
      lotCode: z
        .string()
        .trim()
        .transform((value) => value.toUpperCase())
        .pipe(z.string().min(1).regex(LOT_PATTERN, t.portal.fieldErrors.lotCode)),
      productionDate: optionalDate(t),
      bestBefore: optionalDate(t),
      quantity: z
        .string()
        .optional()
        .transform((value) => (value ?? '').trim())
        .pipe(z.union([z.literal('').transform(() => null), wholeNumber(t, 1, MAX_LOT_QUANTITY)])),
      notes: optionalText(1000),
    })
    .superRefine((form, ctx) => {
      if (form.productionDate && form.bestBefore && form.bestBefore < form.productionDate) {
        ctx.addIssue({ code: 'custom', path: ['bestBefore'], message: t.portal.fieldErrors.bestBeforeEarly });
      }
    });

/** Repeated checkboxes arrive as one string or an array of them (parseBody with `all`). */
const idList = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(id).max(100),
);

export const traceEventForm = (t: Messages) =>
  z
    .object({
      eventType: z.enum(traceEventTypes),
      occurredAt: z.string().transform((value, ctx) => {
        const instant = vietnamLocalToUtc(value.trim());
        if (instant === null) {
          ctx.addIssue({ code: 'custom', message: t.portal.fieldErrors.dateTime });
          return z.NEVER;
        }
        return instant;
      }),
      placeKind: z.enum(placeKinds),
      provinceCode: z.string().optional(),
      communeCode: z.string().optional(),
      salesPointId: z.string().optional(),
      placeText: optionalText(200),
      actor: optionalText(200),
      description: optionalText(2000),
      reportUrl: webUrl(t),
      isPublic: checkbox,
      inputLotIds: idList,
    })
    .transform((form, ctx) => {
      const place = placeOf(form, ctx, t);
      if (place === null) return z.NEVER;
      const { eventType, occurredAt, actor, description, reportUrl, isPublic, inputLotIds } = form;
      return { eventType, occurredAt, place, actor, description, reportUrl, isPublic, inputLotIds };
    });

/** The place the chosen kind of place names, with the field to blame when it is missing. */
function placeOf(
  form: {
    placeKind: (typeof placeKinds)[number];
    provinceCode?: string;
    communeCode?: string;
    salesPointId?: string;
    placeText: string | null;
  },
  ctx: z.RefinementCtx,
  t: Messages,
): TracePlace | null {
  const fail = (path: string, message: string) => {
    ctx.addIssue({ code: 'custom', path: [path], message });
    return null;
  };
  switch (form.placeKind) {
    case 'area': {
      if (!/^\d{2}$/.test(form.provinceCode ?? '')) return fail('provinceCode', t.errors.fields.unknownProvince);
      const commune = form.communeCode?.trim() || null;
      if (commune !== null && !/^\d{5}$/.test(commune)) return fail('communeCode', t.errors.fields.invalid);
      return { kind: 'area', provinceCode: form.provinceCode!, communeCode: commune };
    }
    case 'sales_point':
      if (!/^\d{1,10}$/.test(form.salesPointId ?? '')) return fail('salesPointId', t.errors.fields.required);
      return { kind: 'sales_point', salesPointId: Number(form.salesPointId) };
    case 'text':
      if (!form.placeText) return fail('placeText', t.errors.fields.required);
      return { kind: 'text', text: form.placeText };
  }
}

const presetIds = Object.keys(STAMP_SHEET_PRESETS) as StampSheetPresetId[];
const millimetres = (t: Messages) =>
  z
    .string()
    .trim()
    .transform((value) => value.replace(',', '.'))
    .pipe(
      z
        .string()
        .regex(/^\d{1,3}(?:\.\d{1,2})?$/, t.portal.fieldErrors.millimetres)
        .transform(Number),
    );

/** The measurements of a label sheet the producer types in, in the order the form asks for them. */
export const customLayoutKeys = [
  'labelWidthMm',
  'labelHeightMm',
  'columns',
  'rows',
  'marginTopMm',
  'marginLeftMm',
  'gapXMm',
  'gapYMm',
] as const;

const customLayout = (t: Messages) =>
  z.object({
    labelWidthMm: millimetres(t),
    labelHeightMm: millimetres(t),
    columns: wholeNumber(t, 1, 40),
    rows: wholeNumber(t, 1, 40),
    marginTopMm: millimetres(t),
    marginLeftMm: millimetres(t),
    gapXMm: millimetres(t),
    gapYMm: millimetres(t),
  }) satisfies z.ZodType<Record<(typeof customLayoutKeys)[number], number>>;

export const issueForm = (t: Messages) =>
  z
    .looseObject({
      quantity: wholeNumber(t, 1, MAX_STAMPS_PER_BATCH),
      withPin: checkbox,
      sheetPreset: z.enum([...presetIds, CUSTOM_SHEET]),
    })
    .transform((form, ctx) => {
      const { quantity, withPin, sheetPreset } = form;
      if (sheetPreset !== CUSTOM_SHEET) {
        return { quantity, withPin, preset: sheetPreset, layout: STAMP_SHEET_PRESETS[sheetPreset] };
      }
      const custom = customLayout(t).safeParse(form);
      if (!custom.success) {
        for (const issue of custom.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
        return z.NEVER;
      }
      return { quantity, withPin, preset: null, layout: custom.data };
    });

export const activateForm = (t: Messages) =>
  z.object({
    scope: z.enum(['batch', 'sheet']),
    sheetNumber: z.string().optional(),
    confirm: confirmed(t),
  });

/** Serials as pasted: one per line, or separated by spaces, commas or semicolons, any case. */
export const voidForm = (t: Messages) =>
  z.object({
    serials: z
      .string()
      .transform((value) =>
        value
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((serial) => serial.replace(/[a-z]/g, (letter) => letter.toUpperCase())),
      )
      .superRefine((serials, ctx) => {
        if (serials.length === 0) ctx.addIssue({ code: 'custom', message: t.portal.fieldErrors.serialsRequired });
        else if (serials.length > MAX_SERIALS_PER_VOID) {
          ctx.addIssue({ code: 'custom', message: t.errors.fields.tooBig(MAX_SERIALS_PER_VOID) });
        } else {
          const wrong = serials.filter((serial) => !isSerial(serial));
          if (wrong.length > 0) {
            ctx.addIssue({
              code: 'custom',
              message: t.portal.fieldErrors.serialsInvalid(wrong.slice(0, 10).join(', ')),
            });
          }
        }
      })
      .transform((serials) => [...new Set(serials)]),
    confirm: confirmed(t),
  });

export const reprintForm = (t: Messages) => z.object({ count: wholeNumber(t, 1, MAX_STAMPS_PER_REPRINT) });

export const stampImageQuery = z.object({
  serial: z
    .string()
    .trim()
    .transform((value) => value.replace(/[a-z]/g, (letter) => letter.toUpperCase())),
  format: z.enum(['svg', 'png']),
});

export const visibilityForm = z.object({ isPublic: z.enum(['0', '1']).transform((value) => value === '1') });

export const reviewForm = z.object({ status: z.enum(['confirmed', 'dismissed']) });

export const reportListQuery = z.object({
  status: z.preprocess((value) => (value === '' ? undefined : value), z.enum(fakeReportStatuses).optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const printLinkQuery = z.object({
  v: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number),
  exp: z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
  sig: z.string().max(128),
});
