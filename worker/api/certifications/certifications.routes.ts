import { createRoute, z } from '@hono/zod-openapi';
import { requireApiToken } from '../../lib/api-auth';
import { MAX_INGEST_BYTES, MAX_CSV_ROWS, MAX_JSON_RECORDS } from '../../lib/ingest-input';
import { errorResponses, jsonContent, problem, tokenResponses } from '../../lib/openapi';
import { StatusCodes } from '../../lib/status';
import { certificationRecordsSchema, ingestReportSchema } from '../../schemas/certification-ingest';

/** The first rows of /examples/certifications.csv, the template the README links. */
const CSV_EXAMPLE = [
  'decision_number,decision_date,issuing_body,level,producer_name,producer_kind,tax_code,province_code,product_code,product_name,group,score,stars',
  '1234/QĐ-UBND,2025-08-15,UBND tỉnh Đồng Nai,provincial,HTX Nông nghiệp Phú Lý,cooperative,3603456789,75,PL-QUYT-01,Quýt hữu cơ Phú Lý,148.food,78.5,4',
  '',
].join('\r\n');

export const ingestCertifications = createRoute({
  method: 'post',
  path: '/admin/certifications',
  tags: ['Administration'],
  summary: 'Ingest star certifications from the evaluation councils',
  description: [
    'Records the results of OCOP evaluation councils, so the catalogue, product pages and stamp scans show the',
    'official status. Send a JSON array of records or a CSV file (UTF-8, with or without BOM; comma or semicolon;',
    'a header row of English or Vietnamese column names; templates: /examples/certifications.csv and',
    '/examples/certifications-vi.csv).',
    `Limits: ${MAX_JSON_RECORDS} JSON records, ${MAX_CSV_ROWS} CSV rows and ${MAX_INGEST_BYTES / 1024 / 1024} MB per`,
    'request; larger uploads answer 413. Each record is applied on its own and whole: valid records are applied',
    'even when others are rejected, and the answer has one result per record, in order. Sending the same decision',
    'again changes nothing (`unchanged`); corrected fields answer `updated` and are audited. The latest decision',
    'of a product supersedes its older ones. A revocation stands until a newer decision certifies the product',
    'again: an active record of a revoked decision (last month’s file sent again) answers `unchanged` with a',
    '`revocation_stands` notice. Producers are identified by tax code (a branch `-NNN` is a producer of its own);',
    'a record whose tax code differs from a producer of the same name goes to a producer of its own, never merged,',
    'with a `producer_name_taken` notice; without a tax code the name is matched within the province and must be',
    'unique there (`producer_ambiguous`). `valid_until` is at most 36 months from the decision date and',
    '`criteria_version` must be the set in force on it (148 from 24 Feb 2023, 1048 before). Unknown producers and',
    'products are created as unclaimed listings. The catalogue, search, product pages and product JSON show the',
    'change as soon as the answer arrives (their cached copies are dropped). Needs a Bearer token with the',
    '`certifications:write` scope.',
  ].join(' '),
  security: [{ bearerAuth: [] }],
  middleware: [requireApiToken('certifications:write')] as const,
  request: {
    body: {
      // Not `required`: zod-openapi would then check every body as JSON, CSV included. The handler
      // answers 415 to a request with neither media type.
      required: false,
      content: {
        'application/json': {
          schema: certificationRecordsSchema,
          example: [
            {
              decision_number: '1234/QĐ-UBND',
              decision_date: '2025-08-15',
              issuing_body: 'UBND tỉnh Đồng Nai',
              level: 'provincial',
              producer_name: 'HTX Dịch vụ - Nông nghiệp Bình Lợi',
              producer_kind: 'cooperative',
              tax_code: '3600123456',
              province_code: '75',
              product_code: 'BL-BUOI-01',
              product_name: 'Bưởi da xanh Bình Lợi',
              group: '148.food',
              score: 78.5,
              stars: 4,
            },
          ],
        },
        'text/csv': {
          schema: z.string().openapi({ description: 'A CSV file with a header row.' }),
          example: CSV_EXAMPLE,
        },
      },
    },
  },
  responses: {
    [StatusCodes.OK]: jsonContent(ingestReportSchema, 'One result per record, in order.'),
    [StatusCodes.PAYLOAD_TOO_LARGE]: problem('The upload is over a limit: split it.'),
    [StatusCodes.UNSUPPORTED_MEDIA_TYPE]: problem('Neither application/json nor text/csv.'),
    ...tokenResponses,
    ...errorResponses,
  },
});
