/**
 * Authorisation rules, all in one place. Routes ask these functions and act
 * on the answer; nothing else decides who may do what.
 */
import type { userRoles } from '../../db/schema';
import { AppError } from './errors';
import type { SalesPointStatus } from './sales-point';

export type Role = (typeof userRoles)[number];
export type Access = 'allow' | 'forbidden' | 'not_found';

export interface Actor {
  id: number;
  role: Role;
  producerId: number | null;
}

/** Act on a policy answer: 404 hides what a foreign organisation owns, 403 refuses the rest. */
export function enforce(access: Access): void {
  if (access === 'not_found') throw new AppError('not_found');
  if (access === 'forbidden') throw new AppError('forbidden');
}

/**
 * Data owned by one producer organisation (its products, lots, stamps,
 * orders, profile). A member of another organisation is told it does not
 * exist, so ids cannot be probed; staff and buyers are refused.
 */
export function producerDataAccess(actor: Actor, ownerProducerId: number): Access {
  if (actor.role === 'admin') return 'allow';
  if (actor.role === 'producer_member') return actor.producerId === ownerProducerId ? 'allow' : 'not_found';
  return 'forbidden';
}

/**
 * A consumer's report of a suspected fake: trade-promotion staff and administrators review every
 * report; a producer member only those about its own products (`ownerProducerId`, null when the
 * scanned code names no product of the platform), and is told others do not exist.
 */
export function fakeReportAccess(actor: Actor, ownerProducerId: number | null): Access {
  if (actor.role === 'admin' || actor.role === 'staff') return 'allow';
  if (actor.role === 'producer_member') {
    return ownerProducerId !== null && actor.producerId === ownerProducerId ? 'allow' : 'not_found';
  }
  return 'forbidden';
}

/** Sales points and trade fairs: trade-promotion staff and administrators. */
export function tradePromotionAccess(actor: Actor): Access {
  return actor.role === 'staff' || actor.role === 'admin' ? 'allow' : 'forbidden';
}

/**
 * A sales point as the producer portal shows it: every active point, where a member keeps its own
 * products listed; a proposal, whatever became of it, only to the organisation that made it (a
 * member of another is told it does not exist). Administrators see every one.
 */
export function portalSalesPointAccess(
  actor: Actor,
  point: { status: SalesPointStatus; proposedByProducerId: number | null },
): Access {
  if (actor.role === 'admin') return 'allow';
  if (actor.role !== 'producer_member') return 'forbidden';
  if (point.proposedByProducerId !== null && point.proposedByProducerId === actor.producerId) return 'allow';
  return point.status === 'active' ? 'allow' : 'not_found';
}

/** Changing a proposal's fields: only the organisation that made it (and administrators). */
export function proposalEditAccess(actor: Actor, point: { proposedByProducerId: number | null }): Access {
  if (actor.role === 'admin') return 'allow';
  if (actor.role !== 'producer_member') return 'forbidden';
  return point.proposedByProducerId !== null && point.proposedByProducerId === actor.producerId ? 'allow' : 'not_found';
}

/** Users, organisations, API tokens, audit log, certification ingest. */
export function administrationAccess(actor: Actor): Access {
  return actor.role === 'admin' ? 'allow' : 'forbidden';
}

/** The /admin area: its landing page serves staff and administrators; each section asks its own rule. */
export function adminAreaAccess(actor: Actor): Access {
  return actor.role === 'staff' || actor.role === 'admin' ? 'allow' : 'forbidden';
}

/**
 * Disabling an account or changing its role: administrators only, and never
 * on their own account, so the last administrator cannot lock everyone out.
 */
export function accountChangeAccess(actor: Actor, targetUserId: number): Access {
  if (actor.role !== 'admin') return 'forbidden';
  return actor.id === targetUserId ? 'forbidden' : 'allow';
}

/** Where a user lands after signing in. */
export function homePathFor(role: Role): string {
  switch (role) {
    case 'producer_member':
      return '/portal';
    case 'staff':
    case 'admin':
      return '/admin';
    case 'buyer':
      return '/';
  }
}

/**
 * A post-login redirect target the user asked for, as a path on this site, or null.
 *
 * The value is resolved the way a browser resolves a Location header (the WHATWG URL parser, which
 * drops tabs and newlines, reads a backslash as a slash and decodes nothing else) against the
 * site's origin, and kept only when it lands on that origin. What comes back is the parsed URL's
 * own serialisation, so it carries no control character (no header injection) and, having no
 * leading "//", cannot be read as another host when the browser resolves it again.
 */
export function safeNextPath(next: string | undefined, origin: string): string | null {
  if (!next || !next.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  return path;
}

/** Every order, the payments to review and what the platform owes producers: trade-promotion staff and administrators. */
export function marketplaceStaffAccess(actor: Actor): Access {
  return actor.role === 'staff' || actor.role === 'admin' ? 'allow' : 'forbidden';
}
