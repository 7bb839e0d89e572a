import { Hono } from 'hono';
import { localHref } from '../../web/href';
import { HomePage } from '../../web/pages/HomePage';
import { loadHome } from '../data/catalogue';
import { catalogueGroupCodes } from '../domain/catalogue';
import type { AppEnv } from '../lib/context';
import { edgeCache } from '../lib/edge-cache';
import { pageContext } from '../lib/render';
import { provinceName, toProductCard } from '../presenters/catalogue';

export const home = new Hono<AppEnv>();

home.get('/', edgeCache, async (c) => {
  const ctx = pageContext(c);
  const { featured, byGroup, byProvince } = await loadHome(c.var.db, c.var.today);
  const groupCounts = new Map(byGroup.map((row) => [row.code, row.count]));
  const groups = catalogueGroupCodes.map((code) => ({
    href: localHref(ctx, '/products', { group: code }),
    label: ctx.t.catalogue.groups[code],
    count: groupCounts.get(code) ?? 0,
  }));
  const provinces = byProvince
    .map((row) => ({
      href: localHref(ctx, '/products', { province: row.code }),
      label: provinceName(row.code, ctx.locale),
      count: row.count,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  return c.html(
    <HomePage
      ctx={ctx}
      featured={featured.map((item) => toProductCard(item, ctx.locale))}
      groups={groups}
      provinces={provinces}
    />,
  );
});
