/** What a search form refused, for filters that do not show their problem beside themselves. */
import type { PageContext } from '../page-context';
import type { FilterProblem } from '../views';

export function FilterProblems({ ctx, problems }: { ctx: PageContext; problems: FilterProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{ctx.t.errors.fieldProblem}</p>
      <ul>
        {problems.map((problem) => (
          <li>
            {problem.label}: {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
