/**
 * What a search form refused, first above the form: each filter by its label, linked to its field
 * when the form shows one (a field a visitor types into also shows its problem beside itself).
 */
import type { PageContext } from '../page-context';
import type { FilterProblem } from '../views';

interface FilterProblemsProps {
  ctx: PageContext;
  problems: FilterProblem[];
  /** The id of each filter's field on this form. */
  fieldIds: Record<string, string>;
}

export function FilterProblems({ ctx, problems, fieldIds }: FilterProblemsProps) {
  if (problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{ctx.t.errors.fieldProblem}</p>
      <ul>
        {problems.map((problem) => {
          const id = fieldIds[problem.field];
          return (
            <li>
              {id ? <a href={`#${id}`}>{problem.label}</a> : problem.label}: {problem.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
