import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import { ERROR_TABLE, problemOf, problemType, type ProblemParts } from '../domain-responses.js';

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

/** Turns a thrown error into the code and the parts of a problem document. */
function classify(err: FastifyError | AppError | Error): Classified {
  if (err instanceof AppError) return { code: err.code, ...problemOf(err) };
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

/** One error handler and one not-found handler for the whole app: every failure is problem+json. */
export const problemResponses = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err, request, reply) => {
      const problem = classify(err as Error);
      if (problem.code === 'internal_error') request.log.error({ err }, 'unhandled error');
      return sendProblem(request, reply, problem);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, { code: 'not_found', detail: `Route ${request.method} ${request.url.split('?')[0]} not found` }),
    );
  },
  { name: 'problem-responses' },
);
