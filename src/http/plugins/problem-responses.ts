import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type ErrorCode, type FieldProblem } from '../../domain/errors.js';
import { ERROR_TABLE, problemType } from '../error-table.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

function fieldProblems(issues: ValidationIssue[], context: string | undefined): FieldProblem[] {
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

/** Turns a thrown error into the code, detail and extras of a problem document. */
function classify(err: FastifyError | AppError | Error): { code: ErrorCode; detail: string; error?: AppError } {
  if (err instanceof AppError) return { code: err.code, detail: err.detail, error: err };
  const fe = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fe.validation) {
    const errors = fieldProblems(fe.validation, fe.validationContext);
    return {
      code: 'validation_failed',
      detail: `Request validation failed: ${errors.map((e) => `${e.location} ${e.message}`).join('; ')}`,
      error: new AppError('validation_failed', '', { errors }),
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

export function sendProblem(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, detail: string, error?: AppError): FastifyReply {
  const { status, title } = ERROR_TABLE[code];
  const extras = error?.extras ?? {};
  if (extras.retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(extras.retryAfterSeconds))));
  for (const [name, value] of Object.entries(extras.headers ?? {})) reply.header(name, value);
  const body: Record<string, unknown> = {
    type: problemType(code),
    title,
    status,
    detail,
    code,
    request_id: request.id,
    ...extras.fields,
  };
  if (extras.errors) body.errors = extras.errors;
  return reply.code(status).type('application/problem+json').send(body);
}

/** One error handler and one not-found handler for the whole app: every failure is problem+json. */
export const problemResponses = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err, request, reply) => {
      const { code, detail, error } = classify(err as Error);
      if (code === 'internal_error') request.log.error({ err }, 'unhandled error');
      return sendProblem(request, reply, code, detail, error);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, 'not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`),
    );
  },
  { name: 'problem-responses' },
);
