/**
 * A fair's booth plan drawn on the server (worker/domain/fair.ts boothPlan): zones as titled
 * bands, booths as cells with their codes, a booth with an exhibitor filled. At 360 px one unit
 * is one CSS pixel; wider screens scale it up to a readable maximum. It is one image to
 * assistive technology, with no links or titles of its own: the text list below it names every
 * booth and exhibitor, so nobody tabs through 300 cells. Booths are grouped by state, cells first
 * and codes over them, so their look is set once per group rather than on each of 300 elements:
 * a 300-booth plan is 27 KB instead of 44 KB, on every phone that opens the fair.
 */
import type { FairPlanView } from '../pages/FairPages';

type Booth = FairPlanView['booths'][number];

function BoothGroups({ booths, taken }: { booths: Booth[]; taken: boolean }) {
  if (booths.length === 0) return null;
  const state = taken ? ' is-taken' : '';
  return (
    <>
      <g class={`plan-booths${state}`}>
        {booths.map((booth) => (
          <rect x={booth.x} y={booth.y} width={booth.width} height={booth.height} rx="3" />
        ))}
      </g>
      <g class={`plan-booth-codes${state}`}>
        {booths.map((booth) => (
          <text x={booth.x + booth.width / 2} y={booth.y + booth.height / 2 + 4}>
            {booth.code}
          </text>
        ))}
      </g>
    </>
  );
}

export function BoothPlanSvg({ plan, label }: { plan: FairPlanView; label: string }) {
  return (
    <svg
      class="booth-plan"
      viewBox={`0 0 ${plan.width} ${plan.height}`}
      width={plan.width}
      height={plan.height}
      role="img"
      aria-label={label}
      xmlns="http://www.w3.org/2000/svg"
    >
      {plan.zones.map((zone) => (
        <g>
          <rect class="plan-zone" x={zone.x} y={zone.y} width={zone.width} height={zone.height} rx="6" />
          <text class="plan-zone-label" x={zone.labelX} y={zone.labelY}>
            {zone.name}
          </text>
        </g>
      ))}
      <BoothGroups booths={plan.booths.filter((booth) => !booth.taken)} taken={false} />
      <BoothGroups booths={plan.booths.filter((booth) => booth.taken)} taken={true} />
    </svg>
  );
}
