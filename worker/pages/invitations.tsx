/**
 * /invitations/:token: accepting a one-time link. An invitation or a claim
 * creates the account (a claim also marks the organisation claimed), a reset
 * sets a new password and ends every other session; then the person is signed
 * in. The token is looked up by its SHA-256 only.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { InvitationPage, InvitationUnavailablePage } from '../../web/pages/InvitationPage';
import { createSession, deleteSession } from '../data/accounts';
import {
  acceptJoin,
  acceptReset,
  findInvitation,
  isConstraintFailure,
  type InvitationWithProducer,
} from '../data/invitations';
import { invitationPath, invitationState, sameTaxCode } from '../domain/invitation';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain/password';
import { homePathFor } from '../domain/policy';
import { setSessionCookie } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { csrfToken } from '../lib/csrf';
import { AppError, notFound, type FieldIssue } from '../lib/errors';
import { readForm } from '../lib/form-body';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { sha256Hex } from '../lib/tokens';
import { toValidationError } from '../lib/validation';

export const invitationRoutes = new Hono<AppEnv>();

const acceptForm = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
  passwordConfirm: z.string().max(MAX_PASSWORD_LENGTH),
  taxCode: z.string().trim().max(20).optional(),
});

/** The invitation behind the URL's token, or the answer to give when there is none to accept. */
async function lookUp(c: Context<AppEnv>): Promise<InvitationWithProducer | Response> {
  const found = await findInvitation(c.var.db, await sha256Hex(c.req.param('token') ?? ''));
  if (!found || (found.invitation.purpose === 'password_reset' && !found.user)) throw notFound();
  const state = invitationState(found.invitation, new Date());
  if (state !== 'valid')
    return c.html(<InvitationUnavailablePage ctx={pageContext(c)} reason={state} />, StatusCodes.GONE);
  return found;
}

function renderForm(
  c: Context<AppEnv>,
  found: InvitationWithProducer,
  extra: { displayName?: string; issues?: FieldIssue[] } = {},
) {
  const { invitation, producer, user } = found;
  return (
    <InvitationPage
      ctx={pageContext(c)}
      csrfToken={csrfToken(c)}
      action={invitationPath(c.req.param('token') ?? '')}
      purpose={invitation.purpose}
      role={invitation.role}
      login={invitation.email ?? invitation.phone ?? user?.email ?? user?.phone ?? ''}
      organisation={producer?.name ?? null}
      accountName={user?.displayName ?? null}
      {...extra}
    />
  );
}

invitationRoutes.get('/invitations/:token', async (c) => {
  const found = await lookUp(c);
  if (found instanceof Response) return found;
  return c.html(renderForm(c, found));
});

invitationRoutes.post('/invitations/:token', async (c) => {
  const found = await lookUp(c);
  if (found instanceof Response) return found;
  const { invitation, producer, user } = found;
  const { t } = c.var;

  const parsed = acceptForm.safeParse(await readForm(c));
  const issues = parsed.success ? [] : toValidationError(parsed.error, t).issues;
  const form = parsed.success ? parsed.data : null;
  if (form && form.password !== form.passwordConfirm) {
    issues.push({ field: 'passwordConfirm', message: t.invitations.passwordMismatch });
  }
  if (form && invitation.purpose !== 'password_reset' && !form.displayName) {
    issues.push({ field: 'displayName', message: t.errors.fields.required });
  }
  if (form && invitation.purpose === 'claim' && !sameTaxCode(form.taxCode ?? '', invitation.taxCode ?? '')) {
    issues.push({ field: 'taxCode', message: t.invitations.taxCodeMismatch });
  }
  if (!form || issues.length > 0) {
    return c.html(renderForm(c, found, { displayName: form?.displayName ?? '', issues }), StatusCodes.BAD_REQUEST);
  }
  if (invitation.purpose === 'claim' && producer?.claimedAt) {
    throw new AppError('conflict', { detail: t.admin.problems.alreadyClaimed });
  }

  const now = new Date();
  const passwordHash = await hashPassword(form.password);
  let userId: number;
  let role = invitation.role ?? 'buyer';
  try {
    if (invitation.purpose === 'password_reset') {
      userId = user!.id;
      role = user!.role;
      await acceptReset(c.var.db, invitation, userId, passwordHash, now);
    } else {
      userId = await acceptJoin(
        c.var.db,
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
  } catch (error) {
    // Used by a concurrent request, or the e-mail/phone was taken since the link was made.
    if (isConstraintFailure(error)) throw new AppError('conflict');
    throw error;
  }

  if (c.var.session) await deleteSession(c.var.db, c.var.session.idHash);
  const session = await createSession(c.var.db, userId, now, c.req.header('user-agent') ?? null);
  setSessionCookie(c, session.token);
  return c.redirect(homePathFor(role), StatusCodes.SEE_OTHER);
});
