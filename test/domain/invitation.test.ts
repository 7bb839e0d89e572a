import { describe, expect, it } from 'vitest';
import {
  invitationExpiry,
  invitationState,
  isPlausibleLogin,
  normaliseLogin,
  roleAssignmentProblem,
  sameTaxCode,
} from '../../worker/domain/invitation';
import { accountChangeAccess, adminAreaAccess } from '../../worker/domain/policy';
import { apiTokenExpiry, isApiTokenLive, parseBearer, shouldTouchApiToken } from '../../worker/domain/api-scopes';

const now = new Date('2026-11-25T05:00:00.000Z');

describe('invitationState', () => {
  it('is valid until the expiry instant, then expired; used wins over both', () => {
    const expiresAt = invitationExpiry(now);
    expect(expiresAt).toBe('2026-12-02T05:00:00.000Z');
    expect(invitationState({ usedAt: null, expiresAt }, now)).toBe('valid');
    expect(invitationState({ usedAt: null, expiresAt }, new Date(expiresAt))).toBe('expired');
    expect(invitationState({ usedAt: now.toISOString(), expiresAt }, now)).toBe('used');
  });
});

describe('sameTaxCode', () => {
  it('ignores spaces, dots and case but not digits', () => {
    expect(sameTaxCode(' 3603 518.274 ', '3603518274')).toBe(true);
    expect(sameTaxCode('0100109106-001', '0100109106-001')).toBe(true);
    expect(sameTaxCode('3603518275', '3603518274')).toBe(false);
    expect(sameTaxCode('', '')).toBe(false);
  });
});

describe('roleAssignmentProblem', () => {
  it('ties producer members, and only them, to an organisation', () => {
    expect(roleAssignmentProblem('producer_member', 4)).toBeNull();
    expect(roleAssignmentProblem('producer_member', null)).toBe('producer_required');
    expect(roleAssignmentProblem('staff', 4)).toBe('producer_not_allowed');
    expect(roleAssignmentProblem('admin', null)).toBeNull();
  });
});

describe('logins typed by an administrator', () => {
  it('accepts e-mails and phone numbers and stores them the way sign-in looks them up', () => {
    expect(isPlausibleLogin('Lan@HTX.vn')).toBe(true);
    expect(isPlausibleLogin('0912 345 678')).toBe(true);
    expect(isPlausibleLogin('lan')).toBe(false);
    expect(normaliseLogin(' Lan@HTX.vn ')).toEqual({ email: 'lan@htx.vn', phone: null });
    expect(normaliseLogin('0912 345.678')).toEqual({ email: null, phone: '0912345678' });
  });
});

describe('account policy', () => {
  it('lets staff and admins into the admin area, and admins change only other accounts', () => {
    expect(adminAreaAccess({ id: 1, role: 'staff', producerId: null })).toBe('allow');
    expect(adminAreaAccess({ id: 1, role: 'producer_member', producerId: 3 })).toBe('forbidden');
    expect(accountChangeAccess({ id: 1, role: 'admin', producerId: null }, 2)).toBe('allow');
    expect(accountChangeAccess({ id: 1, role: 'admin', producerId: null }, 1)).toBe('forbidden');
    expect(accountChangeAccess({ id: 1, role: 'staff', producerId: null }, 2)).toBe('forbidden');
  });
});

describe('API tokens', () => {
  it('reads only our bearer tokens', () => {
    expect(parseBearer('Bearer ocop_abcdefghijklmnop')).toBe('ocop_abcdefghijklmnop');
    expect(parseBearer('bearer ocop_abcdefghijklmnop')).toBeNull();
    expect(parseBearer('Bearer ghp_abcdefghijklmnop')).toBeNull();
    expect(parseBearer('Bearer ocop_')).toBeNull();
    expect(parseBearer(undefined)).toBeNull();
  });

  it('is live until revoked or past its expiry', () => {
    expect(isApiTokenLive({ revokedAt: null, expiresAt: null }, now)).toBe(true);
    expect(isApiTokenLive({ revokedAt: null, expiresAt: apiTokenExpiry(now, 30) }, now)).toBe(true);
    expect(isApiTokenLive({ revokedAt: null, expiresAt: now.toISOString() }, now)).toBe(false);
    expect(isApiTokenLive({ revokedAt: now.toISOString(), expiresAt: null }, now)).toBe(false);
    expect(apiTokenExpiry(now, null)).toBeNull();
  });

  it('records use at most once a minute', () => {
    expect(shouldTouchApiToken(null, now)).toBe(true);
    expect(shouldTouchApiToken(new Date(now.getTime() - 59_000).toISOString(), now)).toBe(false);
    expect(shouldTouchApiToken(new Date(now.getTime() - 60_000).toISOString(), now)).toBe(true);
  });
});
