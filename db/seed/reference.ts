/**
 * Upserts the committed reference lists (provinces, communes, OCOP groups)
 * into D1. Used by the seeding script and by the test setup, so tests run on
 * the same reference data as the app.
 */
import { sql, type Query } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { communes, productGroups, productSubgroups, provinces } from '../schema';
import type { Database } from '../../worker/data/db';
import communeRows from '../reference/communes.json';
import groupFile from '../reference/product-groups.json';
import provinceRows from '../reference/provinces.json';

type CommuneKind = 'ward' | 'commune' | 'special_zone';

/** D1 binds at most 100 parameters per statement. */
const D1_MAX_PARAMETERS = 100;

export function chunk<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(D1_MAX_PARAMETERS / columns));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** A batchable statement that can also be rendered as SQL text (db:reference does that). */
type ReferenceStatement = BatchItem<'sqlite'> & { toSQL(): Query };

export function referenceStatements(db: Database): ReferenceStatement[] {
  const statements: ReferenceStatement[] = [];

  for (const rows of chunk(provinceRows, 6)) {
    statements.push(
      db
        .insert(provinces)
        .values(rows)
        .onConflictDoUpdate({
          target: provinces.code,
          set: {
            slug: excluded('slug'),
            nameVi: excluded('name_vi'),
            nameEn: excluded('name_en'),
            fullNameVi: excluded('full_name_vi'),
            fullNameEn: excluded('full_name_en'),
          },
        }),
    );
  }

  const communeValues = (communeRows as [string, string, string, string, string, string, CommuneKind][]).map(
    ([code, provinceCode, nameVi, nameEn, fullNameVi, fullNameEn, kind]) => ({
      code,
      provinceCode,
      nameVi,
      nameEn,
      fullNameVi,
      fullNameEn,
      kind,
    }),
  );
  for (const rows of chunk(communeValues, 7)) {
    statements.push(
      db
        .insert(communes)
        .values(rows)
        .onConflictDoUpdate({
          target: communes.code,
          set: {
            provinceCode: excluded('province_code'),
            nameVi: excluded('name_vi'),
            nameEn: excluded('name_en'),
            fullNameVi: excluded('full_name_vi'),
            fullNameEn: excluded('full_name_en'),
            kind: excluded('kind'),
          },
        }),
    );
  }

  const groups = groupFile.groups.map((g, index) => ({
    id: g.id,
    criteriaVersion: g.criteriaVersion as '1048' | '148',
    code: g.code,
    nameVi: g.nameVi,
    nameEn: g.nameEn,
    sortOrder: index,
  }));
  statements.push(
    db
      .insert(productGroups)
      .values(groups)
      .onConflictDoUpdate({
        target: productGroups.id,
        set: {
          criteriaVersion: excluded('criteria_version'),
          code: excluded('code'),
          nameVi: excluded('name_vi'),
          nameEn: excluded('name_en'),
          sortOrder: excluded('sort_order'),
        },
      }),
  );

  const subgroups = groupFile.groups.flatMap((g) =>
    g.subgroups.map((s, index) => ({
      id: s.id,
      groupId: g.id,
      parentId: 'parentId' in s ? (s.parentId as string) : null,
      nameVi: s.nameVi,
      nameEn: s.nameEn,
      sortOrder: index,
    })),
  );
  // Parents before children, so the self-reference is satisfied row by row.
  subgroups.sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
  for (const rows of chunk(subgroups, 6)) {
    statements.push(
      db
        .insert(productSubgroups)
        .values(rows)
        .onConflictDoUpdate({
          target: productSubgroups.id,
          set: {
            groupId: excluded('group_id'),
            parentId: excluded('parent_id'),
            nameVi: excluded('name_vi'),
            nameEn: excluded('name_en'),
            sortOrder: excluded('sort_order'),
          },
        }),
    );
  }
  return statements;
}

export async function upsertReferenceData(db: Database): Promise<void> {
  const [first, ...rest] = referenceStatements(db);
  if (first) await db.batch([first, ...rest]);
}
