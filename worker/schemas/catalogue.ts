/**
 * Query contract of the catalogue, shared by GET /api/v1/products and the
 * /products page so both accept and reject exactly the same input.
 */
import { z } from '@hono/zod-openapi';
import type { Messages } from '../../web/messages';
import { messages } from '../../web/messages';
import { perLanguage } from './per-language';
import { producerKinds } from '../../db/schema';
import provinceList from '../../db/reference/provinces.json';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  catalogueGroupCodes,
  catalogueSorts,
} from '../domain/catalogue';

export const provinceCodes = provinceList.map((p) => p.code) as [string, ...string[]];

/** Empty form fields ("?province=") mean "no filter", as a plain HTML form sends them. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const wholeNumber = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Problems are worded in the visitor's language on the page, in English in the API. */
export const catalogueQuery = perLanguage((t: Messages) =>
  z
    .object({
      q: optional(z.string().max(MAX_QUERY_LENGTH)).openapi({
        description: 'Search text, with or without Vietnamese accents ("ruou nhung" finds "Rượu nhung").',
        example: 'mat ong',
      }),
      province: optional(z.enum(provinceCodes)).openapi({ description: 'Province code (2 digits).', example: '75' }),
      group: optional(z.enum(catalogueGroupCodes)).openapi({ description: 'OCOP product group.', example: 'food' }),
      min_stars: optional(wholeNumber(3, 5)).openapi({ description: 'Minimum OCOP stars.', example: 4 }),
      producer_kind: optional(z.enum(producerKinds)).openapi({ description: 'Kind of producer.' }),
      price_min: optional(wholeNumber(0, 1_000_000_000)).openapi({ description: 'Lowest price in đồng.' }),
      price_max: optional(wholeNumber(0, 1_000_000_000)).openapi({ description: 'Highest price in đồng.' }),
      in_stock: optional(z.enum(['1', 'true'])).openapi({ description: 'Only products in stock.' }),
      sort: optional(z.enum(catalogueSorts)).openapi({ description: 'Order of results (default: relevance).' }),
      page: optional(wholeNumber(1, MAX_PAGE)).openapi({ description: 'Page number, from 1.', example: 1 }),
      limit: optional(wholeNumber(1, MAX_PAGE_SIZE)).openapi({
        description: `Results per page (default ${DEFAULT_PAGE_SIZE}).`,
        example: DEFAULT_PAGE_SIZE,
      }),
    })
    .refine((q) => q.price_min === undefined || q.price_max === undefined || q.price_min <= q.price_max, {
      path: ['price_max'],
      message: t.errors.problems.price_range_invalid(),
    }),
);

export const catalogueQuerySchema = catalogueQuery(messages.en);
