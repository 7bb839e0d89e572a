/** A producer's own profile: the commune must lie in the chosen province, the tax code must be free. */
import type { Database } from '../data/db';
import { updateProfile, type Profile, type ProfileChange } from '../data/producers';
import { provincesByCode } from '../data/reference';
import { problem, refused } from '../domain/errors';

/** Saves the profile; `data` was read with the communes of the province the form chose. */
export async function saveProfile(db: Database, data: Profile, change: ProfileChange, userId: number) {
  if (!provincesByCode.has(change.provinceCode)) throw refused(problem('provinceCode', 'unknown_province'));
  if (!data.communes.some((commune) => commune.code === change.communeCode)) {
    throw refused(problem('communeCode', 'commune_not_in_province'));
  }
  await updateProfile(db, { userId }, data, change, (code) => provincesByCode.get(code)?.nameVi ?? code);
}
