/** Public fair pages: the calendar of current and upcoming fairs, and one fair's page. */
import { Hono } from 'hono';
import { FairCalendarPage, FairPage } from '../../web/pages/FairPages';
import { findFair, searchPublishedFairs } from '../data/fairs';
import type { AppEnv } from '../lib/context';
import { edgeCache } from '../lib/edge-cache';
import { notFound } from '../lib/errors';
import { searchForm } from '../lib/forms';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import { provinceOptions } from '../presenters/catalogue';
import { fairCalendarView, fairJsonLd, fairShareFacts, monthRange, toFairDetail } from '../presenters/fairs';
import { fairOpenGraph } from '../presenters/sharing';
import { DEFAULT_FAIRS_PAGE, fairCalendarQuery } from '../schemas/fairs';

export const fairPages = new Hono<AppEnv>();

fairPages.get('/fairs', edgeCache, (c) =>
  searchForm(c, async (query, refused) => {
    const ctx = pageContext(c);
    const parsed = parseInput(c, fairCalendarQuery(ctx.t), query);
    const today = c.var.today;
    const month = parsed.month ? monthRange(parsed.month) : null;
    const page = parsed.page ?? 1;
    const { items, total } = await searchPublishedFairs(c.var.db, {
      province: parsed.province,
      from: month && month.from > today ? month.from : today,
      to: month?.to,
      today,
      page,
      limit: DEFAULT_FAIRS_PAGE,
    });
    const view = fairCalendarView({
      rows: items,
      total,
      page,
      limit: DEFAULT_FAIRS_PAGE,
      values: { province: parsed.province, month: parsed.month },
      provinces: provinceOptions(ctx.locale),
      t: ctx.t,
      locale: ctx.locale,
      today,
      issues: refused?.issues ?? [],
      typed: c.req.query(),
    });
    return c.html(<FairCalendarPage ctx={ctx} view={view} />, refused?.status ?? StatusCodes.OK);
  }),
);

fairPages.get('/fairs/:slug{[a-z0-9-]+}', edgeCache, async (c) => {
  const ctx = pageContext(c);
  const page = await findFair(c.var.db, c.req.param('slug'));
  if (!page || !page.fair.isPublished || /^\d+$/.test(c.req.param('slug'))) throw notFound();
  const fair = toFairDetail(page, ctx.t, ctx.locale, c.var.today);
  return c.html(
    <FairPage
      ctx={ctx}
      fair={fair}
      jsonLd={fairJsonLd(page, ctx.origin)}
      openGraph={fairOpenGraph(fairShareFacts(fair), ctx)}
    />,
  );
});
