/** Accounts, organisations, API tokens and the audit log as the administration pages show them. */
import type { Messages } from '../../web/messages';
import type { ApiTokenView } from '../../web/pages/admin/ApiTokensPage';
import type { AuditEntryView } from '../../web/pages/admin/AuditPage';
import type { OrganisationView } from '../../web/pages/admin/OrganisationsPage';
import type { AdminUserView } from '../../web/pages/admin/UsersPage';
import type { listApiTokens } from '../data/api-tokens';
import type { listAuditEntries } from '../data/audit';
import type { listOrganisations } from '../data/producers';
import type { AdminUser } from '../data/users';
import { isApiTokenLive } from '../domain/api-scopes';
import { formatInstant } from '../domain/time';

const instantOrNull = (value: string | null) => (value ? formatInstant(value) : null);

export const toAdminUserView = (user: AdminUser): AdminUserView => ({
  id: user.id,
  displayName: user.displayName,
  login: user.email ?? user.phone ?? '',
  role: user.role,
  producerId: user.producerId,
  producerName: user.producerName,
  status: user.status,
  lastLogin: instantOrNull(user.lastLoginAt),
  createdAt: formatInstant(user.createdAt),
});

export const toOrganisationView = (
  organisation: Awaited<ReturnType<typeof listOrganisations>>[number],
): OrganisationView => ({
  id: organisation.id,
  name: organisation.name,
  kind: organisation.kind,
  taxCode: organisation.taxCode,
  claimedAt: instantOrNull(organisation.claimedAt),
  members: organisation.members.map((member) => ({
    id: member.id,
    displayName: member.displayName,
    login: member.email ?? member.phone ?? '',
    status: member.status,
  })),
});

export const toApiTokenView = (token: Awaited<ReturnType<typeof listApiTokens>>[number], now: Date): ApiTokenView => ({
  id: token.id,
  name: token.name,
  prefix: token.prefix,
  scopes: token.scopes,
  live: isApiTokenLive(token, now),
  revokedAt: instantOrNull(token.revokedAt),
  expiresAt: instantOrNull(token.expiresAt),
  lastUsedAt: instantOrNull(token.lastUsedAt),
  createdByName: token.createdByName,
  createdAt: formatInstant(token.createdAt),
});

const readable = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

export function toAuditEntryView(
  entry: Awaited<ReturnType<typeof listAuditEntries>>[number],
  actorNames: ReadonlyMap<number, string>,
  t: Messages,
): AuditEntryView {
  const ta = t.admin.auditLog;
  return {
    at: entry.at,
    atText: formatInstant(entry.at),
    action: entry.action,
    entity: (ta.entities as Record<string, string>)[entry.entity] ?? entry.entity,
    entityId: entry.entityId,
    actor: entry.actorUserId
      ? (actorNames.get(entry.actorUserId) ?? `#${entry.actorUserId}`)
      : entry.actorTokenId
        ? ta.token(entry.actorTokenId)
        : ta.system,
    before: readable(entry.before),
    after: readable(entry.after),
  };
}
