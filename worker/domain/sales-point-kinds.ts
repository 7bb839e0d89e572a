/**
 * Kinds of OCOP showcase and sales point (Decision 950/QĐ-BCT of 2023) are reference data in
 * db/reference/sales-point-kinds.json, so a kind is added or renamed by editing the file. This
 * module checks the file; ids are stored with each point, so they must stay unique and stable.
 */
import { z } from 'zod';

const kindSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, 'snake_case'),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  sortOrder: z.number().int().nonnegative(),
});

export const salesPointKindsFileSchema = z
  .object({ _source: z.string().min(1), kinds: z.array(kindSchema).min(1) })
  .superRefine(({ kinds }, ctx) => {
    const ids = new Set<string>();
    const orders = new Set<number>();
    kinds.forEach(({ id, sortOrder }, index) => {
      if (ids.has(id)) ctx.addIssue({ code: 'custom', path: ['kinds', index, 'id'], message: 'duplicate' });
      if (orders.has(sortOrder)) {
        ctx.addIssue({ code: 'custom', path: ['kinds', index, 'sortOrder'], message: 'duplicate' });
      }
      ids.add(id);
      orders.add(sortOrder);
    });
  });

export type SalesPointKind = z.infer<typeof kindSchema>;

/** The kinds in display order; throws on a malformed file, a data bug rather than a runtime state. */
export function salesPointKinds(file: unknown): SalesPointKind[] {
  return [...salesPointKindsFileSchema.parse(file).kinds].sort((a, b) => a.sortOrder - b.sortOrder);
}
