/** JSON shapes of the certification ingest: the records a council workflow sends and the per-record report. */
import { z } from '@hono/zod-openapi';
import { certificationLevels, producerKinds } from '../../db/schema';
import { INGEST_NOTICES } from '../domain/certification-ingest';
import { RECORD_FIELDS, RECORD_RULES, type RecordField } from '../domain/certification-record';
import { MAX_JSON_RECORDS } from '../lib/ingest-input';

const fieldDocs: Record<RecordField, { description: string; example?: string | number }> = {
  decision_number: { description: 'Number of the recognition decision.', example: '1234/QĐ-UBND' },
  decision_date: { description: 'Date of the decision: YYYY-MM-DD or DD/MM/YYYY.', example: '2025-08-15' },
  issuing_body: { description: 'Who signed the decision.', example: 'UBND tỉnh Đồng Nai' },
  level: {
    description: `Level of the council: ${certificationLevels.join(', ')} (or huyện, tỉnh, trung ương).`,
    example: 'provincial',
  },
  criteria_version: {
    description:
      'Criteria set, 1048 or 148: the one in force on the decision date (1048 before 24 Feb 2023, 148 from then), which is also the default. Another one is rejected (criteria_not_in_force).',
    example: '148',
  },
  producer_name: { description: 'Name of the producer (chủ thể OCOP).', example: 'HTX Dịch vụ - Nông nghiệp Bình Lợi' },
  producer_kind: {
    description: `Kind of producer: ${producerKinds.join(', ')} (or doanh nghiệp, HTX, THT, hộ kinh doanh).`,
    example: 'cooperative',
  },
  tax_code: {
    description:
      'Tax code: 10 digits, or 10 digits-3 digits for a branch. It identifies the producer: a branch is a producer of its own, and a producer of the same name with another tax code is another producer (the record is applied to its own producer, with a producer_name_taken notice). Without it the producer is matched by name within the province, and the record is rejected (producer_ambiguous) when several producers there share the name.',
    example: '3600123456',
  },
  province_code: { description: 'Province code after July 2025 (see /provinces).', example: '75' },
  commune_code: { description: 'Commune code after July 2025.', example: '26041' },
  product_code: { description: "The producer's own product code; matched before the name.", example: 'BL-BUOI-01' },
  product_name: { description: 'Product name in Vietnamese.', example: 'Bưởi da xanh Bình Lợi' },
  group: { description: 'OCOP group: its id (148.food) or catalogue code (food).', example: '148.food' },
  subgroup: { description: 'OCOP subgroup id (see /groups).', example: '148.food.fresh' },
  score: { description: 'Council score, 0 to 100, one decimal at most.', example: 78.5 },
  stars: { description: 'Stars awarded, 1 to 5; never above the band of the score.', example: 4 },
  part_a: { description: 'Part A score (optional; give A, B and C or none).', example: 31.4 },
  part_b: { description: 'Part B score.', example: 19.6 },
  part_c: { description: 'Part C score.', example: 27.5 },
  valid_until: {
    description:
      'Last day the certificate is valid: after the decision date and at most 36 months from it (valid_until_too_late otherwise). Default: decision date + 36 months.',
  },
  status: {
    description:
      'active (default) or revoked. A revocation stands: an active record of a revoked decision (a re-sent file) leaves it revoked and answers unchanged with a revocation_stands notice; only a newer decision certifies the product again.',
    example: 'active',
  },
  revocation_reason: { description: 'Why the certificate was revoked (required when revoked).' },
  revocation_decision: { description: 'Number of the revoking decision (required when revoked).' },
};

const cell = z.union([z.string(), z.number()]).nullable();

export const certificationRecordSchema = z
  .looseObject(
    Object.fromEntries(RECORD_FIELDS.map((field) => [field, cell.optional().openapi(fieldDocs[field])])) as Record<
      RecordField,
      z.ZodOptional<typeof cell>
    >,
  )
  .openapi('CertificationRecord', {
    description: 'One council result. The CSV upload uses the same names as columns (or their Vietnamese names).',
  });

export const certificationRecordsSchema = z
  .array(certificationRecordSchema)
  .max(MAX_JSON_RECORDS)
  .openapi({ description: `Up to ${MAX_JSON_RECORDS} records.` });

const issueSchema = z.object({
  field: z.string().openapi({ description: 'The field (CSV column) concerned.', example: 'stars' }),
  code: z.enum(RECORD_RULES).openapi({ description: 'The rule the value breaks.', example: 'stars_above_band' }),
  message: z.string().openapi({ example: "more stars than the score's band (this score allows at most 3)" }),
});

const noticeSchema = z.object({
  field: z.string().openapi({ description: 'The field (CSV column) concerned.', example: 'tax_code' }),
  code: z.enum(INGEST_NOTICES).openapi({
    description:
      'producer_name_taken: a producer of the same name holds another tax code, and this record went to its own producer. revocation_stands: the decision stays revoked.',
    example: 'producer_name_taken',
  }),
  message: z.string(),
});

export const ingestReportSchema = z
  .object({
    summary: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
    }),
    results: z.array(
      z.object({
        index: z.number().int().optional().openapi({ description: 'Position in the JSON array (from 0).' }),
        row: z
          .number()
          .int()
          .optional()
          .openapi({ description: 'Line of the CSV file the row starts on (header is 1).' }),
        outcome: z.enum(['created', 'updated', 'unchanged', 'rejected']),
        product: z.string().optional().openapi({ description: 'Slug of the matched or created product.' }),
        errors: z.array(issueSchema).optional(),
        notices: z
          .array(noticeSchema)
          .optional()
          .openapi({ description: 'What to know about a record applied or left unchanged all the same.' }),
      }),
    ),
  })
  .openapi('IngestReport');
