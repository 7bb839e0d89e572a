/**
 * The SQL of `npm run admin:create`: one INSERT of an active administrator,
 * as a literal statement because `wrangler d1 execute --command` takes no
 * bound parameters. Kept apart from the CLI so the Workers tests can run it.
 */

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export interface FirstAdmin {
  email: string;
  displayName: string;
  /** A hash from worker/domain/password.ts, so the account signs in like any other. */
  passwordHash: string;
}

export function adminInsertSql(admin: FirstAdmin): string {
  return (
    'INSERT INTO users (email, display_name, password_hash, role, status) VALUES (' +
    [
      quote(admin.email.trim().toLowerCase()),
      quote(admin.displayName),
      quote(admin.passwordHash),
      "'admin'",
      "'active'",
    ].join(', ') +
    ');'
  );
}
