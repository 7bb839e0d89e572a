/**
 * /invitations/:token: accepting a one-time link. An invitation or a claim
 * creates the account (a claim also marks the organisation claimed), a reset
 * sets a new password and ends every other session; then the person is signed
 * in. The token is looked up by its SHA-256 only.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { InvitationPage, InvitationUnavailablePage } from '../../web/pages/InvitationPage';
import { findInvitation, type InvitationWithProducer } from '../data/invitations';
import { acceptanceProblems, invitationPath, invitationState } from '../domain/invitation';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain/password';
import { homePathFor } from '../domain/policy';
import { setSessionCookie } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { readForm } from '../lib/form-body';
import { csrfToken } from '../lib/csrf';
import { AppError, fieldIssues, notFound, type FieldIssue } from '../lib/errors';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { sha256Hex } from '../crypto/digest';
import { toValidationError } from '../lib/validation';
import { acceptInvitation } from '../services/invitations';

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
  const { invitation, producer } = found;
  const { t } = c.var;
  const parsed = acceptForm.safeParse(await readForm(c));
  const issues = parsed.success
    ? fieldIssues(new AppError('validation_failed', { problems: acceptanceProblems(invitation, parsed.data) }), t)
    : toValidationError(parsed.error, t).issues;
  if (!parsed.success || issues.length > 0) {
    const displayName = parsed.success ? (parsed.data.displayName ?? '') : '';
    return c.html(renderForm(c, found, { displayName, issues }), StatusCodes.BAD_REQUEST);
  }
  if (invitation.purpose === 'claim' && producer?.claimedAt) {
    throw new AppError('conflict', { detail: t.admin.problems.alreadyClaimed });
  }
  const accepted = await acceptInvitation(c.var.db, found, parsed.data, {
    previousSessionIdHash: c.var.session?.idHash ?? null,
    userAgent: c.req.header('user-agent') ?? null,
  });
  setSessionCookie(c, accepted.sessionToken);
  return c.redirect(homePathFor(accepted.role), StatusCodes.SEE_OTHER);
});
