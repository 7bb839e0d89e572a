import { createApiRouter } from '../../lib/openapi';
import { bankNotificationHandler, stripeWebhookHandler } from './payments.handlers';
import { bankNotification, stripeWebhook } from './payments.routes';

export const paymentsApi = createApiRouter()
  .openapi(stripeWebhook, stripeWebhookHandler)
  .openapi(bankNotification, bankNotificationHandler);
