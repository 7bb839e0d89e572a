/** An OpenAPI 3.1 document to the operation views /api/docs lays out. */
import type { ApiOperationView, ApiParameterView } from '../../web/views';
import type { OpenAPIHono } from '@hono/zod-openapi';

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
type PathItem = NonNullable<OpenApiDocument['paths']>[string];

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

function requestBodyView(body: unknown): ApiOperationView['requestBody'] {
  if (!isRecord(body) || !isRecord(body.content)) return null;
  const [first] = Object.values(body.content);
  return {
    required: body.required === true,
    description: text(body.description),
    contentTypes: Object.keys(body.content),
    schema: isRecord(first) ? schemaType(first.schema) : '',
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
        requestBody: requestBodyView(operation.requestBody),
        responses: Object.entries(operation.responses ?? {}).map(([status, response]: [string, unknown]) => ({
          status,
          description: isRecord(response) ? text(response.description) : '',
          contentTypes: isRecord(response) && isRecord(response.content) ? Object.keys(response.content) : [],
        })),
      },
    ];
  });
}

/** Every operation of the document, in path order, with paths prefixed by where the API is mounted. */
export function documentOperations(document: Pick<OpenApiDocument, 'paths'>, basePath: string): ApiOperationView[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) => operationViews(`${basePath}${path}`, item));
}
