/**
 * Derives the committed reference lists db/reference/provinces.json and
 * db/reference/communes.json from the official administrative-unit file
 * (post-July-2025 two-tier units, JSON as published in ../shared/data/vn-admin-units,
 * MIT licence, © 2021 Thang Le Quoc). Run it again with an updated file:
 *
 *   npm run db:import-units -- path/to/vn-units.json
 *
 * then `npm run db:seed` (or `npm start`) upserts the lists into D1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { slugify } from '../../worker/domain/text';

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_SOURCE = resolve(here, '../../../shared/data/vn-admin-units/vn-units-2025.json');

const unitKinds = { 3: 'ward', 4: 'commune', 5: 'special_zone' } as const;

const officialFile = z.array(
  z.object({
    Code: z.string().regex(/^\d{2}$/),
    Name: z.string().min(1),
    NameEn: z.string().min(1),
    FullName: z.string().min(1),
    FullNameEn: z.string().min(1),
    Wards: z.array(
      z.object({
        Code: z.string().regex(/^\d{5}$/),
        Name: z.string().min(1),
        NameEn: z.string().min(1),
        FullName: z.string().min(1),
        FullNameEn: z.string().min(1),
        ProvinceCode: z.string().regex(/^\d{2}$/),
        AdministrativeUnitId: z.union([z.literal(3), z.literal(4), z.literal(5)]),
      }),
    ),
  }),
);

/** Compact commune row: [code, province code, name vi, name en, full name vi, full name en, kind]. */
export type CommuneRow = [string, string, string, string, string, string, 'ward' | 'commune' | 'special_zone'];

function main() {
  const source = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_SOURCE;
  const units = officialFile.parse(JSON.parse(readFileSync(source, 'utf8')));

  const provinces = units
    .map((p) => ({
      code: p.Code,
      slug: slugify(p.Name),
      nameVi: p.Name,
      nameEn: p.NameEn,
      fullNameVi: p.FullName,
      fullNameEn: p.FullNameEn,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));

  const communes: CommuneRow[] = units
    .flatMap((p) =>
      p.Wards.map((w): CommuneRow => {
        if (w.ProvinceCode !== p.Code)
          throw new Error(`commune ${w.Code} lists province ${w.ProvinceCode} inside ${p.Code}`);
        return [w.Code, p.Code, w.Name, w.NameEn, w.FullName, w.FullNameEn, unitKinds[w.AdministrativeUnitId]];
      }),
    )
    .sort((a, b) => a[0].localeCompare(b[0]));

  writeFileSync(join(here, 'provinces.json'), `${JSON.stringify(provinces, null, 1)}\n`);
  writeFileSync(join(here, 'communes.json'), `[\n${communes.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`);
  console.log(`Wrote ${provinces.length} provinces and ${communes.length} communes from ${source}`);
}

main();
