/** API tokens: stored only as SHA-256 digests, with a short clear prefix to tell them apart. */
import { desc, eq, sql } from 'drizzle-orm';
import { apiTokens, users } from '../../db/schema';
import { auditStatement } from './audit';
import type { Database } from './db';

export type ApiToken = typeof apiTokens.$inferSelect;

export interface NewApiToken {
  name: string;
  prefix: string;
  tokenHash: string;
  scopes: string[];
  expiresAt: string | null;
  createdBy: number;
}

export async function createApiToken(db: Database, token: NewApiToken): Promise<void> {
  const { tokenHash, ...recorded } = token;
  await db.batch([
    db.insert(apiTokens).values(token),
    auditStatement(db, {
      actorUserId: token.createdBy,
      action: 'api_token.create',
      entity: 'api_token',
      entityId: sql`(SELECT CAST(${apiTokens.id} AS TEXT) FROM ${apiTokens} WHERE ${apiTokens.tokenHash} = ${tokenHash})`,
      after: recorded,
    }),
  ]);
}

export async function listApiTokens(db: Database) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdByName: users.displayName,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function findApiTokenByHash(db: Database, tokenHash: string): Promise<ApiToken | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

export async function findApiToken(db: Database, id: number): Promise<ApiToken | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row ?? null;
}

export async function revokeApiToken(db: Database, token: ApiToken, actorUserId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.batch([
    db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, token.id)),
    auditStatement(db, {
      actorUserId,
      action: 'api_token.revoke',
      entity: 'api_token',
      entityId: token.id,
      before: { revokedAt: token.revokedAt },
      after: { revokedAt: at },
    }),
  ]);
}

export async function touchApiToken(db: Database, id: number, now: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, id));
}
