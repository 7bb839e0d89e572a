import { describe, expect, it } from 'vitest';
import { portalSalesPointAccess, proposalEditAccess, type Actor } from '../../worker/domain/policy';
import {
  actionNeedsReason,
  actionsFor,
  isEditableProposal,
  salesPointTransition,
  stockRefusal,
  type SalesPointStatus,
  type StockableFacts,
} from '../../worker/domain/sales-point';

const STATUSES: SalesPointStatus[] = ['proposed', 'active', 'closed', 'rejected'];

describe('salesPointTransition', () => {
  it('approves or rejects a proposal, closes an active point and reopens a closed one, and nothing else', () => {
    const allowed = STATUSES.flatMap((status) =>
      (['approve', 'reject', 'close', 'reopen'] as const).flatMap((action) => {
        const to = salesPointTransition(status, action);
        return to ? [`${status} --${action}--> ${to}`] : [];
      }),
    );
    expect(allowed).toEqual([
      'proposed --approve--> active',
      'proposed --reject--> rejected',
      'active --close--> closed',
      'closed --reopen--> active',
    ]);
  });

  it('offers staff the actions of each status, in page order', () => {
    expect(actionsFor('proposed')).toEqual(['approve', 'reject']);
    expect(actionsFor('active')).toEqual(['close']);
    expect(actionsFor('closed')).toEqual(['reopen']);
    expect(actionsFor('rejected')).toEqual([]);
  });

  it('wants a reason for everything but an approval', () => {
    expect(actionNeedsReason('approve')).toBe(false);
    expect(actionNeedsReason('reject')).toBe(true);
    expect(actionNeedsReason('close')).toBe(true);
    expect(actionNeedsReason('reopen')).toBe(true);
  });

  it('lets a producer edit a proposal only while it waits', () => {
    expect(STATUSES.filter(isEditableProposal)).toEqual(['proposed']);
  });
});

describe('stockRefusal', () => {
  const today = '2026-12-05';
  const certified: StockableFacts = {
    isPublished: true,
    ocopStars: 4,
    certifiedUntil: '2027-06-30',
    latest: { stars: 4, status: 'active', validUntil: '2027-06-30' },
  };

  it('lets a published product with a valid certification of 3 stars or more be listed', () => {
    expect(stockRefusal(certified, today)).toBeNull();
    expect(stockRefusal({ ...certified, ocopStars: 3 }, today)).toBeNull();
    // Valid to the end of its last day.
    expect(stockRefusal({ ...certified, certifiedUntil: today }, today)).toBeNull();
  });

  it('says why a product may not be listed', () => {
    const none = { isPublished: true, ocopStars: null, certifiedUntil: null };
    expect(stockRefusal({ ...none, latest: null }, today)).toEqual({ reason: 'not_certified' });
    expect(stockRefusal({ ...none, latest: { stars: 2, status: 'active', validUntil: '2028-01-01' } }, today)).toEqual({
      reason: 'below_minimum_stars',
      stars: 2,
    });
    expect(stockRefusal({ ...none, latest: { stars: 5, status: 'revoked', validUntil: '2028-01-01' } }, today)).toEqual(
      {
        reason: 'revoked',
      },
    );
    expect(stockRefusal({ ...none, latest: { stars: 3, status: 'expired', validUntil: '2026-11-30' } }, today)).toEqual(
      {
        reason: 'expired',
        validUntil: '2026-11-30',
      },
    );
    // Before the nightly job marks it expired, the date alone decides.
    expect(stockRefusal({ ...certified, certifiedUntil: '2026-12-04' }, today)).toEqual({
      reason: 'expired',
      validUntil: '2026-12-04',
    });
    expect(stockRefusal({ ...certified, isPublished: false }, today)).toEqual({ reason: 'unpublished' });
  });
});

describe('who sees a sales point in the portal', () => {
  const member: Actor = { id: 1, role: 'producer_member', producerId: 7 };
  const other: Actor = { id: 2, role: 'producer_member', producerId: 8 };
  const admin: Actor = { id: 3, role: 'admin', producerId: null };
  const staff: Actor = { id: 4, role: 'staff', producerId: null };

  it('shows every active point to members, and a proposal only to the organisation that made it', () => {
    for (const status of STATUSES) {
      const own = { status, proposedByProducerId: 7 };
      expect(portalSalesPointAccess(member, own), status).toBe('allow');
      expect(portalSalesPointAccess(other, own), status).toBe(status === 'active' ? 'allow' : 'not_found');
      expect(portalSalesPointAccess(admin, own), status).toBe('allow');
      expect(portalSalesPointAccess(staff, own), status).toBe('forbidden');
    }
    expect(portalSalesPointAccess(member, { status: 'closed', proposedByProducerId: null })).toBe('not_found');
  });

  it('lets only the proposing organisation (and administrators) edit a proposal', () => {
    expect(proposalEditAccess(member, { proposedByProducerId: 7 })).toBe('allow');
    expect(proposalEditAccess(other, { proposedByProducerId: 7 })).toBe('not_found');
    expect(proposalEditAccess(member, { proposedByProducerId: null })).toBe('not_found');
    expect(proposalEditAccess(admin, { proposedByProducerId: 7 })).toBe('allow');
    expect(proposalEditAccess(staff, { proposedByProducerId: 7 })).toBe('forbidden');
  });
});
