import { createRoute } from '@hono/zod-openapi';
import { requireBankSecret } from '../../lib/bank-auth';
import { jsonBody } from '../../lib/json-body';
import { errorResponses, jsonContent, notFoundResponse, problem } from '../../lib/openapi';
import { StatusCodes } from '../../lib/status';
import { bankNotificationAnswer, webhookAnswer } from '../../schemas/market-api';

const bodyResponses = {
  [StatusCodes.PAYLOAD_TOO_LARGE]: problem('The body is over 256 KB.'),
  [StatusCodes.UNSUPPORTED_MEDIA_TYPE]: problem('The body is not application/json.'),
} as const;

// Neither route declares its body: it is read raw, since a body parsed and serialised again no
// longer matches the signature or the record kept of it.
export const stripeWebhook = createRoute({
  method: 'post',
  path: '/payments/stripe/webhook',
  tags: ['Payments'],
  summary: "Stripe's webhook for Checkout Sessions",
  description: [
    'Called by Stripe, not by clients. The raw body is verified against the Stripe-Signature header',
    '(`constructEventAsync`, SubtleCrypto, 5 minutes of tolerance): a missing, wrong or old signature answers',
    '400. Handles `checkout.session.completed`, `checkout.session.async_payment_succeeded`,',
    '`checkout.session.async_payment_failed` and `checkout.session.expired`; each event is applied once (by',
    'its id), and in any order: a payment that arrives after its order expired takes the stock again if it is',
    'still there, and is otherwise refunded and listed for staff. 404 when card payment is not configured.',
  ].join(' '),
  middleware: [jsonBody()] as const,
  responses: {
    [StatusCodes.OK]: jsonContent(webhookAnswer, 'The event was handled (now, or before: `duplicate`).'),
    ...notFoundResponse,
    ...bodyResponses,
    ...errorResponses,
  },
});

export const bankNotification = createRoute({
  method: 'post',
  path: '/payments/bank-transfers',
  tags: ['Payments'],
  summary: 'Incoming bank transfers (SePay or Casso webhook)',
  description: [
    'Called by a bank-notification service for each transaction on a producer’s account, in SePay’s or',
    'Casso’s shape; authenticated with the shared secret BANK_WEBHOOK_SECRET as `Authorization: Apikey …`',
    '(SePay) or `Secure-Token` (Casso), before anything else (401). Every transfer is kept with its raw body,',
    'once per transaction id (a retried call changes nothing). A transfer whose content carries a part’s',
    'reference pays it when the amounts add up; partial, excess, unmatched and late transfers are listed for',
    'staff. 404 when no secret is configured.',
  ].join(' '),
  middleware: [requireBankSecret, jsonBody()] as const,
  responses: {
    [StatusCodes.OK]: jsonContent(bankNotificationAnswer, 'What each transfer meant.'),
    [StatusCodes.UNAUTHORIZED]: problem('No secret, or the wrong one.'),
    ...notFoundResponse,
    ...bodyResponses,
    ...errorResponses,
  },
});
