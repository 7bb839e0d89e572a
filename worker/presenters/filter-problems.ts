/** A search form's refused filters, named by the labels the form shows them with. */
import type { FilterProblem } from '../../web/views';
import type { FieldIssue } from '../domain/errors';

export const filterProblems = (
  issues: FieldIssue[],
  labels: Record<string, string>,
  typed: Record<string, string>,
): FilterProblem[] =>
  issues.map((issue) => ({
    field: issue.field,
    label: labels[issue.field] ?? issue.field,
    message: issue.message,
    typed: typed[issue.field] ?? '',
  }));
