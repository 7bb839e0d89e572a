import { describe, expect, it } from 'vitest';
import { hashPassword, parseStoredHash, PASSWORD_ITERATIONS, verifyPassword } from '../../worker/crypto/password';

describe('password hashing', () => {
  it('stores the algorithm and its parameters with a salted hash', async () => {
    const stored = await hashPassword('mật khẩu đủ dài');
    expect(stored).toMatch(new RegExp(`^pbkdf2-sha256\\$${PASSWORD_ITERATIONS}\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$`));
    expect(await hashPassword('mật khẩu đủ dài')).not.toBe(stored);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword('correct horse batterY', stored)).toEqual({ ok: false, needsRehash: false });
  });

  it('treats composed and decomposed Vietnamese letters as the same password', async () => {
    const stored = await hashPassword('Hương'.normalize('NFC'));
    expect((await verifyPassword('Hương'.normalize('NFD'), stored)).ok).toBe(true);
  });

  it('asks for a rehash when the stored iterations differ from today’s', async () => {
    const stored = await hashPassword('old parameters here', 60_000);
    expect(await verifyPassword('old parameters here', stored)).toEqual({ ok: true, needsRehash: true });
  });

  it.each([
    ['pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$' + 'A'.repeat(44)],
    ['pbkdf2-sha256$5000000$c2FsdHNhbHRzYWx0c2FsdA==$' + 'A'.repeat(44)],
    ['bcrypt$10$whatever$hash'],
    ['pbkdf2-sha256$100000$!!!$???'],
    ['garbage'],
  ])('refuses stored parameters outside the allowed range: %s', async (stored) => {
    expect(parseStoredHash(stored)).toBeNull();
    expect((await verifyPassword('anything at all', stored)).ok).toBe(false);
  });

  it('refuses an account without a password', async () => {
    expect((await verifyPassword('anything at all', null)).ok).toBe(false);
  });
});
