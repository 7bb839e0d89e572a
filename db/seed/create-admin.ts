/**
 * `npm run admin:create -- --email EMAIL [--name NAME] [--remote] [--persist-to DIR]`
 *
 * Creates an administrator in production (`--remote`, the D1 database of
 * wrangler.toml, after `wrangler login`) or in the local database (default).
 * The password is generated here, hashed with the platform's PBKDF2 format,
 * printed once and never stored in clear; the administrator should change it
 * through a password reset link after signing in. Fails, writing nothing, if
 * an account already uses the e-mail.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isPlausibleLogin } from '../../worker/domain/invitation';
import { hashPassword } from '../../worker/crypto/password';
import { randomToken } from '../../worker/crypto/random';
import { adminInsertSql } from './admin-sql';
import { ROOT, runWrangler } from './local-d1';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
  strict: true,
  allowPositionals: false,
});

const email = values.email?.trim() ?? '';
if (!email.includes('@') || !isPlausibleLogin(email)) {
  console.error('Usage: npm run admin:create -- --email EMAIL [--name NAME] [--remote] [--persist-to DIR]');
  process.exit(1);
}

// 18 random bytes: a 24-character password well over the 10-character minimum.
const password = randomToken(18);
const sql = adminInsertSql({
  email,
  displayName: values.name ?? 'Quản trị viên',
  passwordHash: await hashPassword(password),
});
const target = values.remote
  ? ['--remote']
  : [
      '--local',
      '--persist-to',
      values['persist-to'] ? resolve(values['persist-to']) : resolve(ROOT, '.wrangler/state'),
    ];

try {
  await runWrangler(['d1', 'execute', 'DB', ...target, '--command', sql]);
} catch {
  // wrangler has printed why (most often: an account already uses this e-mail).
  console.error('No administrator created.');
  process.exit(1);
}
console.log(
  `\nAdministrator ${email.toLowerCase()} created ${values.remote ? 'in the remote' : 'in the local'} database.`,
);
console.log(`Password (shown once, not stored in clear): ${password}\n`);
