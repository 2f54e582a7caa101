import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AppError, appErrorOf, type ErrorCode } from '../../domain/errors.js';
import { DatabaseUnavailable } from '../../platform/database-errors.js';
import { StoreUnavailable } from '../../platform/key-value-store.js';
import { ERROR_TABLE, problemOf, problemType, type ProblemParts } from '../domain-responses.js';
import { documentProblems } from '../schemas/common.js';
import { API_HEADERS, HSTS } from './response-headers.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

function fieldProblems(issues: ValidationIssue[], context: string | undefined): { location: string; message: string }[] {
  const root = LOCATION[context ?? 'body'] ?? 'body';
  return issues.map((issue) => {
    let path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
    if (issue.keyword === 'required' && typeof issue.params?.missingProperty === 'string') {
      path = path ? `${path}.${issue.params.missingProperty}` : issue.params.missingProperty;
    }
    if (issue.keyword === 'additionalProperties' && typeof issue.params?.additionalProperty === 'string') {
      path = path ? `${path}.${issue.params.additionalProperty}` : issue.params.additionalProperty;
    }
    let message = issue.message ?? 'is invalid';
    if (issue.keyword === 'enum' && Array.isArray(issue.params?.allowedValues)) {
      message = `must be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}`;
    }
    return { location: path ? `${root}.${path}` : root, message };
  });
}

type Classified = { code: ErrorCode } & Partial<ProblemParts> & { detail: string };

/** How long a client should wait before retrying while a dependency is down (it reconnects by itself). */
const DEPENDENCY_RETRY_AFTER_SECONDS = '2';

/** A dependency outage: retryable, never an internal error. */
function dependencyOutage(err: Error): Classified | null {
  const which = err instanceof DatabaseUnavailable ? 'database' : err instanceof StoreUnavailable ? 'shared store' : null;
  if (!which) return null;
  return {
    code: 'service_unavailable',
    detail: `The ${which} is unavailable; retry shortly`,
    headers: { 'Retry-After': DEPENDENCY_RETRY_AFTER_SECONDS },
  };
}

/** Turns a thrown error into the code and the parts of a problem document. */
function classify(err: FastifyError | AppError | Error): Classified {
  const known = appErrorOf(err);
  if (known) return { code: known.code, ...problemOf(known) };
  const outage = dependencyOutage(err);
  if (outage) return outage;
  const fe = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fe.validation) {
    const errors = fieldProblems(fe.validation, fe.validationContext);
    return {
      code: 'validation_failed',
      detail: `Request validation failed: ${errors.map((e) => `${e.location} ${e.message}`).join('; ')}`,
      errors,
    };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', detail: 'The request body is larger than the limit' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', detail: 'Send the request body as application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'malformed_request', detail: 'The JSON body is empty' };
  }
  const status = fe.statusCode ?? 500;
  if (status === 400 || fe instanceof SyntaxError) return { code: 'malformed_request', detail: `Malformed request: ${fe.message}` };
  if (status === 413) return { code: 'payload_too_large', detail: 'The request body is larger than the limit' };
  if (status === 415) return { code: 'unsupported_media_type', detail: fe.message };
  if (status === 404) return { code: 'not_found', detail: fe.message };
  if (status >= 400 && status < 500) return { code: 'malformed_request', detail: fe.message };
  return { code: 'internal_error', detail: 'An unexpected error occurred; it has been logged' };
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Classified): FastifyReply {
  const { code, detail, errors, fields, headers } = problem;
  const { status, title } = ERROR_TABLE[code];
  if (headers) reply.headers(headers);
  const body: Record<string, unknown> = { type: problemType(code), title, status, detail, code, request_id: request.id, ...fields };
  if (errors) body.errors = errors;
  return reply.code(status).type('application/problem+json').send(body);
}

/** What the router refuses before a route is chosen, with where the problem lies in the request. */
const ROUTER_ERRORS: Record<string, string> = {
  FST_ERR_BAD_URL: 'is not valid percent-encoded UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'has a parameter longer than any this API takes',
};

/**
 * Fastify's `frameworkErrors`: a path the router cannot read (bad
 * percent-encoding, a parameter over its maximum length) is a 422 problem
 * naming the path, as any other invalid path parameter, instead of the
 * router's own JSON.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // No hook runs for these: the headers every response carries are set here. HSTS is ignored over plain HTTP.
  reply.headers({ ...API_HEADERS, 'Strict-Transport-Security': HSTS, 'X-Request-ID': request.id });
  const message = ROUTER_ERRORS[err.code];
  if (!message) return sendProblem(request, reply, classify(err));
  return sendProblem(request, reply, {
    code: 'validation_failed',
    detail: `Request validation failed: path ${message}`,
    errors: [{ location: 'path', message }],
  });
}

/** Methods whose request body Fastify parses, whether or not the route declares one. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One error handler and one not-found handler for the whole app: every failure is problem+json. */
export const problemResponses = fp(
  async (app: FastifyInstance) => {
    // A body is parsed before any route sees it, so each route taking one can answer what parsing refuses:
    // malformed JSON (400), too large (413), not JSON (415).
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.some((m) => BODY_METHODS.has(m))) documentProblems(route, [400, 413, 415]);
    });
    app.setErrorHandler((err, request, reply) => {
      const problem = classify(err as Error);
      if (problem.code === 'internal_error') request.log.error({ err }, 'unhandled error');
      else if (problem.code === 'service_unavailable') request.log.warn({ err }, 'dependency unavailable');
      return sendProblem(request, reply, problem);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, { code: 'not_found', detail: `Route ${request.method} ${request.url.split('?')[0]} not found` }),
    );
  },
  { name: 'problem-responses' },
);
