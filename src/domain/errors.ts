import { InvalidValue } from '../platform/database-errors.js';

/**
 * Every failure a service can report, as a stable machine code. Only the HTTP
 * edge turns these into status codes (src/http/domain-responses.ts).
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

/**
 * A problem with one field of what the caller sent. `field` is a dotted path
 * in the service's own terms: `input.<member>...` inside the payload (`input`
 * alone for the payload as a whole), or the name of another argument the
 * service took (`latticeId`, `async`). The HTTP edge maps it to where the
 * request carried that field.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A rate window as it stood after the refused request. */
export interface RateWindow {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface AppErrorExtras {
  errors?: FieldProblem[];
  /** The detail is a lead to be followed by the field problems, each with where it was sent. */
  detailListsErrors?: boolean;
  /** When a retry may succeed. */
  retryAfterSeconds?: number;
  /** The window a rate limit refused the request in. */
  rateWindow?: RateWindow;
  /** Machine-readable facts for the caller (e.g. the limit that was hit), shown beside the detail. */
  fields?: Record<string, unknown>;
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

/** A 'validation_failed' whose detail is `lead` followed by every problem with the place it was sent. */
export const invalidFields = (errors: FieldProblem[], lead: string): AppError =>
  new AppError('validation_failed', lead, { errors, detailListsErrors: true });

/**
 * A failure as the domain reports it: an AppError as it is, a value the
 * database refused as the caller's `validation_failed` (whichever service
 * met it), anything else as null (a fault of the service).
 */
export function appErrorOf(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof InvalidValue) {
    return new AppError(
      'validation_failed',
      'The request holds a value that cannot be stored (text with a NUL character, a number out of range, or the like)',
    );
  }
  return null;
}
