/** Query shapes shared by the administration's list pages. */
import { z } from 'zod';

/** Rows a list page of the administration shows. */
export const ADMIN_PAGE_SIZE = 50;

export const pageParam = z.coerce.number().int().min(1).max(10_000).default(1);
