/**
 * A fair's booth plan drawn on the server (worker/domain/fair.ts boothPlan): zones as titled
 * bands, booths as cells with their codes, a booth with an exhibitor filled. At 360 px one unit
 * is one CSS pixel; wider screens scale it up to a readable maximum. It is one image to
 * assistive technology, with no links or titles of its own: the text list below it names every
 * booth and exhibitor, so nobody tabs through 300 cells and a 300-booth plan stays small.
 */
import type { FairPlanView } from '../pages/FairPages';

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
      {plan.booths.map((booth) => (
        <>
          <rect
            class={booth.taken ? 'plan-booth is-taken' : 'plan-booth'}
            x={booth.x}
            y={booth.y}
            width={booth.width}
            height={booth.height}
            rx="3"
          />
          <text class="plan-booth-code" x={booth.x + booth.width / 2} y={booth.y + booth.height / 2 + 4}>
            {booth.code}
          </text>
        </>
      ))}
    </svg>
  );
}
