import { createApiRouter } from '../../lib/openapi';
import { getProductHandler, listProductsHandler } from './products.handlers';
import { getProduct, listProducts } from './products.routes';

export const productsApi = createApiRouter()
  .openapi(listProducts, listProductsHandler)
  .openapi(getProduct, getProductHandler);
