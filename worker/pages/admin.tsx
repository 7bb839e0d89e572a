/**
 * The /admin area. Its landing page serves trade-promotion staff and
 * administrators; accounts, organisations and one-time links are for
 * administrators only. Who may do what is decided by worker/domain/policy.ts
 * through requireAccess and enforce, never here.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AdminHomePage } from '../../web/pages/admin/AdminHomePage';
import { InvitePage } from '../../web/pages/admin/InvitePage';
import { LinkCreatedPage } from '../../web/pages/admin/LinkCreatedPage';
import { OrganisationsPage } from '../../web/pages/admin/OrganisationsPage';
import { UserPage } from '../../web/pages/admin/UserPage';
import { UsersPage } from '../../web/pages/admin/UsersPage';
import { userRoles } from '../../db/schema';
import { changeUserRole, findUserForAdmin, listUsers, setUserStatus } from '../data/users';
import { findProducerSummary, listOrganisations } from '../data/producers';
import { countWaitingProposals } from '../data/sales-points';
import { createInvitation, loginTaken, type NewInvitation } from '../data/invitations';
import {
  invitableRoles,
  invitationExpiry,
  invitationPath,
  isPlausibleLogin,
  normaliseLogin,
  roleAssignmentProblem,
} from '../domain/invitation';
import { parseLogin } from '../domain/login';
import { accountChangeAccess, adminAreaAccess, administrationAccess } from '../domain/policy';
import { enforce } from '../domain/policy';
import { requireAccess, requireUser } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { toAdminUserView, toOrganisationView } from '../presenters/administration';
import { ADMIN_PAGE_SIZE, pageParam } from '../schemas/admin';
import { csrfToken } from '../lib/csrf';
import { AppError, notFound } from '../lib/errors';
import { readForm } from '../lib/form-body';
import { submitForm, typedValues } from '../lib/forms';
import { invitationSender } from '../gateways/invitation-sender';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { randomToken } from '../crypto/random';
import { sha256Hex } from '../crypto/digest';
import { parseInput } from '../lib/validation';

export const admin = new Hono<AppEnv>();

for (const path of ['/admin', '/admin/*']) admin.use(path, requireUser, requireAccess(adminAreaAccess));
for (const section of ['users', 'invitations', 'organisations', 'api-tokens', 'audit']) {
  for (const path of [`/admin/${section}`, `/admin/${section}/*`]) admin.use(path, requireAccess(administrationAccess));
}

/** An optional select: the empty "all" option means no filter. */
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.enum(values).optional());
const optionalId = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.coerce.number().int().positive().optional(),
);
const idParam = z.object({ id: z.coerce.number().int().positive() });
const loginField = z.string().trim().min(1).max(254);

const actorOf = (c: Context<AppEnv>) => c.var.user!;

function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', { issues: [{ field, message }] });
}

/** Store a one-time link, hand it to the sender, and show the admin what happened (the link itself, by default). */
async function issueLink(c: Context<AppEnv>, invitation: Omit<NewInvitation, 'tokenHash' | 'expiresAt' | 'createdBy'>) {
  const token = randomToken();
  const expiresAt = invitationExpiry(new Date());
  await createInvitation(c.var.db, {
    ...invitation,
    tokenHash: await sha256Hex(token),
    expiresAt,
    createdBy: actorOf(c).id,
  });
  const delivery = await invitationSender().send({
    purpose: invitation.purpose,
    link: `${new URL(c.req.url).origin}${invitationPath(token)}`,
    email: invitation.email ?? null,
    phone: invitation.phone ?? null,
    expiresAt,
  });
  return c.html(
    <LinkCreatedPage
      ctx={pageContext(c)}
      purpose={invitation.purpose}
      recipient={invitation.email ?? invitation.phone ?? ''}
      expiresAt={expiresAt}
      delivery={delivery}
    />,
    StatusCodes.CREATED,
  );
}

async function freshLogin(c: Context<AppEnv>, typed: string) {
  if (!isPlausibleLogin(typed)) throw fieldError('login', c.var.t.admin.problems.loginInvalid);
  if (await loginTaken(c.var.db, parseLogin(typed))) throw fieldError('login', c.var.t.admin.problems.loginTaken);
  return normaliseLogin(typed);
}

admin.get('/admin', async (c) => {
  const user = actorOf(c);
  const waitingProposals = await countWaitingProposals(c.var.db);
  return c.html(
    <AdminHomePage ctx={pageContext(c)} role={user.role} name={user.displayName} waitingProposals={waitingProposals} />,
  );
});

// ---------------------------------------------------------------- accounts

const usersQuery = z.object({
  role: optionalChoice(userRoles),
  status: optionalChoice(['active', 'disabled'] as const),
  page: pageParam,
});

admin.get('/admin/users', async (c) => {
  const query = parseInput(c, usersQuery, c.req.query());
  const rows = await listUsers(c.var.db, query, ADMIN_PAGE_SIZE, (query.page - 1) * ADMIN_PAGE_SIZE);
  return c.html(
    <UsersPage
      ctx={pageContext(c)}
      users={rows.slice(0, ADMIN_PAGE_SIZE).map(toAdminUserView)}
      filter={query}
      page={query.page}
      hasNext={rows.length > ADMIN_PAGE_SIZE}
    />,
  );
});

async function targetUser(c: Context<AppEnv>) {
  const { id } = parseInput(c, idParam, c.req.param());
  const user = await findUserForAdmin(c.var.db, id);
  if (!user) throw notFound();
  return user;
}

admin.get('/admin/users/:id', async (c) => {
  const user = await targetUser(c);
  return c.html(
    <UserPage
      ctx={pageContext(c)}
      user={toAdminUserView(user)}
      csrfToken={csrfToken(c)}
      isSelf={accountChangeAccess(actorOf(c), user.id) !== 'allow'}
    />,
  );
});

