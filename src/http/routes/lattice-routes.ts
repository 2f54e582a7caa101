import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { LatticeService } from '../../domain/lattices/lattice-service.js';
import { callerOf } from '../caller.js';
import { pagedResponse, pageRequest, sendPage } from '../pagination.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { CreateLatticeBody, LatticeList, LatticeSchema, UpdateLatticeBody } from '../../domain/lattices/lattice-schemas.js';
import { IdParams, problems } from '../schemas/common.js';
import { LatticeListQuery } from '../schemas/query-schemas.js';

const tags = ['lattices'];

/** `/lattices`: create, list, read, rename and delete (the operation routes live elsewhere). */
export function latticeRoutes(deps: { lattices: LatticeService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/lattices',
      {
        ...requireRole('member'),
        schema: {
          tags,
          summary: 'Create a lattice (member)',
          description:
            "Stored implicitly: creating a lattice of 10^12 vertices costs what one of 10 costs. `memory` is computed by the engine. 422 when the vertex or edge count would pass 2^53 − 1, when an obstacle coordinate is outside the shape, when the name has other characters than letters, digits, spaces and `_-.,:()#+`, or when metadata is larger than 16 KB. 403 `plan_limit_exceeded` past the plan's dimensions, size per side or number of lattices, naming the limit.",
          body: CreateLatticeBody,
          response: { 201: LatticeSchema, ...problems(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        const created = await deps.lattices.create(callerOf(request), request.body);
        reply.header('Location', `${request.url.split('?')[0]}/${created.id}`);
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/lattices',
      {
        ...requireRole('viewer'),
        schema: {
          tags,
          summary: "The tenant's lattices",
          description: 'Newest first, paginated; `name` filters by case-insensitive substring.',
          querystring: LatticeListQuery,
          response: { 200: pagedResponse(LatticeList, 'A page of lattices, newest first'), ...problems(401, 403, 422, 429) },
        },
      },
      async (request, reply) => {
        const { name, ...page } = request.query;
        return sendPage(request, reply, await deps.lattices.list(principalOf(request), { name }, pageRequest(page)));
      },
    );

    app.get(
      '/lattices/:id',
      {
        ...requireRole('viewer'),
        schema: {
          tags,
          summary: 'One lattice',
          description: "404 `Lattice not found` for an unknown id and for another tenant's lattice; 422 for an id that is not a UUID.",
          params: IdParams,
          response: { 200: LatticeSchema, ...problems(401, 403, 404, 422, 429) },
        },
      },
      async (request) => deps.lattices.get(principalOf(request), request.params.id),
    );

    app.patch(
      '/lattices/:id',
      {
        ...requireRole('member'),
        schema: {
          tags,
          summary: 'Rename a lattice or replace its metadata (member)',
          description:
            '`metadata` replaces the stored object as a whole. `updated_at` moves; `version` does not (it counts changes of the value field).',
          params: IdParams,
          body: UpdateLatticeBody,
          response: { 200: LatticeSchema, ...problems(400, 401, 403, 404, 413, 415, 422, 429) },
        },
      },
      async (request) => deps.lattices.update(callerOf(request), request.params.id, request.body),
    );

    app.delete(
      '/lattices/:id',
      {
        ...requireRole('member'),
        schema: {
          tags,
          summary: 'Delete a lattice (member)',
          description: 'Deletes it for good, with its value field and operation history; a later GET is 404.',
          params: IdParams,
          response: { 204: Type.Null({ description: 'Deleted' }), ...problems(401, 403, 404, 422, 429) },
        },
      },
      async (request, reply) => {
        await deps.lattices.remove(callerOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
