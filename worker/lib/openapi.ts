/** Shared pieces of every API route contract, so each documents the same problem responses. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { errorCodes } from './errors';
import { validationHook } from './validation';
import { StatusCodes } from './status';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(errorCodes),
    detail: z.string().optional(),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export const problem = (description: string) => ({
  content: { 'application/problem+json': { schema: problemSchema } },
  description,
});

export const errorResponses = {
  [StatusCodes.BAD_REQUEST]: problem('Invalid input; `errors` names each field.'),
  [StatusCodes.INTERNAL_SERVER_ERROR]: problem('Unexpected failure.'),
} as const;

export const notFoundResponse = { [StatusCodes.NOT_FOUND]: problem('No such resource.') } as const;

/** What a route behind requireApiToken may answer besides its own responses. */
export const tokenResponses = {
  [StatusCodes.UNAUTHORIZED]: problem('No token, or an unknown, revoked or expired one.'),
  [StatusCodes.FORBIDDEN]: problem('The token lacks the scope this route needs.'),
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** Every API router is built here so all of them share the one validation hook. */
export const createApiRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
