import type { RouteHandler } from '@hono/zod-openapi';
import { listGroupsWithSubgroups, listProvinces } from '../../data/reference';
import type { CatalogueGroupCode } from '../../domain/catalogue';
import type { AppEnv } from '../../lib/context';
import { StatusCodes } from '../../lib/status';
import type { listGroupsRoute, listProvincesRoute } from './reference.routes';

export const listProvincesHandler: RouteHandler<typeof listProvincesRoute, AppEnv> = async (c) => {
  const rows = await listProvinces(c.var.db);
  return c.json(
    {
      data: rows.map((p) => ({
        code: p.code,
        slug: p.slug,
        name: { vi: p.nameVi, en: p.nameEn },
        full_name: { vi: p.fullNameVi, en: p.fullNameEn },
      })),
    },
    StatusCodes.OK,
  );
};

export const listGroupsHandler: RouteHandler<typeof listGroupsRoute, AppEnv> = async (c) => {
  const groups = await listGroupsWithSubgroups(c.var.db);
  return c.json(
    {
      data: groups.map((g) => ({
        id: g.id,
        code: g.code as CatalogueGroupCode,
        criteria_version: g.criteriaVersion,
        name: { vi: g.nameVi, en: g.nameEn },
        subgroups: g.subgroups.map((s) => ({ id: s.id, parent_id: s.parentId, name: { vi: s.nameVi, en: s.nameEn } })),
      })),
    },
    StatusCodes.OK,
  );
};
