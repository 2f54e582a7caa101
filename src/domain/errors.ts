/**
 * Every failure a service can report, as a stable machine code. Only the HTTP
 * edge turns these into status codes (src/http/error-table.ts).
 */
export type ErrorCode =
  | 'malformed_request'
  | 'validation_failed'
  | 'invalid_credentials'
  | 'unauthenticated'
  | 'token_invalid'
  | 'token_expired'
  | 'token_revoked'
  | 'forbidden'
  | 'insufficient_scope'
  | 'plan_limit_exceeded'
  | 'account_disabled'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error';

export interface FieldProblem {
  location: string;
  message: string;
}

export interface AppErrorExtras {
  errors?: FieldProblem[];
  retryAfterSeconds?: number;
  /** Extra members for the problem document (e.g. the limit that was hit). */
  fields?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: AppErrorExtras = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);

export const validationFailed = (errors: FieldProblem[], detail = 'The request is not valid'): AppError =>
  new AppError('validation_failed', detail, { errors });
