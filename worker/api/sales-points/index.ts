import { createApiRouter } from '../../lib/openapi';
import { getSalesPointHandler, listSalesPointsHandler } from './sales-points.handlers';
import { getSalesPoint, listSalesPoints } from './sales-points.routes';

export const salesPointsApi = createApiRouter()
  .openapi(listSalesPoints, listSalesPointsHandler)
  .openapi(getSalesPoint, getSalesPointHandler);
