import type { FastifyReply } from 'fastify';
import type { AppError, ErrorCode, RateWindow } from '../domain/errors.js';
import type { FieldAnswer, RunOutcome } from '../domain/operations/operation-service.js';

/*
 * The one place where what the domain returns or throws becomes an HTTP
 * response: statuses of error codes, where each named field was sent,
 * rate-limit and retry headers, and the replies of an operation run.
 */

/** Each domain error code as an HTTP status and title. */
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

/**
 * Where a request carries each field a domain error names (see FieldProblem):
 * the payload is the body, the lattice of an operation is the path's id, the
 * async flag and the page cursor are in the query string.
 */
const FIELD_LOCATIONS: Record<string, string> = { input: 'body', latticeId: 'path.id', async: 'query.async', cursor: 'query.cursor' };

export function fieldLocation(field: string): string {
  const [head, ...rest] = field.split('.');
  return [FIELD_LOCATIONS[head] ?? head, ...rest].join('.');
}

/** The IETF draft headers and their X- twins that older clients read. */
export function rateLimitHeaders(w: RateWindow): Record<string, string> {
  const h = { Limit: String(w.limit), Remaining: String(w.remaining), Reset: String(w.resetSeconds) };
  return {
    'RateLimit-Limit': h.Limit,
    'RateLimit-Remaining': h.Remaining,
    'RateLimit-Reset': h.Reset,
    'X-RateLimit-Limit': h.Limit,
    'X-RateLimit-Remaining': h.Remaining,
    'X-RateLimit-Reset': h.Reset,
  };
}

/** A problem document's own members, beyond type, title, status and request id, and its headers. */
export interface ProblemParts {
  detail: string;
  errors?: { location: string; message: string }[];
  fields?: Record<string, unknown>;
  headers: Record<string, string>;
}

/** The problem a domain error becomes. */
export function problemOf(err: AppError): ProblemParts {
  const { errors, detailListsErrors, retryAfterSeconds, rateWindow, fields } = err.extras;
  const located = errors?.map((e) => ({ location: fieldLocation(e.field), message: e.message }));
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  if (rateWindow) Object.assign(headers, rateLimitHeaders(rateWindow));
  const detail =
    detailListsErrors && located ? `${err.detail}: ${located.map((e) => `${e.location} ${e.message}`).join('; ')}` : err.detail;
  return { detail, errors: located, fields, headers };
}

/** Where a queued run's job is read: the canonical path, whichever prefix the request came through. */
export const jobStatusUrl = (jobId: string): string => `/api/v1/jobs/${jobId}`;

/** The reply of each way an operation run can end. */
export const RUN_REPLIES = {
  /** 200 with the answer. */
  done: <A>(reply: FastifyReply, answer: A) => reply.send(answer),
  /** 202 with the job, its status URL (also as Location) and the history row it will complete. */
  queued: (reply: FastifyReply, jobId: string, operationId: string) => {
    const statusUrl = jobStatusUrl(jobId);
    return reply.code(202).header('Location', statusUrl).send({ job_id: jobId, status_url: statusUrl, operation_id: operationId });
  },
  /**
   * 200 with the distance field as little-endian Int32 values (the field's own
   * bytes, not a copy) and the envelope in X- headers; the field's memory
   * reservation ends when the response has gone or the connection closed.
   */
  field: (reply: FastifyReply, { envelope, field, release }: FieldAnswer) => {
    reply.raw.once('finish', release);
    reply.raw.once('close', release);
    return reply
      .type('application/octet-stream')
      .headers({
        'X-Operation-Id': String(envelope.operation_id),
        'X-Execution-Time-Ms': String(envelope.execution_time_ms),
        'X-Backend': String(envelope.backend),
        'X-Gpu-Used': String(envelope.gpu_used),
        'X-Cached': String(envelope.cached),
        'X-Vertex-Count': String(field.length),
      })
      .send(Buffer.from(field.buffer, field.byteOffset, field.byteLength));
  },
};

/** Sends a run's outcome as JSON: the answer, or the 202 of its job. */
export function sendRun<A>(reply: FastifyReply, outcome: RunOutcome<A>): FastifyReply {
  return outcome.kind === 'done' ? RUN_REPLIES.done(reply, outcome.answer) : RUN_REPLIES.queued(reply, outcome.jobId, outcome.operationId);
}
