/**
 * Applications to exhibit at a fair. A producer applies while the fair takes applications, with
 * the products it will show; staff accept it (with a booth) or reject it with a reason, and may
 * add an exhibitor directly at any time before the fair ends. Accepting again moves the exhibitor
 * to another booth; rejecting an accepted exhibitor frees its booth.
 */
import type { fairExhibitorStatuses } from '../../db/schema';
import type { FairStatus } from './fair';

export type ExhibitorStatus = (typeof fairExhibitorStatuses)[number];
export type ApplicationAction = 'accept' | 'reject';

/** The status after staff's decision, or null when it is not one to take now. */
export function applicationTransition(
  status: ExhibitorStatus,
  action: ApplicationAction,
  fair: FairStatus,
): ExhibitorStatus | null {
  if (fair === 'finished' || fair === 'draft') return null;
  if (action === 'accept') return status === 'applied' || status === 'accepted' ? 'accepted' : null;
  return status === 'applied' || status === 'accepted' ? 'rejected' : null;
}

/** Producers apply only while the window is open; a rejected producer may apply again then. */
export const takesApplications = (fair: FairStatus): boolean => fair === 'open_for_applications';

/** Staff may add exhibitors to a fair that has not ended, published or not. */
export const takesExhibitors = (fair: FairStatus): boolean => fair !== 'finished';

/** Products one exhibitor enters; a real booth shows a dozen at most. */
export const MAX_ENTERED_PRODUCTS = 30;

/** A producer may withdraw its own application while staff have not decided it. */
export const canWithdraw = (status: ExhibitorStatus, fair: FairStatus): boolean =>
  status === 'applied' && fair !== 'finished';

/**
 * Why a producer may not apply now, or null: only while the fair takes applications, once (an
 * application waiting or accepted stands; a rejected one may be sent again).
 */
export function applicationRefusal(
  existing: ExhibitorStatus | null,
  fair: FairStatus,
): 'applications_closed' | 'already_applied' | 'already_exhibiting' | null {
  if (!takesApplications(fair)) return 'applications_closed';
  if (existing === 'applied') return 'already_applied';
  if (existing === 'accepted') return 'already_exhibiting';
  return null;
}
