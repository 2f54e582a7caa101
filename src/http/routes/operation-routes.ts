import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { PathAnswer, TransformAnswer } from '../../domain/operations/operation-answer-schemas.js';
import { DistancesBody, OPERATION_INPUTS, TransformBody } from '../../domain/operations/operation-input-schemas.js';
import type { OperationService } from '../../domain/operations/operation-service.js';
import { prefersBinary } from '../accept.js';
import { callerOf } from '../caller.js';
import { requireRole } from '../route-access.js';
import { RUN_REPLIES, sendRun } from '../domain-responses.js';
import { IdParams, problems } from '../schemas/common.js';
import { Accepted, CompatPathBody, DistancesBinary } from '../schemas/operation-reply-schemas.js';
import { OperationQuery } from '../schemas/query-schemas.js';
import { READ_ROUTES, type ReadRoute, SHARED_RULES } from './operation-route-table.js';

const tags = ['operations'];
const PROBLEMS = problems(400, 401, 403, 404, 413, 415, 422, 429);

/** Lets a client POST without a body where every member is optional. */
async function emptyBodyIsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}

/** The OpenAPI and validation schema of a read route, its body being the operation's input schema. */
function readSchema<B>(route: ReadRoute, body: B, answer: object) {
  return {
    tags,
    summary: `${route.summary} (viewer)`,
    description: route.description + SHARED_RULES,
    params: IdParams,
    querystring: OperationQuery,
    body,
    response: { 200: answer, 202: Accepted, ...PROBLEMS },
  };
}

/**
 * The lattice operation routes: every operation, sync or as a job. The
 * distance field is the one answer with a second representation: with
 * `Accept: application/octet-stream` the route asks for the field itself.
 */
export function operationRoutes(deps: { operations: OperationService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const route of READ_ROUTES) {
      const options = { ...requireRole('viewer', { compute: true }), ...(route.optionalBody ? { preValidation: emptyBodyIsObject } : {}) };
      if (route.op === 'distances') {
        const answer = {
          content: { 'application/json': { schema: route.answer }, 'application/octet-stream': { schema: DistancesBinary } },
        };
        app.post(`/lattices/:id/distances`, { ...options, schema: readSchema(route, DistancesBody, answer) }, async (request, reply) => {
          const run = { async: request.query.async };
          if (!prefersBinary(request.headers.accept)) {
            return sendRun(reply, await deps.operations.run(callerOf(request), request.params.id, 'distances', request.body, run));
          }
          const outcome = await deps.operations.distanceField(callerOf(request), request.params.id, request.body, run);
          return outcome.kind === 'done' ? RUN_REPLIES.field(reply, outcome.answer) : sendRun(reply, outcome);
        });
        continue;
      }
      const body = OPERATION_INPUTS[route.op];
      const schema = readSchema(route, body, route.answer);
      // Old clients call the path operation `pathfind`: the same route under a second, undocumented name.
      const urls = route.op === 'path' ? [`/lattices/:id/path`, `/lattices/:id/pathfind`] : [`/lattices/:id/${route.op}`];
      for (const url of urls) {
        const hide = url.endsWith('/pathfind');
        app.post(url, { ...options, schema: hide ? { ...schema, hide } : schema }, async (request, reply) =>
          sendRun(
            reply,
            await deps.operations.run(callerOf(request), request.params.id, route.op, request.body, { async: request.query.async }),
          ),
        );
      }
    }

    app.post(
      '/lattices/path',
      {
        ...requireRole('viewer', { compute: true }),
        schema: {
          tags,
          summary: 'Shortest path, lattice named in the body (viewer; compat)',
          description: 'For old clients: the same as `POST /lattices/{id}/path` with the id as `lattice_id` in the body.',
          querystring: OperationQuery,
          body: CompatPathBody,
          response: { 200: PathAnswer, 202: Accepted, ...PROBLEMS },
        },
      },
      async (request, reply) => {
        const { lattice_id: latticeId, ...input } = request.body;
        return sendRun(reply, await deps.operations.run(callerOf(request), latticeId, 'path', input, { async: request.query.async }));
      },
    );

    app.post(
      '/lattices/:id/transform',
      {
        ...requireRole('member', { compute: true }),
        schema: {
          tags,
          summary: "Transform the lattice's value field (member)",
          description:
            "xor with a key (its own inverse; without `key`, the lattice's id is the key), rotate by quarter turns in a plane of equal sides, scale by a factor, or normalize to zero mean and unit variance. The field (materialised on first use, within the plan's limit) is stored as the lattice's next `version`, with the history row and an audit entry `lattice.transformed`, in one transaction; concurrent transforms of one lattice run one after another. Cached results of the lattice are invalidated. 422 listing the valid types for an unknown `transformation_type`." +
            SHARED_RULES,
          params: IdParams,
          querystring: OperationQuery,
          body: TransformBody,
          response: { 200: TransformAnswer, 202: Accepted, ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429) },
        },
      },
      async (request, reply) =>
        sendRun(reply, await deps.operations.transform(callerOf(request), request.params.id, request.body, { async: request.query.async })),
    );
  };
}
