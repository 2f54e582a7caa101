import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ApiKeyService } from '../../domain/tenants/api-key-service.js';
import { callerOf } from '../caller.js';
import { pagedResponse, pageRequest, sendPage } from '../pagination.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { ApiKeyList, CreateApiKeyBody, CreatedApiKeySchema } from '../../domain/tenants/api-key-schemas.js';
import { IdParams, problems } from '../schemas/common.js';
import { Pagination } from '../schemas/query-schemas.js';

const tags = ['tenants'];

/** The tenant's API keys (admin): create (secret shown once), list without secrets, revoke. */
export function apiKeyRoutes(deps: { apiKeys: ApiKeyService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/tenants/api-keys',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Create an API key (admin)',
          description:
            'The full key is in this response only; the server keeps its prefix and a SHA-256 hash. Send it as `X-API-Key`. A key acts with the role its widest scope grants: read → viewer, write → member, admin → admin.',
          body: CreateApiKeyBody,
          response: { 201: CreatedApiKeySchema, ...problems(401, 403, 422, 429) },
        },
      },
      async (request, reply) => reply.code(201).send(await deps.apiKeys.create(callerOf(request), request.body)),
    );

    app.get(
      '/tenants/api-keys',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: "The tenant's API keys, without secrets (admin)",
          description: 'Newest first, paginated; revoked and expired keys included.',
          querystring: Pagination,
          response: { 200: pagedResponse(ApiKeyList, 'A page of API keys, newest first'), ...problems(401, 403, 422, 429) },
        },
      },
      async (request, reply) => sendPage(request, reply, await deps.apiKeys.list(principalOf(request), pageRequest(request.query))),
    );

    app.delete(
      '/tenants/api-keys/:id',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Revoke an API key (admin)',
          description: 'Takes effect at once on every server. Revoking a revoked key is 204 again.',
          params: IdParams,
          response: { 204: Type.Null({ description: 'Revoked' }), ...problems(401, 403, 404, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        await deps.apiKeys.revoke(callerOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
