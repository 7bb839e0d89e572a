import { env } from 'cloudflare:workers';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { producers, users } from '../../db/schema';
import { adminInsertSql } from '../../db/seed/admin-sql';
import { seedDemo } from '../../db/seed/demo';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../db/seed/demo-accounts';
import { hashPassword } from '../../worker/crypto/password';
import { BrowserSession } from '../support/browser-session';
import { testDb, uniqueSuffix } from '../support/factories';

describe('seedDemoAccounts', () => {
  it('adds one account per role once, members in their demo producers, each able to sign in', async () => {
    const db = testDb();
    await seedDemo(db);
    await seedDemoAccounts(db);
    const second = await seedDemoAccounts(db);
    expect(second).toEqual({ added: 0, kept: DEMO_ACCOUNTS.length });

    const rows = await db
      .select({ email: users.email, role: users.role, producer: producers.slug })
      .from(users)
      .leftJoin(producers, eq(producers.id, users.producerId))
      .where(
        inArray(
          users.email,
          DEMO_ACCOUNTS.map((a) => a.email),
        ),
      );
    expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(['admin', 'staff', 'producer_member']));
    for (const account of DEMO_ACCOUNTS) {
      expect(rows.find((r) => r.email === account.email)?.producer ?? null).toBe(account.producer);
      expect((await new BrowserSession().signIn(account.email, account.password)).status).toBe(303);
    }
  });
});

describe('adminInsertSql', () => {
  it('inserts an administrator who can sign in, quoting names safely', async () => {
    const email = `First.Admin-${uniqueSuffix()}@Example.vn`;
    const password = 'mat-khau-quan-tri-dau-tien';
    await env.DB.prepare(
      adminInsertSql({ email, displayName: "O'Brien Nguyễn", passwordHash: await hashPassword(password) }),
    ).run();
    const [row] = await testDb().select().from(users).where(eq(users.email, email.toLowerCase()));
    expect(row).toMatchObject({ role: 'admin', status: 'active', displayName: "O'Brien Nguyễn" });
    const response = await new BrowserSession().signIn(email.toLowerCase(), password);
    expect(response.headers.get('location')).toBe('/admin');
  });
});
