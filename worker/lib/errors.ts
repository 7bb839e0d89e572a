/**
 * The HTTP side of the one error model (worker/domain/errors.ts): each code's status, here and
 * nowhere else, and the wording of field problems in the visitor's language. The single onError
 * in app.ts answers RFC 9457 problem+json under /api and a friendly page everywhere else; form
 * pages show the same issues beside their fields with the same status (worker/lib/form.ts).
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Messages } from '../../web/messages';
import type { AppError } from '../domain/errors';
import { type ErrorCode, type FieldIssue } from '../domain/errors';
import { StatusCodes } from './status';

export { AppError, errorCodes, notFound, type ErrorCode, type FieldIssue } from '../domain/errors';

export const codeToStatus: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: StatusCodes.BAD_REQUEST,
  validation_failed: StatusCodes.BAD_REQUEST,
  unauthorized: StatusCodes.UNAUTHORIZED,
  forbidden: StatusCodes.FORBIDDEN,
  not_found: StatusCodes.NOT_FOUND,
  method_not_allowed: StatusCodes.METHOD_NOT_ALLOWED,
  conflict: StatusCodes.CONFLICT,
  gone: StatusCodes.GONE,
  payload_too_large: StatusCodes.PAYLOAD_TOO_LARGE,
  unsupported_media_type: StatusCodes.UNSUPPORTED_MEDIA_TYPE,
  rate_limited: StatusCodes.TOO_MANY_REQUESTS,
  internal_error: StatusCodes.INTERNAL_SERVER_ERROR,
};

export const statusOf = (error: AppError): ContentfulStatusCode => codeToStatus[error.code];

/** Every field issue of an error, worded in the visitor's language. */
export function fieldIssues(error: AppError, t: Messages): FieldIssue[] {
  return [
    ...error.issues,
    ...error.problems.map(({ field, problem, params }) => ({
      field,
      message: t.errors.problems[problem](params ?? {}),
    })),
  ];
}
