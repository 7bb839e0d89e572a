/**
 * One-time links: invitations to join, password resets and claims of a
 * producer organisation. The link carries a random token; only its SHA-256 is
 * stored, and a link works once, within its validity.
 */
import { problem, type FieldProblem } from './errors';
import { parseLogin } from './login';
import type { Role } from './policy';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const invitationPurposes = ['invite', 'password_reset', 'claim'] as const;
export type InvitationPurpose = (typeof invitationPurposes)[number];
/** Roles an administrator can invite; buyers sign themselves up when they want an account. */
export const invitableRoles = ['producer_member', 'staff', 'admin'] as const satisfies readonly Role[];

export type InvitationState = 'valid' | 'used' | 'expired';

export function invitationExpiry(now: Date): string {
  return new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
}

export function invitationState(invitation: { usedAt: string | null; expiresAt: string }, now: Date): InvitationState {
  if (invitation.usedAt !== null) return 'used';
  return invitation.expiresAt > now.toISOString() ? 'valid' : 'expired';
}

export const invitationPath = (token: string) => `/invitations/${token}`;

/** What became of a one-time link: shown to the administrator to pass on, or delivered by a sender. */
export type Delivery = { kind: 'show_to_admin'; link: string } | { kind: 'delivered'; to: string };

/** Tax codes compare without spaces, dots or case, as people type them from paper certificates. */
export function sameTaxCode(typed: string, stored: string): boolean {
  const normal = (code: string) => code.replace(/[\s.]/g, '').toUpperCase();
  return normal(typed) !== '' && normal(typed) === normal(stored);
}

/** A producer member must belong to exactly one organisation; other roles belong to none. */
export function roleAssignmentProblem(
  role: Role,
  producerId: number | null,
): 'producer_required' | 'producer_not_allowed' | null {
  if (role === 'producer_member') return producerId === null ? 'producer_required' : null;
  return producerId === null ? null : 'producer_not_allowed';
}

/** An e-mail address or a phone number (Vietnamese or international form), as far as a form can tell. */
export function isPlausibleLogin(login: string): boolean {
  const trimmed = login.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) || /^\+?[0-9][0-9 .-]{8,14}$/.test(trimmed);
}

/** How an e-mail or phone typed by an administrator is stored, matching how login looks it up. */
export function normaliseLogin(login: string): { email: string | null; phone: string | null } {
  const parsed = parseLogin(login);
  return parsed.kind === 'email' ? { email: parsed.value, phone: null } : { email: null, phone: parsed.value };
}

/** What accepting a link needs beyond each field's own shape: matching passwords, a name, the right tax code. */
export function acceptanceProblems(
  invitation: { purpose: InvitationPurpose; taxCode: string | null },
  form: { displayName?: string | undefined; password: string; passwordConfirm: string; taxCode?: string | undefined },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (form.password !== form.passwordConfirm) problems.push(problem('passwordConfirm', 'password_mismatch'));
  if (invitation.purpose !== 'password_reset' && !form.displayName) problems.push(problem('displayName', 'required'));
  if (invitation.purpose === 'claim' && !sameTaxCode(form.taxCode ?? '', invitation.taxCode ?? '')) {
    problems.push(problem('taxCode', 'tax_code_mismatch'));
  }
  return problems;
}
