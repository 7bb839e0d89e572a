/**
 * Demo accounts for every role, so a fresh `npm start` can be tried at once.
 * The passwords are fixed and printed by `npm start`: demo data only, never
 * for a production database (the first production administrator comes from
 * `npm run admin:create`). Idempotent, keyed by e-mail. Runs in Node and in
 * the Workers tests, so it needs only a drizzle client.
 */
import { inArray } from 'drizzle-orm';
import { producers, users } from '../schema';
import type { Database } from '../../worker/data/db';
import { hashPassword } from '../../worker/crypto/password';
import type { Role } from '../../worker/domain/policy';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  password: string;
  /** Slug of the demo producer a producer member belongs to. */
  producer: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@ocop.example',
    displayName: 'Quản trị viên (demo)',
    role: 'admin',
    password: 'demo-quan-tri-2026',
    producer: null,
  },
  {
    email: 'canbo@ocop.example',
    displayName: 'Cán bộ xúc tiến thương mại (demo)',
    role: 'staff',
    password: 'demo-can-bo-2026',
    producer: null,
  },
  {
    email: 'sonan@ocop.example',
    displayName: 'Sơn An Hương Sơn (demo)',
    role: 'producer_member',
    password: 'demo-son-an-2026',
    producer: 'cong-ty-co-phan-son-an-huong-son',
  },
  {
    email: 'binhloi@ocop.example',
    displayName: 'HTX Bình Lợi (demo)',
    role: 'producer_member',
    password: 'demo-binh-loi-2026',
    producer: 'htx-dich-vu-nong-nghiep-binh-loi',
  },
];

/** Adds the demo accounts that are missing (after seedDemo, which creates their producers). */
export async function seedDemoAccounts(db: Database): Promise<{ added: number; kept: number }> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const existing = new Set(
    (await db.select({ email: users.email }).from(users).where(inArray(users.email, emails))).map((r) => r.email),
  );
  const slugs = DEMO_ACCOUNTS.flatMap((a) => (a.producer ? [a.producer] : []));
  const producerIds = new Map(
    (
      await db.select({ id: producers.id, slug: producers.slug }).from(producers).where(inArray(producers.slug, slugs))
    ).map((p) => [p.slug, p.id]),
  );
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.email));
  const rows = [];
  for (const account of missing) {
    const producerId = account.producer ? producerIds.get(account.producer) : null;
    if (producerId === undefined)
      throw new Error(`demo producer ${account.producer} is missing: run the demo seed first`);
    rows.push({
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      producerId,
      passwordHash: await hashPassword(account.password),
    });
  }
  if (rows.length > 0) await db.insert(users).values(rows).onConflictDoNothing();
  return { added: missing.length, kept: DEMO_ACCOUNTS.length - missing.length };
}

/** The lines `npm start` prints so a visitor can sign in as each role. */
export function demoAccountLines(): string[] {
  return DEMO_ACCOUNTS.map((a) => `${a.role.padEnd(16)} ${a.email.padEnd(24)} ${a.password}`);
}
