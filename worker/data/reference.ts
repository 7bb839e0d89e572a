/** Reference data: provinces, communes, OCOP product groups and subgroups, sales point kinds, public holidays. */
import { and, asc, eq, sql, type Placeholder } from 'drizzle-orm';
import { communes, productGroups, productSubgroups, provinces } from '../../db/schema';
import groupFile from '../../db/reference/product-groups.json';
import holidayFile from '../../db/reference/public-holidays.json';
import provinceList from '../../db/reference/provinces.json';
import kindFile from '../../db/reference/sales-point-kinds.json';
import type { CriteriaVersion } from '../domain/certification';
import { publicHolidays } from '../domain/public-holidays';
import { salesPointKinds, type SalesPointKind } from '../domain/sales-point-kinds';
import type { Database } from './db';

export type ProvinceNames = (typeof provinceList)[number];

/**
 * Province names by code from the reference file the provinces table is seeded
 * from (and the query schema validates against), so labelling a page costs no query.
 */
export const provincesByCode: ReadonlyMap<string, ProvinceNames> = new Map(provinceList.map((p) => [p.code, p]));

export interface ProductGroupNames {
  id: string;
  criteriaVersion: CriteriaVersion;
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface ProductSubgroupNames {
  id: string;
  parentId: string | null;
  nameVi: string;
  nameEn: string;
}

/**
 * OCOP product groups and subgroups from the reference file the tables are seeded from, so a
 * product page names its group without a subquery (each costs SQLite a statement to compile).
 */
export const productGroupsById: ReadonlyMap<string, ProductGroupNames> = new Map(
  groupFile.groups.map(({ id, criteriaVersion, code, nameVi, nameEn }) => [
    id,
    { id, criteriaVersion: criteriaVersion as CriteriaVersion, code, nameVi, nameEn },
  ]),
);

/** The groups of one catalogue code, one per criteria version (1048, 148), in the file's order. */
export const productGroupsOfCode = (code: string): ProductGroupNames[] =>
  [...productGroupsById.values()].filter((group) => group.code === code);

export const productSubgroupsById: ReadonlyMap<string, ProductSubgroupNames> = new Map(
  groupFile.groups.flatMap((group) =>
    group.subgroups.map((subgroup) => [
      subgroup.id,
      {
        id: subgroup.id,
        parentId: 'parentId' in subgroup ? (subgroup.parentId as string) : null,
        nameVi: subgroup.nameVi,
        nameEn: subgroup.nameEn,
      },
    ]),
  ),
);

/** The kinds of sales point (Decision 950/QĐ-BCT) in display order, checked when the isolate loads them. */
export const SALES_POINT_KINDS: readonly SalesPointKind[] = salesPointKinds(kindFile);
export const salesPointKindsById: ReadonlyMap<string, SalesPointKind> = new Map(
  SALES_POINT_KINDS.map((k) => [k.id, k]),
);

/** Vietnam's public holidays by date (Tết and the rest as data), for opening hours. */
export const PUBLIC_HOLIDAYS = publicHolidays(holidayFile);

export const listProvinces = (db: Database) => db.select().from(provinces).orderBy(asc(provinces.code));

export async function listGroupsWithSubgroups(db: Database) {
  const [groups, subgroups] = await db.batch([
    db.select().from(productGroups).orderBy(asc(productGroups.criteriaVersion), asc(productGroups.sortOrder)),
    db.select().from(productSubgroups).orderBy(asc(productSubgroups.sortOrder)),
  ]);
  return groups.map((group) => ({
    ...group,
    subgroups: subgroups.filter((subgroup) => subgroup.groupId === group.id),
  }));
}

/**
 * The communes of a province by name, for an address form (none for an unknown province); given a
 * commune, only that one, if it lies in the province (checking an address needs no list).
 */
export const communesOfProvince = (
  db: Database,
  provinceCode: string | Placeholder,
  communeCode: string | Placeholder,
) =>
  db
    .select({ code: communes.code, nameVi: communes.fullNameVi, nameEn: communes.fullNameEn })
    .from(communes)
    .where(
      and(eq(communes.provinceCode, provinceCode), sql`(${communeCode} = '' OR ${communes.code} = ${communeCode})`),
    )
    .orderBy(asc(communes.nameVi));
