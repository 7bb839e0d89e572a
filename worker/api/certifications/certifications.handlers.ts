import type { RouteHandler } from '@hono/zod-openapi';
import { ingestCertifications, ingestChangedCatalogue } from '../../data/certification-ingest';
import type { RawRecord } from '../../domain/certification-record';
import type { AppEnv } from '../../lib/context';
import { catalogueChanged } from '../../lib/edge-cache';
import { AppError } from '../../lib/errors';
import { csvIngestRows, jsonIngestRows } from '../../lib/ingest-input';
import { StatusCodes } from '../../lib/status';
import type { ingestCertifications as ingestRoute } from './certifications.routes';
import { presentIngestReport } from '../../presenters/certifications';

export const ingestCertificationsHandler: RouteHandler<typeof ingestRoute, AppEnv> = async (c) => {
  const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const form = contentType === 'text/csv' ? 'csv' : contentType === 'application/json' ? 'json' : null;
  if (!form) throw new AppError('unsupported_media_type', { detail: c.var.t.ingest.file.contentType });
  const rows =
    form === 'csv'
      ? csvIngestRows(new Uint8Array(await c.req.arrayBuffer()), c.var.t)
      : // The JSON validator checks application/json bodies against the records array; the string type is the CSV form's.
        jsonIngestRows(c.req.valid('json') as RawRecord[]);
  const results = await ingestCertifications(c.var.db, rows, { tokenId: c.var.apiToken.id }, c.var.today);
  if (ingestChangedCatalogue(results)) await catalogueChanged(c);
  return c.json(presentIngestReport(results, form, c.var.t), StatusCodes.OK);
};
