import type { Context } from 'hono';
import type { AppEnv } from './context';
import { fieldIssues, statusOf, type AppError } from './errors';

/** RFC 9457 problem details for an AppError, titled in the request's language. */
export function problemJson(c: Context<AppEnv>, error: AppError): Response {
  const status = statusOf(error);
  const issues = fieldIssues(error, c.var.t);
  const body = {
    type: `${c.env.PUBLIC_ORIGIN}/api/docs#problem-${error.code}`,
    title: c.var.t.errors.codes[error.code],
    status,
    code: error.code,
    ...(error.message !== error.code ? { detail: error.message } : {}),
    instance: new URL(c.req.url).pathname,
    ...(issues.length > 0 ? { errors: issues } : {}),
  };
  return c.newResponse(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' });
}

export const isApiRequest = (c: Context) => new URL(c.req.url).pathname.startsWith('/api/');
