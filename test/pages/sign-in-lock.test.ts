/**
 * The per-account sign-in lock holds however the login is spelt: five wrong passwords in all lock
 * the account, not five per spelling of its phone number or per case of its e-mail address.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearOfWindowEdges } from '../support/rate-window';
import { users } from '../../db/schema';
import { BrowserSession } from '../support/browser-session';
import { createUser, TEST_PASSWORD, testDb, uniqueSuffix } from '../support/factories';

/** A mobile number no other test uses, as its nine national digits. */
const uniqueNational = () =>
  `9${Math.floor(Math.random() * 1e8)
    .toString()
    .padStart(8, '0')}`;

/** Thirteen ways people type one number. */
function phoneSpellings(national: string): string[] {
  const [a, b, c] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
  const fullWidth = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  return [
    `0${national}`,
    `0${a} ${b} ${c}`,
    `0${a}.${b}.${c}`,
    `0${a}-${b}-${c}`,
    `+84${national}`,
    `+84 ${a} ${b} ${c}`,
    `+84 (0) ${a} ${b} ${c}`,
    `84${national}`,
    `0084${national}`,
    `(0${a}) ${b} ${c}`,
    ` 0${national} `,
    fullWidth(`0${national}`),
    `0${a}\u00a0${b}\u00a0${c}`,
  ];
}

function emailSpellings(local: string): string[] {
  return [
    `${local}@htx.vn`,
    `${local.toUpperCase()}@HTX.VN`,
    `${local[0]!.toUpperCase()}${local.slice(1)}@Htx.vn`,
    ` ${local}@htx.vn `,
    `${local}@HTX.vn`,
    `${local.toUpperCase()}@htx.vn`,
    `${local}@htx.VN`,
    `${local}＠htx.vn`,
  ];
}

const tryOnce = (login: string, password: string) => new BrowserSession().signIn(login, password);

describe('POST /login: one lock per account', () => {
  // Counting up to a limit must not straddle the end of a rate-limit window.
  beforeEach(() => clearOfWindowEdges(), 30_000);
  it('signs in with every spelling of the phone number', async () => {
    const national = uniqueNational();
    await createUser('staff', { phone: `0${national}` });
    for (const typed of phoneSpellings(national)) {
      expect((await tryOnce(typed, TEST_PASSWORD)).status, typed).toBe(303);
    }
  });

  it('locks after five wrong passwords spread over thirteen spellings of the phone number', async () => {
    const national = uniqueNational();
    await createUser('staff', { phone: `0${national}` });
    const statuses: number[] = [];
    for (const [i, typed] of phoneSpellings(national).entries())
      statuses.push((await tryOnce(typed, `wrong ${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    for (const typed of phoneSpellings(national)) expect((await tryOnce(typed, TEST_PASSWORD)).status, typed).toBe(429);
  }, 60_000);

  it('locks after five wrong passwords spread over the cases of the e-mail address', async () => {
    const local = `lan${uniqueSuffix()}`.replace(/-/g, '');
    await createUser('producer_member', { email: `${local}@htx.vn` });
    const statuses: number[] = [];
    for (const [i, typed] of emailSpellings(local).entries())
      statuses.push((await tryOnce(typed, `wrong ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect((await tryOnce(`${local}@htx.vn`, TEST_PASSWORD)).status).toBe(429);
  }, 60_000);

  it('counts the e-mail and the phone of one account together', async () => {
    const national = uniqueNational();
    const local = `mai${uniqueSuffix()}`.replace(/-/g, '');
    await createUser('staff', { email: `${local}@htx.vn`, phone: `0${national}` });
    const logins = [
      `${local}@htx.vn`,
      `+84${national}`,
      `${local.toUpperCase()}@HTX.VN`,
      `84${national}`,
      `0${national}`,
    ];
    for (const typed of logins) expect((await tryOnce(typed, 'wrong')).status, typed).toBe(401);
    expect((await tryOnce(`${local}@htx.vn`, TEST_PASSWORD)).status).toBe(429);
  }, 60_000);

  it('locks the spellings of a login no account has together', async () => {
    const spellings = phoneSpellings(uniqueNational());
    const statuses: number[] = [];
    for (const typed of spellings) statuses.push((await tryOnce(typed, 'wrong')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
  }, 60_000);

  it('finds an account whose invitation stored the phone as typed (+84…, 84…)', async () => {
    const national = uniqueNational();
    const user = await createUser('staff', { phone: `+84${national}` });
    expect(
      (await tryOnce(`0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`, TEST_PASSWORD)).status,
    ).toBe(303);
    await testDb()
      .update(users)
      .set({ phone: `84${national}` })
      .where(eq(users.id, user.id));
    expect((await tryOnce(`0${national}`, TEST_PASSWORD)).status).toBe(303);
  });
});
