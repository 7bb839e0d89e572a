import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent, notFoundResponse } from '../../lib/openapi';
import { StatusCodes } from '../../lib/status';
import { fairDetailSchema, fairListSchema } from '../../schemas/fair-api';
import { fairIdParamSchema, fairQuerySchema } from '../../schemas/fairs';

const calendarContent = (description: string) => ({
  content: {
    'text/calendar': {
      schema: z.string().openapi({ example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…\r\nEND:VCALENDAR\r\n' }),
    },
  },
  description,
});

export const listFairs = createRoute({
  method: 'get',
  path: '/fairs',
  tags: ['Fairs'],
  summary: 'Published OCOP fairs, exhibitions and festivals, soonest first',
  description:
    'Current and upcoming fairs by default (`from` is today in Vietnam time). Status is derived from the dates. Bad dates, or `to` before `from`, answer 400 naming the field.',
  request: { query: fairQuerySchema },
  responses: {
    [StatusCodes.OK]: jsonContent(fairListSchema, 'One page of fairs.'),
    ...errorResponses,
  },
});

export const getFair = createRoute({
  method: 'get',
  path: '/fairs/{id}',
  tags: ['Fairs'],
  summary: 'One fair with its zones, booth types, booths and exhibitors with their products',
  request: { params: fairIdParamSchema },
  responses: {
    [StatusCodes.OK]: jsonContent(fairDetailSchema, 'The fair.'),
    ...notFoundResponse,
    ...errorResponses,
  },
});

export const fairsCalendar = createRoute({
  method: 'get',
  path: '/fairs.ics',
  tags: ['Fairs'],
  summary: 'Every current and upcoming published fair as one RFC 5545 calendar, to subscribe to',
  description:
    'Published fairs ending today or later, and those of the last 90 days. One VEVENT per fair, UID `fair-{id}@{host}`; daily hours in Asia/Ho_Chi_Minh. Names in Vietnamese unless `lang=en`.',
  responses: {
    [StatusCodes.OK]: calendarContent('The calendar (text/calendar; charset=utf-8).'),
    ...errorResponses,
  },
});

/**
 * Documented here, served by a plain route in index.ts: Hono cannot route a parameter followed by
 * a suffix ("{id}.ics"), so the route matches `:file{…\.ics}` and the handler validates the id.
 */
export const fairCalendar = createRoute({
  method: 'get',
  path: '/fairs/{id}.ics',
  tags: ['Fairs'],
  summary: 'One published fair as an RFC 5545 calendar file, to add to a calendar',
  request: { params: fairIdParamSchema },
  responses: {
    [StatusCodes.OK]: calendarContent('The fair as a calendar (text/calendar; charset=utf-8).'),
    ...notFoundResponse,
    ...errorResponses,
  },
});
