/**
 * Form shapes of the producer portal. Built per request from the messages so
 * a rule's own wording (a wrong GTIN check digit, a tax code format) reaches
 * the page in the visitor's language. Keys not listed here, such as the
 * certified name, group or stars, are dropped by zod: producers cannot set them.
 */
import { z } from 'zod';
import { producerKinds } from '../../db/schema';
import type { Messages } from '../../web/messages';
import { vi } from '../../web/messages/vi';
import { compactGtin, isValidGtin, toGtin14 } from '../domain/gtin';
import { MAX_REASON_NOTE, MAX_STOCK, stockReasons } from '../domain/inventory';
import { isValidBankAccountNumber, isValidBankBin, isValidTaxCode, normalisePhone } from '../domain/organisation';

export const MAX_PRICE = 1_000_000_000;
const LONG_TEXT = 5000;

export const productUnits = Object.keys(vi.units) as (keyof typeof vi.units)[];

/** An optional text field: blank becomes null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null);

const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** Whole đồng, as people type them: "150.000", "150 000" and "150000" are the same price. */
const money = (t: Messages) =>
  z
    .string()
    .transform((value) => value.replace(/[.\s,₫]/g, ''))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, t.portal.fieldErrors.wholeDong)
        .transform(Number)
        .pipe(z.number().int().min(0).max(MAX_PRICE)),
    );

const optionalMoney = (t: Messages) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? '').trim())
    .pipe(z.union([z.literal('').transform(() => null), money(t)]));

const gtinField = (t: Messages) =>
  z
    .string()
    .optional()
    .transform((value) => compactGtin(value ?? ''))
    .refine((value) => value === '' || isValidGtin(value), t.portal.fieldErrors.gtin)
    .transform((value) => (value ? toGtin14(value) : null));

const phoneField = (t: Messages) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const typed = (value ?? '').trim();
      if (!typed) return null;
      const phone = normalisePhone(typed);
      if (!phone) {
        ctx.addIssue({ code: 'custom', message: t.portal.fieldErrors.phone });
        return z.NEVER;
      }
      return phone;
    });

export const listingForm = (t: Messages) =>
  z.object({
    nameEn: optionalText(200),
    descriptionVi: optionalText(LONG_TEXT),
    descriptionEn: optionalText(LONG_TEXT),
    storyVi: optionalText(LONG_TEXT),
    storyEn: optionalText(LONG_TEXT),
    unit: z.enum(productUnits),
    price: optionalMoney(t),
    // A checkbox: sent as "1" when ticked, absent otherwise.
    soldAtPointsOnly: z
      .literal('1')
      .optional()
      .transform((value) => value === '1'),
  });

export const variantForm = (t: Messages) =>
  z.object({
    labelVi: requiredText(100),
    labelEn: optionalText(100),
    price: money(t),
    gtin: gtinField(t),
  });

export const publishForm = z.object({ published: z.enum(['0', '1']).transform((value) => value === '1') });

export const stockForm = (t: Messages) =>
  z.object({
    target: z
      .string()
      .regex(/^(?:product|\d+)$/)
      .transform((value) => (value === 'product' ? null : Number(value))),
    delta: z
      .string()
      .trim()
      .regex(/^[+-]?\d+$/, t.portal.fieldErrors.wholeNumber)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(-MAX_STOCK)
          .max(MAX_STOCK)
          .refine((n) => n !== 0, t.portal.fieldErrors.notZero),
      ),
    reason: z.enum(stockReasons),
    note: optionalText(MAX_REASON_NOTE),
  });

export const photoFields = z.object({
  altVi: requiredText(200),
  altEn: optionalText(200),
});

export const profileForm = (t: Messages) =>
  z
    .object({
      name: requiredText(200),
      kind: z.enum(producerKinds),
      taxCode: z
        .string()
        .optional()
        .transform((value) => (value ?? '').trim())
        .refine((value) => value === '' || isValidTaxCode(value), t.portal.fieldErrors.taxCode)
        .transform((value) => value || null),
      provinceCode: z.string().regex(/^\d{2}$/),
      communeCode: z.string().regex(/^\d{5}$/),
      street: optionalText(200),
      phone: phoneField(t),
      zalo: phoneField(t),
      email: z
        .string()
        .trim()
        .optional()
        .transform((value) => value || null)
        .pipe(z.email().max(254).nullable()),
      website: z
        .string()
        .trim()
        .optional()
        .transform((value) => value || null)
        .pipe(
          z
            .url({ protocol: /^https?$/ })
            .max(300)
            .nullable(),
        ),
      storyVi: optionalText(LONG_TEXT),
      storyEn: optionalText(LONG_TEXT),
      bankBin: optionalText(6).refine((value) => value === null || isValidBankBin(value), t.portal.fieldErrors.bankBin),
      bankAccountNumber: optionalText(19).refine(
        (value) => value === null || isValidBankAccountNumber(value),
        t.portal.fieldErrors.bankAccountNumber,
      ),
      bankAccountName: optionalText(100).transform((value) => value?.toUpperCase() ?? null),
    })
    .superRefine(
      (form, ctx) => {
        // A transfer needs all three: a BIN without an account (or the reverse) would make a useless QR code.
        const bank = [form.bankBin, form.bankAccountNumber, form.bankAccountName];
        if (bank.some(Boolean) && !bank.every(Boolean)) {
          for (const field of ['bankBin', 'bankAccountNumber', 'bankAccountName'] as const) {
            if (!form[field])
              ctx.addIssue({ code: 'custom', path: [field], message: t.portal.fieldErrors.bankIncomplete });
          }
        }
      },
      // Also when other fields failed, so the producer learns every problem in one round.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    );
