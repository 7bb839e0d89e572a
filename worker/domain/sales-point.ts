/**
 * A sales point's life and what it may stock (DOMAIN.md: OCOP showcase and sales points). Staff
 * create points active; a producer's proposal waits until staff approve or reject it with a
 * reason; an active point may close and reopen. Only products with a valid OCOP certification of
 * 3 stars or more may be listed at a point as OCOP goods (Decision 950/QĐ-BCT).
 */
import type { salesPointStatuses } from '../../db/schema';
import { MIN_CERTIFIED_STARS, type CertificationStatus } from './certification';

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

/** The actions a point in `status` offers staff, in the order its page shows them. */
export const actionsFor = (status: SalesPointStatus): SalesPointAction[] =>
  SALES_POINT_ACTIONS.filter((action) => salesPointTransition(status, action) !== null);

/**
 * Rejecting a proposal, closing a point and reopening it say why: the reason is shown to the
 * producer who proposed it and kept in the audit log. Approving may add a note, or not.
 */
export const actionNeedsReason = (action: SalesPointAction): boolean => action !== 'approve';

/** Only an active point is shown to the public, stocks goods and appears near anyone. */
export const isPublicStatus = (status: SalesPointStatus): boolean => status === 'active';

/** A producer edits its own proposal until staff decide on it. */
export const isEditableProposal = (status: SalesPointStatus): boolean => status === 'proposed';

/** What decides whether a point may list a product: its catalogue fields and its latest certification decision. */
export interface StockableFacts {
  isPublished: boolean;
  /** Stars of the current valid certification of 3 stars or more (null when there is none). */
  ocopStars: number | null;
  certifiedUntil: string | null;
  /** The latest decision that was not superseded, whatever its stars, or null when there was none. */
  latest: { stars: number; status: CertificationStatus; validUntil: string } | null;
}

/** Why a point may not list a product as OCOP goods. */
export type StockRefusal =
  | { reason: 'not_certified' }
  /** 1 and 2 star results are recorded, but they are not OCOP certifications. */
  | { reason: 'below_minimum_stars'; stars: number }
  | { reason: 'revoked' }
  | { reason: 'expired'; validUntil: string }
  /** Hidden from the catalogue by its producer: a point's page could not link to it. */
  | { reason: 'unpublished' };

/**
 * Whether a product may be listed at a point today: only with a valid OCOP certification of 3
 * stars or more (Decision 950/QĐ-BCT), and shown in the catalogue. Null when it may; else why not,
 * in the words a producer can act on.
 */
export function stockRefusal(product: StockableFacts, today: string): StockRefusal | null {
  const { ocopStars, certifiedUntil, latest } = product;
  if (ocopStars === null || ocopStars < MIN_CERTIFIED_STARS || certifiedUntil === null) {
    if (latest?.status === 'revoked') return { reason: 'revoked' };
    if (latest && latest.stars < MIN_CERTIFIED_STARS) return { reason: 'below_minimum_stars', stars: latest.stars };
    if (latest && latest.validUntil < today) return { reason: 'expired', validUntil: latest.validUntil };
    return { reason: 'not_certified' };
  }
  if (certifiedUntil < today) return { reason: 'expired', validUntil: certifiedUntil };
  if (!product.isPublished) return { reason: 'unpublished' };
  return null;
}

/** How many nearby points the product and scan pages show. */
export const NEARBY_POINTS = 3;

/** Radius of "near me" when none is asked for, and the largest one may ask for. */
export const DEFAULT_RADIUS_KM = 50;
export const MAX_RADIUS_KM = 500;
