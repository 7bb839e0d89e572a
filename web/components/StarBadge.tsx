import type { Messages } from '../messages';

interface StarBadgeProps {
  t: Messages;
  stars: number;
}

/** The OCOP star badge; routes only hand it stars of an active certification. */
export function StarBadge({ t, stars }: StarBadgeProps) {
  return (
    <span class="star-badge">
      <span aria-hidden="true">{'★'.repeat(stars)}</span> {t.certification.stars(stars)}
    </span>
  );
}
