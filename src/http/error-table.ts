import type { ErrorCode } from '../domain/errors.js';

/** The one place where a domain error code becomes an HTTP status and title. */
export const ERROR_TABLE: Record<ErrorCode, { status: number; title: string }> = {
  malformed_request: { status: 400, title: 'Bad Request' },
  validation_failed: { status: 422, title: 'Unprocessable Content' },
  invalid_credentials: { status: 401, title: 'Unauthorized' },
  unauthenticated: { status: 401, title: 'Unauthorized' },
  token_invalid: { status: 401, title: 'Unauthorized' },
  token_expired: { status: 401, title: 'Unauthorized' },
  token_revoked: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  insufficient_scope: { status: 403, title: 'Forbidden' },
  plan_limit_exceeded: { status: 403, title: 'Forbidden' },
  account_disabled: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not Found' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Content Too Large' },
  unsupported_media_type: { status: 415, title: 'Unsupported Media Type' },
  rate_limited: { status: 429, title: 'Too Many Requests' },
  service_unavailable: { status: 503, title: 'Service Unavailable' },
  internal_error: { status: 500, title: 'Internal Server Error' },
};

export const problemType = (code: string): string => `https://docs.catalytic.dev/errors/${code.replace(/_/g, '-')}`;
