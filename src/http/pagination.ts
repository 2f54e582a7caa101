import type { TArray } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validationFailed } from '../domain/errors.js';
import type { Page, PagePosition, PageRequest } from '../domain/page.js';
import { UUID_PATTERN } from '../platform/ids.js';

const UUID = new RegExp(UUID_PATTERN);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** An opaque cursor: base64url of "created_at|id". Clients must not build or parse it. */
export function encodeCursor(p: PagePosition): string {
  return Buffer.from(`${p.createdAt}|${p.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or 422 when it is not one this API issued. */
export function decodeCursor(cursor: string): PagePosition {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !TIMESTAMP.test(createdAt ?? '') || !UUID.test(id ?? '') || Number.isNaN(Date.parse(createdAt))) {
    throw validationFailed([{ field: 'cursor', message: 'is not a cursor issued by this API' }], 'The pagination cursor is not valid');
  }
  return { createdAt, id };
}

/** The page a list route was asked for (`?limit` already defaulted and bounded by the schema). */
export function pageRequest(query: { limit: number; cursor?: string }): PageRequest {
  return query.cursor === undefined ? { limit: query.limit } : { limit: query.limit, after: decodeCursor(query.cursor) };
}

/**
 * Sets `X-Total-Count` and, when there is a next page, `Link: <url>; rel="next"`
 * (absolute, same path and filters, new cursor) and returns the bare array
 * the API's lists are.
 */
export function sendPage<T>(request: FastifyRequest, reply: FastifyReply, page: Page<T>): T[] {
  reply.header('X-Total-Count', String(page.total));
  if (page.next) {
    const url = new URL(request.url, `${request.protocol}://${request.host}`);
    url.searchParams.set('cursor', encodeCursor(page.next));
    reply.header('Link', `<${url.href}>; rel="next"`);
  }
  return page.items;
}

const PAGE_HEADERS = {
  'X-Total-Count': { type: 'integer', description: 'Items matching the filters across all pages' },
  Link: { type: 'string', description: 'RFC 8288 link to the next page (rel="next"); absent on the last page' },
} as const;

/** A list's 200 response schema with the pagination headers, for the OpenAPI document. */
export function pagedResponse<S extends TArray>(schema: S, description: string): S {
  return { ...schema, description, headers: PAGE_HEADERS };
}
