/**
 * The one validation hook. zod failures from API contracts (defaultHook of
 * every OpenAPIHono) and from page forms (parseInput) become the same
 * AppError, naming each field, so every 4xx looks alike.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Messages } from '../../web/messages';
import { AppError, type FieldIssue } from './errors';
import type { AppEnv } from './context';

type ZodIssue = z.core.$ZodIssue;

function describeIssue(issue: ZodIssue, t: Messages): string {
  const f = t.errors.fields;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? f.required : f.invalid;
    case 'too_big':
      return issue.origin === 'string' ? f.tooLong(Number(issue.maximum)) : f.tooBig(Number(issue.maximum));
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1 ? f.required : f.tooSmall(Number(issue.minimum));
    case 'invalid_value':
      return f.oneOf(issue.values.map(String).join(', '));
    case 'custom':
      return issue.message;
    default:
      return f.invalid;
  }
}

export function toValidationError(error: z.ZodError, t: Messages, source?: string): AppError {
  const issues: FieldIssue[] = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : (source ?? 'body'),
    message: describeIssue(issue, t),
  }));
  return new AppError('validation_failed', { issues });
}

/** defaultHook for OpenAPIHono: throw so the single onError answers. */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target?: string },
  c: Context<AppEnv>,
): undefined {
  if (!result.success) throw toValidationError(result.error, c.var.t, result.target);
  return undefined;
}

/** Parse page input (query or form) with a zod schema, failing the same way the API does. */
export function parseInput<S extends z.ZodType>(c: Context<AppEnv>, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw toValidationError(result.error, c.var.t);
  return result.data;
}
