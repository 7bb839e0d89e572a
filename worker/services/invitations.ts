/**
 * Accepting a one-time link: an invitation or a claim creates the account (a claim also marks
 * the organisation claimed), a reset sets a new password and ends every other session; then the
 * person is signed in with a fresh session.
 */
import { hashPassword } from '../crypto/password';
import type { Database } from '../data/db';
import { acceptJoin, acceptReset, type InvitationWithProducer } from '../data/invitations';
import { createSession, deleteSession } from '../data/sessions';
import type { Role } from '../domain/policy';

export interface Acceptance {
  displayName?: string | undefined;
  password: string;
}

export async function acceptInvitation(
  db: Database,
  found: InvitationWithProducer,
  form: Acceptance,
  browser: { previousSessionIdHash: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ role: Role; sessionToken: string }> {
  const { invitation, user } = found;
  const passwordHash = await hashPassword(form.password);
  let userId: number;
  let role = invitation.role ?? 'buyer';
  if (invitation.purpose === 'password_reset') {
    userId = user!.id;
    role = user!.role;
    await acceptReset(db, invitation, userId, passwordHash, now);
  } else {
    userId = await acceptJoin(
      db,
      invitation,
      {
        email: invitation.email,
        phone: invitation.phone,
        displayName: form.displayName!,
        passwordHash,
        role,
        producerId: invitation.producerId,
      },
      now,
      invitation.purpose === 'claim' ? invitation.producerId : null,
    );
  }
  if (browser.previousSessionIdHash) await deleteSession(db, browser.previousSessionIdHash);
  const session = await createSession(db, userId, now, browser.userAgent);
  return { role, sessionToken: session.token };
}
