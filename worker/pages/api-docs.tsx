/** /api/docs: the API reference rendered from the OpenAPI document the API serves, never a hand-kept list. */
import { Hono } from 'hono';
import { ApiDocsPage } from '../../web/pages/ApiDocsPage';
import type { ApiOperationView, ApiParameterView } from '../../web/views';
import { createApiV1 } from '../api';
import type { AppEnv } from '../lib/context';
import { edgeCache } from '../lib/edge-cache';
import { codeToStatus, errorCodes } from '../lib/errors';
import { pageContext } from '../lib/render';

export const apiDocs = new Hono<AppEnv>();

type OpenApiDocument = ReturnType<ReturnType<typeof createApiV1>['getOpenAPI31Document']>;
type PathItem = NonNullable<OpenApiDocument['paths']>[string];

/** Where app.ts mounts createApiV1(), and the document it serves there. */
const API_BASE_PATH = '/api/v1';
const OPENAPI_PATH = `${API_BASE_PATH}/openapi.json`;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

function schemaType(schema: unknown): string {
  if (!isRecord(schema)) return '';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? '';
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null').join(' | ') : text(schema.type);
  return Array.isArray(schema.enum) ? `${type}: ${schema.enum.join(', ')}` : type;
}

function parameterView(parameter: unknown): ApiParameterView | null {
  if (!isRecord(parameter) || typeof parameter.name !== 'string') return null;
  const schema = isRecord(parameter.schema) ? parameter.schema : {};
  const example = parameter.example ?? schema.example;
  return {
    name: parameter.name,
    in: text(parameter.in),
    required: parameter.required === true,
    description: text(parameter.description) || text(schema.description),
    type: schemaType(schema),
    example: example === undefined ? null : String(example),
  };
}

function operationViews(path: string, item: PathItem): ApiOperationView[] {
  return METHODS.flatMap((method) => {
    const operation = item[method];
    if (!operation) return [];
    return [
      {
        id: `${method}-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? '',
        description: operation.description ?? '',
        parameters: (operation.parameters ?? []).map(parameterView).filter((p) => p !== null),
        responses: Object.entries(operation.responses ?? {}).map(([status, response]: [string, unknown]) => ({
          status,
          description: isRecord(response) ? text(response.description) : '',
          contentTypes: isRecord(response) && isRecord(response.content) ? Object.keys(response.content) : [],
        })),
      },
    ];
  });
}

let operations: ApiOperationView[] | undefined;

/** The document only changes with a deploy, so an isolate builds its view once. */
function documentedOperations(): ApiOperationView[] {
  operations ??= Object.entries(
    createApiV1().getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'OCOP platform API', version: '1' } })
      .paths ?? {},
  ).flatMap(([path, item]) => operationViews(path, item));
  return operations;
}

apiDocs.get('/api/docs', edgeCache, (c) => {
  const ctx = pageContext(c);
  return c.html(
    <ApiDocsPage
      ctx={ctx}
      baseUrl={`${ctx.origin}${API_BASE_PATH}`}
      documentHref={OPENAPI_PATH}
      operations={documentedOperations().map((op) => ({ ...op, path: `${API_BASE_PATH}${op.path}` }))}
      problems={errorCodes.map((code) => ({
        code,
        status: codeToStatus[code],
        description: ctx.t.errors.codes[code],
      }))}
    />,
  );
});
