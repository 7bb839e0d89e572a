/**
 * A sales point's life and what it may stock (DOMAIN.md: OCOP showcase and sales points). Staff
 * create points active; a producer's proposal waits until staff approve or reject it with a
 * reason; an active point may close and reopen. Only products with a valid OCOP certification of
 * 3 stars or more may be listed at a point as OCOP goods (Decision 950/QĐ-BCT).
 */
import type { salesPointStatuses } from '../../db/schema';
import { isListed } from './certification';

export type SalesPointStatus = (typeof salesPointStatuses)[number];

export const SALES_POINT_ACTIONS = ['approve', 'reject', 'close', 'reopen'] as const;
export type SalesPointAction = (typeof SALES_POINT_ACTIONS)[number];

const TRANSITIONS: Record<SalesPointAction, { from: SalesPointStatus; to: SalesPointStatus }> = {
  approve: { from: 'proposed', to: 'active' },
  reject: { from: 'proposed', to: 'rejected' },
  close: { from: 'active', to: 'closed' },
  reopen: { from: 'closed', to: 'active' },
};

/** The status after `action`, or null when the point's status does not allow it. */
export function salesPointTransition(status: SalesPointStatus, action: SalesPointAction): SalesPointStatus | null {
  const transition = TRANSITIONS[action];
  return transition.from === status ? transition.to : null;
}

/** Rejecting a proposal and closing a point say why; the reason is shown to the producer and kept in the audit log. */
export const actionNeedsReason = (action: SalesPointAction): boolean => action === 'reject' || action === 'close';

/** Only an active point is shown to the public, stocks goods and appears near anyone. */
export const isPublicStatus = (status: SalesPointStatus): boolean => status === 'active';

/** A producer edits its own proposal until staff decide on it. */
export const isEditableProposal = (status: SalesPointStatus): boolean => status === 'proposed';

/** Whether a product may be listed at a point: a valid OCOP certification of 3 stars or more, today. */
export const mayBeStocked = (
  product: { isPublished: boolean; ocopStars: number | null; certifiedUntil: string | null },
  today: string,
): boolean => isListed(product, today);

/** How many nearby points the product and scan pages show. */
export const NEARBY_POINTS = 3;

/** Radius of "near me" when none is asked for, and the largest one may ask for. */
export const DEFAULT_RADIUS_KM = 50;
export const MAX_RADIUS_KM = 500;
