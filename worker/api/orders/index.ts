import { createApiRouter } from '../../lib/openapi';
import { getOrderHandler, placeOrderHandler } from './orders.handlers';
import { getOrder, placeOrder } from './orders.routes';

export const ordersApi = createApiRouter().openapi(placeOrder, placeOrderHandler).openapi(getOrder, getOrderHandler);
