import { createApiRouter } from '../../lib/openapi';
import { listGroupsHandler, listProvincesHandler } from './reference.handlers';
import { listGroupsRoute, listProvincesRoute } from './reference.routes';

export const referenceApi = createApiRouter()
  .openapi(listProvincesRoute, listProvincesHandler)
  .openapi(listGroupsRoute, listGroupsHandler);
