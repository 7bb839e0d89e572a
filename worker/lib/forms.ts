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

/**
 * How a GET search form answers: what was asked for or, when some filters are refused (a place
 * typed as words, a price range upside down, a hand-edited link), what the other filters find,
 * with each refused filter's problem for the page to show beside its field, at the refusal's status.
 */
export function searchForm(
  c: Context<AppEnv>,
  show: (query: Record<string, string>, refusal: Refusal | null) => Promise<Response>,
): Promise<Response> {
  const query = c.req.query();
  return submitForm(
    c,
    () => show(query, null),
    (refusal) => {
      const refused = new Set(refusal.issues.map((issue) => issue.field));
      return show(Object.fromEntries(Object.entries(query).filter(([name]) => !refused.has(name))), refusal);
    },
  );
}

/** Text fields of a submitted form, to show it again as typed (files and the CSRF token left out). */
export function typedValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '_csrf',
    ),
  );
}
