/**
 * The platform's one error model: a closed set of codes, each mapped to a
 * status here and nowhere else. Routes throw AppError; the single onError in
 * app.ts turns it into RFC 9457 problem+json under /api and a friendly page
 * everywhere else.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StatusCodes } from './status';

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const codeToStatus: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: StatusCodes.BAD_REQUEST,
  validation_failed: StatusCodes.BAD_REQUEST,
  unauthorized: StatusCodes.UNAUTHORIZED,
  forbidden: StatusCodes.FORBIDDEN,
  not_found: StatusCodes.NOT_FOUND,
  method_not_allowed: StatusCodes.METHOD_NOT_ALLOWED,
  conflict: StatusCodes.CONFLICT,
  payload_too_large: StatusCodes.PAYLOAD_TOO_LARGE,
  unsupported_media_type: StatusCodes.UNSUPPORTED_MEDIA_TYPE,
  rate_limited: StatusCodes.TOO_MANY_REQUESTS,
  internal_error: StatusCodes.INTERNAL_SERVER_ERROR,
};

/** One invalid input: where it is (query/body field path) and what is wrong. */
export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, options: { detail?: string; issues?: FieldIssue[] } = {}) {
    super(options.detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
  }

  get status(): ContentfulStatusCode {
    return codeToStatus[this.code];
  }
}

export const notFound = (detail?: string) => new AppError('not_found', detail ? { detail } : {});
