import { createApiRouter } from '../../lib/openapi';
import { addCartLineHandler, changeCartLineHandler, createCartHandler, getCartHandler } from './carts.handlers';
import { addCartLine, changeCartLine, createCart, getCart } from './carts.routes';

export const cartsApi = createApiRouter()
  .openapi(createCart, createCartHandler)
  .openapi(getCart, getCartHandler)
  .openapi(addCartLine, addCartLineHandler)
  .openapi(changeCartLine, changeCartLineHandler);
