import { createApiRouter } from '../../lib/openapi';
import { fairCalendarHandler, fairsCalendarHandler, getFairHandler, listFairsHandler } from './fairs.handlers';
import { fairCalendar, fairsCalendar, getFair, listFairs } from './fairs.routes';

export const fairsApi = createApiRouter();
fairsApi.openAPIRegistry.registerPath(fairCalendar);
// Before /fairs/{id}, which would otherwise take "12.ics" as an id.
fairsApi.get('/fairs/:file{[a-z0-9-]+\\.ics}', fairCalendarHandler);
fairsApi
  .openapi(fairsCalendar, fairsCalendarHandler)
  .openapi(listFairs, listFairsHandler)
  .openapi(getFair, getFairHandler);
