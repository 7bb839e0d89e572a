/** /api/docs: the API reference rendered from the OpenAPI document the API serves, never a hand-kept list. */
import { Hono } from 'hono';
import { ApiDocsPage } from '../../web/pages/ApiDocsPage';
import type { ApiOperationView } from '../../web/views';
import { createApiV1 } from '../api';
import type { AppEnv } from '../lib/context';
import { edgeCache } from '../lib/edge-cache';
import { codeToStatus, errorCodes } from '../lib/errors';
import { pageContext } from '../lib/render';
import { documentOperations } from '../presenters/api-docs';

export const apiDocs = new Hono<AppEnv>();

/** Where app.ts mounts createApiV1(), and the document it serves there. */
const API_BASE_PATH = '/api/v1';
const OPENAPI_PATH = `${API_BASE_PATH}/openapi.json`;

let operations: ApiOperationView[] | undefined;

/** The document only changes with a deploy, so an isolate builds its view once. */
function documentedOperations(): ApiOperationView[] {
  operations ??= documentOperations(
    createApiV1().getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'OCOP platform API', version: '1' } }),
    API_BASE_PATH,
  );
  return operations;
}

apiDocs.get('/api/docs', edgeCache, (c) => {
  const ctx = pageContext(c);
  return c.html(
    <ApiDocsPage
      ctx={ctx}
      baseUrl={`${ctx.origin}${API_BASE_PATH}`}
      documentHref={OPENAPI_PATH}
      operations={documentedOperations()}
      problems={errorCodes.map((code) => ({
        code,
        status: codeToStatus[code],
        description: ctx.t.errors.codes[code],
      }))}
    />,
  );
});
