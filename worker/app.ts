/**
 * Builds the application: request-scoped middleware, the one error model,
 * the JSON API under /api/v1 and the server-rendered pages.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { ErrorPage } from '../web/pages/ErrorPage';
import { createApiV1 } from './api';
import { createDb } from './data/db';
import { MAX_PHOTO_BYTES } from './domain/media';
import { MAX_INGEST_BYTES } from './lib/ingest-input';
import { vietnamDate } from './domain/time';
import type { AppEnv } from './lib/context';
import { AppError, codeToStatus, errorCodes, fieldIssues, statusOf, type ErrorCode } from './lib/errors';
import { sessionMiddleware } from './lib/auth';
import { securityHeaders } from './lib/content-security';
import { csrfProtection, sameOriginForm } from './lib/csrf';
import { formBodyLimit } from './lib/form-body';
import { localeMiddleware } from './lib/locale';
import { isApiRequest, problemJson } from './lib/problem';
import { pageContext } from './lib/render';
import { pages } from './pages';

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    // Hono raises these for malformed input it parses itself (bad JSON body, oversize, …).
    const code = (Object.entries(codeToStatus).find(([, status]) => status === error.status)?.[0] ??
      'bad_request') as ErrorCode;
    return new AppError(errorCodes.includes(code) ? code : 'bad_request');
  }
  return new AppError('internal_error');
}

/** Room for the form's other fields and multipart framing around a photo at the size limit. */
const UPLOAD_FORM_MARGIN_BYTES = 1024 * 1024;

const SESSION_AREAS = [
  '/login',
  '/logout',
  '/logout-everywhere',
  '/portal',
  '/portal/*',
  '/admin',
  '/admin/*',
  '/account/*',
  '/invitations/*',
  // The cart and checkout act for the browser's cart and, signed in, for the account it belongs to.
  '/cart',
  '/cart/lines/*',
  '/checkout',
  '/orders/*',
];

/** problem+json for the API, a friendly page in the visitor's language everywhere else. */
function respondWithError(c: Context<AppEnv>, error: AppError) {
  if (isApiRequest(c)) return problemJson(c, error);
  return c.html(
    ErrorPage({ ctx: pageContext(c), code: error.code, issues: fieldIssues(error, c.var.t) }),
    statusOf(error),
  );
}

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use(localeMiddleware);
  app.use(async (c, next) => {
    c.set('db', createDb(c.env.DB));
    c.set('today', vietnamDate(new Date()));
    await next();
  });
  app.use(securityHeaders);

  // Only routes that can act for a signed-in user look up the session and check CSRF tokens;
  // the public catalogue stays cacheable and free of per-user work.
  // Forms with files get a larger body limit than ordinary forms (worker/lib/form-body.ts), set
  // before the CSRF check reads the body; an oversize upload is refused without being held in
  // memory. Up to the margin, the portal form itself answers with its friendlier per-field message.
  for (const path of ['/portal/products/:id/photos', '/admin/sales-points/:id/photos']) {
    app.use(path, formBodyLimit(MAX_PHOTO_BYTES + UPLOAD_FORM_MARGIN_BYTES));
  }
  // Council result uploads (API and admin page, and the admin page's rejected rows sent back as a
  // CSV) are refused above the documented limit the same way.
  const ingestTooLarge = (c: Context<AppEnv>) => c.var.t.ingest.file.tooLarge(MAX_INGEST_BYTES / 1024 / 1024);
  app.use(
    '/api/v1/admin/certifications',
    bodyLimit({
      maxSize: MAX_INGEST_BYTES + UPLOAD_FORM_MARGIN_BYTES,
      onError: (c) => {
        throw new AppError('payload_too_large', { detail: ingestTooLarge(c) });
      },
    }),
  );
  for (const path of ['/admin/certifications/upload', '/admin/certifications/upload/rejected.csv']) {
    app.use(path, formBodyLimit(MAX_INGEST_BYTES + UPLOAD_FORM_MARGIN_BYTES, ingestTooLarge));
  }
  for (const path of SESSION_AREAS) app.use(path, sessionMiddleware, csrfProtection);
  // The product page's add-to-cart form is on a cached page that cannot carry a visitor's token.
  app.use('/cart/items', sessionMiddleware, sameOriginForm);

  app.route('/api/v1', createApiV1());
  app.route('/', pages);

  app.notFound((c) => respondWithError(c, new AppError('not_found')));
  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.code === 'internal_error') console.error(error);
    return respondWithError(c, appError);
  });

  return app;
}
