/**
 * How every HTML form answers. The action runs; when it is refused for what was typed (a
 * validation error or a field problem from a service), the form is shown again with its values,
 * each issue beside its field, and the status the one error model gives that error. Any other
 * error (not found, forbidden, a fault) goes to the app's onError like everywhere else.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context';
import { AppError, fieldIssues, statusOf, type FieldIssue } from './errors';

export type Refusal = { issues: FieldIssue[]; status: ContentfulStatusCode };

export async function submitForm(
  c: Context<AppEnv>,
  action: () => Promise<Response>,
  showAgain: (refusal: Refusal) => Response | Promise<Response>,
): Promise<Response> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof AppError) || !error.namesFields) throw error;
    return showAgain({ issues: fieldIssues(error, c.var.t), status: statusOf(error) });
  }
}

/** Text fields of a submitted form, to show it again as typed (files and the CSRF token left out). */
export function typedValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '_csrf',
    ),
  );
}
