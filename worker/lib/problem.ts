import type { Context } from 'hono';
import type { AppEnv } from './context';
import type { AppError } from './errors';

/** RFC 9457 problem details for an AppError, titled in the request's language. */
export function problemJson(c: Context<AppEnv>, error: AppError): Response {
  const body = {
    type: `${c.env.PUBLIC_ORIGIN}/api/docs#problem-${error.code}`,
    title: c.var.t.errors.codes[error.code],
    status: error.status,
    code: error.code,
    ...(error.message !== error.code ? { detail: error.message } : {}),
    instance: new URL(c.req.url).pathname,
    ...(error.issues.length > 0 ? { errors: error.issues } : {}),
  };
  return c.newResponse(JSON.stringify(body), error.status, { 'Content-Type': 'application/problem+json' });
}

export const isApiRequest = (c: Context) => new URL(c.req.url).pathname.startsWith('/api/');
