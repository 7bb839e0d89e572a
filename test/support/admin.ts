/** Signed-in browsers for the admin and invitation tests, and reading what the pages show once. */
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLog, invitations } from '../../db/schema';
import type { NewInvitation } from '../../worker/data/invitations';
import { randomToken } from '../../worker/crypto/random';
import { sha256Hex } from '../../worker/crypto/digest';
import { BrowserSession } from './browser-session';
import { createUser, testDb, TEST_PASSWORD, uniqueSuffix } from './factories';

export async function signedIn(role: 'producer_member' | 'staff' | 'admin' | 'buyer', producerId?: number) {
  const user = await createUser(role, producerId === undefined ? {} : { producerId });
  const browser = new BrowserSession();
  const response = await browser.signIn(user.email!, TEST_PASSWORD);
  expect(response.status).toBe(303);
  return { user, browser, csrf: await browser.csrfFrom('/login') };
}

/** The one-time link a "link created" page shows, as a path. */
export function shownLink(html: string): string {
  const link = /id="link" type="text" readonly="" value="([^"]+)"/.exec(html)?.[1];
  if (!link) throw new Error('no link on the page');
  return new URL(link).pathname;
}

/** An invitation row made directly, for states the admin pages never produce (expired, say). */
export async function createInvitationRow(overrides: Partial<NewInvitation> = {}) {
  const token = randomToken();
  await testDb()
    .insert(invitations)
    .values({
      tokenHash: await sha256Hex(token),
      purpose: 'invite',
      role: 'staff',
      email: `invited-${uniqueSuffix()}@example.vn`,
      expiresAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
      ...overrides,
    });
  return { token, path: `/invitations/${token}` };
}

export async function auditFor(entity: string, entityId: string | number) {
  return testDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(auditLog.id);
}