admin.post('/admin/users/:id/status', async (c) => {
  const user = await targetUser(c);
  enforce(accountChangeAccess(actorOf(c), user.id));
  const { status } = parseInput(c, z.object({ status: z.enum(['active', 'disabled']) }), await readForm(c));
  if (status !== user.status) await setUserStatus(c.var.db, user, status, actorOf(c).id);
  return c.redirect(`/admin/users/${user.id}`, StatusCodes.SEE_OTHER);
});

const roleForm = z.object({ role: z.enum(userRoles), producerId: optionalId });

admin.post('/admin/users/:id/role', async (c) => {
  const user = await targetUser(c);
  enforce(accountChangeAccess(actorOf(c), user.id));
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const form = parseInput(c, roleForm, body);
      const producerId = form.producerId ?? null;
      await checkAssignment(c, form.role, producerId);
      if (form.role !== user.role || producerId !== user.producerId) {
        await changeUserRole(c.var.db, user, { role: form.role, producerId }, actorOf(c).id);
      }
      return c.redirect(`/admin/users/${user.id}`, StatusCodes.SEE_OTHER);
    },
    ({ issues, status }) =>
      c.html(
        <UserPage
          ctx={pageContext(c)}
          user={toAdminUserView(user)}
          csrfToken={csrfToken(c)}
          isSelf={false}
          failedRole={{ values: typedValues(body), issues }}
        />,
        status,
      ),
  );
});

async function checkAssignment(c: Context<AppEnv>, role: (typeof userRoles)[number], producerId: number | null) {
  const problems = c.var.t.admin.problems;
  const problem = roleAssignmentProblem(role, producerId);
  if (problem === 'producer_required') throw fieldError('producerId', problems.producerRequired);
  if (problem === 'producer_not_allowed') throw fieldError('producerId', problems.producerNotAllowed);
  if (producerId !== null && !(await findProducerSummary(c.var.db, producerId))) {
    throw fieldError('producerId', problems.unknownProducer);
  }
}

admin.post('/admin/users/:id/password-reset', async (c) => {
  const user = await targetUser(c);
  return issueLink(c, {
    purpose: 'password_reset',
    userId: user.id,
    email: user.email,
    phone: user.email ? null : user.phone,
  });
});

// ---------------------------------------------------------------- invitations

admin.get('/admin/invitations/new', async (c) => {
  const { producer } = parseInput(c, z.object({ producer: optionalId }), c.req.query());
  const found = producer ? await findProducerSummary(c.var.db, producer) : null;
  return c.html(<InvitePage ctx={pageContext(c)} csrfToken={csrfToken(c)} producer={found} />);
});

const inviteForm = z.object({ role: z.enum(invitableRoles), producerId: optionalId, login: loginField });

admin.post('/admin/invitations', async (c) => {
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const form = parseInput(c, inviteForm, body);
      const producerId = form.producerId ?? null;
      await checkAssignment(c, form.role, producerId);
      const login = await freshLogin(c, form.login);
      return issueLink(c, { purpose: 'invite', role: form.role, producerId, ...login });
    },
    ({ issues, status }) =>
      c.html(
        <InvitePage
          ctx={pageContext(c)}
          csrfToken={csrfToken(c)}
          producer={null}
          failed={{ values: typedValues(body), issues }}
        />,
        status,
      ),
  );
});

// ---------------------------------------------------------------- organisations

const organisationsQuery = z.object({ q: z.string().trim().max(100).optional(), page: pageParam });

admin.get('/admin/organisations', async (c) => {
  const query = parseInput(c, organisationsQuery, c.req.query());
  const rows = await listOrganisations(c.var.db, query.q, ADMIN_PAGE_SIZE, (query.page - 1) * ADMIN_PAGE_SIZE);
  return c.html(
    <OrganisationsPage
      ctx={pageContext(c)}
      csrfToken={csrfToken(c)}
      organisations={rows.slice(0, ADMIN_PAGE_SIZE).map(toOrganisationView)}
      query={query.q}
      page={query.page}
      hasNext={rows.length > ADMIN_PAGE_SIZE}
    />,
  );
});

admin.post('/admin/organisations/:id/claim-link', async (c) => {
  const { id } = parseInput(c, idParam, c.req.param());
  const producer = await findProducerSummary(c.var.db, id);
  if (!producer) throw notFound();
  const problems = c.var.t.admin.problems;
  if (!producer.taxCode) throw new AppError('conflict', { detail: problems.noTaxCode });
  if (producer.claimedAt) throw new AppError('conflict', { detail: problems.alreadyClaimed });
  const body = await readForm(c);
  const taxCode = producer.taxCode;
  return submitForm(
    c,
    async () => {
      const form = parseInput(c, z.object({ login: loginField }), body);
      const login = await freshLogin(c, form.login);
      return issueLink(c, { purpose: 'claim', role: 'producer_member', producerId: producer.id, taxCode, ...login });
    },
    // The list again, narrowed to this organisation by its tax code, with the problem beside its form.
    async ({ issues, status }) => {
      const rows = await listOrganisations(c.var.db, taxCode, ADMIN_PAGE_SIZE, 0);
      return c.html(
        <OrganisationsPage
          ctx={pageContext(c)}
          csrfToken={csrfToken(c)}
          organisations={rows.slice(0, ADMIN_PAGE_SIZE).map(toOrganisationView)}
          query={taxCode}
          page={1}
          hasNext={rows.length > ADMIN_PAGE_SIZE}
          failedClaim={{ organisationId: producer.id, values: typedValues(body), issues }}
        />,
        status,
      );
    },
  );
});
