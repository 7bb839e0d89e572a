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
 * with every refused filter's problem for the page to show beside its field, at the refusal's
 * status. Leaving one filter out can bring another's problem to light (a page past the last of
 * fewer results), so it tries again until the page can be shown; each try has fewer filters.
 */
export async function searchForm(
  c: Context<AppEnv>,
  show: (query: Record<string, string>, refusal: Refusal | null) => Promise<Response>,
): Promise<Response> {
  let query = c.req.query();
  let refusal = null as Refusal | null;
  for (;;) {
    try {
      return await show(query, refusal);
    } catch (error) {
      if (!(error instanceof AppError) || !error.namesFields) throw error;
      const issues = fieldIssues(error, c.var.t);
      const refused = new Set(issues.map((issue) => issue.field));
      const rest = Object.fromEntries(Object.entries(query).filter(([name]) => !refused.has(name)));
      // A problem that names no filter given cannot be mended by leaving one out.
      if (Object.keys(rest).length === Object.keys(query).length) throw error;
      query = rest;
      refusal = { issues: [...(refusal?.issues ?? []), ...issues], status: statusOf(error) };
    }
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
