import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { findFair, listCalendarFairs, searchPublishedFairs } from '../../data/fairs';
import { fairsCalendar as writeCalendar } from '../../domain/calendar';
import { addDays } from '../../domain/iso-date';
import type { AppEnv } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { pick } from '../../presenters/catalogue';
import { pageCalendarRow, presentFairDetail, presentFairSummary, toCalendarFair } from '../../presenters/fairs';
import { DEFAULT_FAIRS_PAGE, fairIdParamSchema } from '../../schemas/fairs';
import type { fairsCalendar, getFair, listFairs } from './fairs.routes';

/** How far back the subscription reaches, so a fair just ended stays in calendars for a while. */
const CALENDAR_PAST_DAYS = 90;

export const listFairsHandler: RouteHandler<typeof listFairs, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const today = c.var.today;
  const page = query.page ?? 1;
  const limit = query.limit ?? DEFAULT_FAIRS_PAGE;
  const { items, total } = await searchPublishedFairs(c.var.db, {
    province: query.province,
    from: query.from ?? (query.status === 'finished' ? undefined : today),
    to: query.to,
    status: query.status,
    today,
    page,
    limit,
  });
  return c.json(
    { data: items.map((item) => presentFairSummary(item, c.env.PUBLIC_ORIGIN, today)), page, limit, total },
    StatusCodes.OK,
  );
};

async function publishedFair(c: Context<AppEnv>, id: string) {
  const page = await findFair(c.var.db, id);
  if (!page || !page.fair.isPublished) throw notFound();
  return page;
}

export const getFairHandler: RouteHandler<typeof getFair, AppEnv> = async (c) => {
  const page = await publishedFair(c, c.req.valid('param').id);
  return c.json(presentFairDetail(page, c.env.PUBLIC_ORIGIN, c.var.today), StatusCodes.OK);
};

const calendarOptions = (c: Context<AppEnv>, name: string) => ({ host: new URL(c.env.PUBLIC_ORIGIN).hostname, name });

const calendarResponse = (c: Context<AppEnv>, body: string, filename: string) =>
  c.body(body, StatusCodes.OK, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `inline; filename="${filename}"`,
  });

export const fairsCalendarHandler: RouteHandler<typeof fairsCalendar, AppEnv> = async (c) => {
  const rows = await listCalendarFairs(c.var.db, addDays(c.var.today, -CALENDAR_PAST_DAYS));
  const fairs = rows.map((row) => toCalendarFair(row, c.env.PUBLIC_ORIGIN, c.var.locale));
  return calendarResponse(c, writeCalendar(fairs, calendarOptions(c, c.var.t.fairs.title)), 'hoi-cho-ocop.ics');
};

/** GET /fairs/{id}.ics: the route's `file` parameter is the id with its suffix. */
export async function fairCalendarHandler(c: Context<AppEnv>) {
  const { id } = parseInput(c, fairIdParamSchema, { id: c.req.param('file')?.replace(/\.ics$/, '') });
  const page = await publishedFair(c, id);
  const fair = toCalendarFair(pageCalendarRow(page), c.env.PUBLIC_ORIGIN, c.var.locale);
  const name = pick(c.var.locale, page.fair.nameVi, page.fair.nameEn);
  return calendarResponse(c, writeCalendar([fair], calendarOptions(c, name)), `${page.fair.slug}.ics`);
}
