/**
 * The reference data (provinces, communes, OCOP groups) as one SQL script, for the setup file to
 * run in every test file's fresh storage. The statements are the seeder's own
 * (db/seed/reference.ts) with their values written in, as `npm run db:reference` sends them to a
 * deployed database; one D1 exec of them costs less than half the batch of bound statements, and
 * they are rendered once per runtime rather than once per file.
 */
import { sqlLiteral } from '../../db/seed/bulk';
import { referenceStatements } from '../../db/seed/reference';
import type { Database } from '../../worker/data/db';

let script: string | undefined;

export function referenceSql(db: Database): string {
  script ??= referenceStatements(db)
    .map((statement) => {
      const { sql, params } = statement.toSQL();
      let next = 0;
      const line = `${sql.replace(/\?/g, () => sqlLiteral(params[next++] as string | number | null))};`;
      // D1's exec runs one statement a line.
      if (line.includes('\n')) throw new Error(`a reference statement spans lines: ${line.slice(0, 80)}`);
      return line;
    })
    .join('\n');
  return script;
}
