import type { FastifyRequest } from 'fastify';
import type { Caller } from '../domain/auth/caller.js';
import { principalOf } from './plugins/authentication.js';

/** The authenticated caller with the request facts an audit row records. */
export function callerOf(request: FastifyRequest): Caller {
  return { principal: principalOf(request), ip: request.ip, requestId: request.id };
}
