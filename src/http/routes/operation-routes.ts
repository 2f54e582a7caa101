import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperationAnswer, OperationService } from '../../domain/operations/operation-service.js';
import type { OperationInputs } from '../../domain/operations/operation-input-schemas.js';
import type { ReadOperation } from '../../domain/operations/operation-params.js';
import type { Role } from '../../domain/auth/roles.js';
import type { DistanceFieldResult } from '../../engine/distances.js';
import { callerOf } from '../caller.js';
import { pageRequest, sendPage } from '../pagination.js';
import { principalOf } from '../plugins/authentication.js';
import { IdParams, problems } from '../schemas/common.js';
import { Accepted, CompatPathBody, DistancesBinary } from '../schemas/operation-reply-schemas.js';
import { OperationListQuery, OperationQuery } from '../schemas/query-schemas.js';
import {
  AnalyzeAnswer,
  CentralityAnswer,
  ComponentsAnswer,
  DiffusionAnswer,
  DistancesAnswer,
  NeighborsAnswer,
  PartitionAnswer,
  PathAnswer,
  RandomWalkAnswer,
  SpectrumAnswer,
  TransformAnswer,
} from '../../domain/operations/operation-answer-schemas.js';
import { OperationList } from '../../domain/operations/operation-history-schemas.js';
import {
  AnalyzeBody,
  CentralityBody,
  ComponentsBody,
  DiffusionBody,
  DistancesBody,
  NeighborsBody,
  PartitionBody,
  PathBody,
  RandomWalkBody,
  SpectrumBody,
  TransformBody,
} from '../../domain/operations/operation-input-schemas.js';
import { AUTHENTICATED } from '../schemas/security.js';

const tags = ['operations'];
const PAGE_HEADERS = {
  'X-Total-Count': { type: 'integer', description: 'Operations matching the filter across all pages' },
  Link: { type: 'string', description: 'RFC 8288 link to the next page (rel="next"); absent on the last page' },
} as const;
const PROBLEMS = problems(400, 401, 403, 404, 413, 415, 422, 429);

/** A compute route: it needs `role` and counts against the plan's compute operations per minute. */
const computeRoute = (role: Role) => ({ config: { minRole: role, compute: true } });

const SHARED_RULES =
  " Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.";

interface ReadRoute {
  op: ReadOperation;
  body: TSchema;
  answer: TSchema;
  summary: string;
  description: string;
  /** The body may be left out entirely. */
  optionalBody?: boolean;
}

const READ_ROUTES: ReadRoute[] = [
  {
    op: 'path',
    body: PathBody,
    answer: PathAnswer,
    summary: 'Shortest path between two vertices',
    description: 'Around obstacles; 200 with `path: null, reachable: false` when there is none.',
  },
  {
    op: 'distances',
    body: DistancesBody,
    answer: DistancesAnswer,
    summary: 'BFS distance field from sources',
    description:
      'JSON: a summary (histogram, eccentricities). With `Accept: application/octet-stream`: the whole field as little-endian Int32 values in row-major order, the envelope in `X-Operation-Id`, `X-Execution-Time-Ms`, `X-Backend`, `X-Gpu-Used`, `X-Cached` and `X-Vertex-Count` headers.',
  },
  {
    op: 'neighbors',
    body: NeighborsBody,
    answer: NeighborsAnswer,
    summary: 'Vertices within a radius',
    description: 'The count is exact (closed form without obstacles); the list is limited.',
  },
  {
    op: 'components',
    body: ComponentsBody,
    answer: ComponentsAnswer,
    summary: 'Connected components',
    description: 'Count and sizes of the components of the free vertices (one without obstacles).',
    optionalBody: true,
  },
  {
    op: 'centrality',
    body: CentralityBody,
    answer: CentralityAnswer,
    summary: 'Closeness, betweenness or degree centrality',
    description: 'Exact when small; sampled from pivot sources with a stated standard error when large. Top-k vertices and statistics.',
    optionalBody: true,
  },
  {
    op: 'analyze',
    body: AnalyzeBody,
    answer: AnalyzeAnswer,
    summary: 'Structure of the lattice',
    description: 'Vertices, edges, degree statistics, diameter, bipartiteness, components and memory.',
    optionalBody: true,
  },
  {
    op: 'diffusion',
    body: DiffusionBody,
    answer: DiffusionAnswer,
    summary: 'Heat diffusion',
    description: `Explicit steps of the heat equation on the value field (not changed); statistics and optional snapshots. Steps are capped (see the body schema).`,
  },
  {
    op: 'random-walk',
    body: RandomWalkBody,
    answer: RandomWalkAnswer,
    summary: 'Seeded random walks',
    description:
      'Mean squared displacement (thinned to at most 1001 points), return and hitting statistics. Walkers and steps are capped (see the body schema).',
  },
  {
    op: 'partition',
    body: PartitionBody,
    answer: PartitionAnswer,
    summary: 'Balanced partition',
    description: 'Boxes by recursive coordinate bisection, with the edges cut.',
  },
  {
    op: 'spectrum',
    body: SpectrumBody,
    answer: SpectrumAnswer,
    summary: 'Smallest Laplacian eigenvalues',
    description: 'Exact from the product structure of the grid; lattices without obstacles only (422 otherwise).',
    optionalBody: true,
  },
];

/** Lets a client POST without a body where every member is optional. */
async function emptyBodyIsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}

/** Whether the Accept header asks for application/octet-stream at least as much as for JSON. */
function prefersBinary(accept: string | undefined): boolean {
  if (!accept) return false;
  let binary = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2)) || 0;
    if (type === 'application/octet-stream') binary = Math.max(binary, q);
    else if (type === 'application/json') json = Math.max(json, q);
    else if (type === '*/*' || type === 'application/*') json = Math.max(json, q * 0.99);
  }
  return binary > 0 && binary >= json;
}

function sendAnswer(reply: FastifyReply, answer: OperationAnswer): FastifyReply {
  if (answer.kind === 'accepted') return reply.code(202).header('Location', answer.body.status_url).send(answer.body);
  return reply.send(answer.body);
}

function sendField(reply: FastifyReply, answer: Extract<OperationAnswer, { kind: 'done' }>): FastifyReply {
  const field = (answer.result as DistanceFieldResult).distances;
  const b = answer.body;
  return reply
    .type('application/octet-stream')
    .headers({
      'X-Operation-Id': String(b.operation_id),
      'X-Execution-Time-Ms': String(b.execution_time_ms),
      'X-Backend': String(b.backend),
      'X-Gpu-Used': String(b.gpu_used),
      'X-Cached': String(b.cached),
      'X-Vertex-Count': String(field.length),
    })
    .send(Buffer.from(field.buffer, field.byteOffset, field.byteLength));
}

/** The lattice operation routes: every operation, sync or as a job, and the operation history. */
export function operationRoutes(deps: { operations: OperationService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const route of READ_ROUTES) {
      const binary = route.op === 'distances';
      app.post(
        `/lattices/:id/${route.op}`,
        {
          ...computeRoute('viewer'),
          ...(route.optionalBody ? { preValidation: emptyBodyIsObject } : {}),
          schema: {
            tags,
            summary: `${route.summary} (viewer)`,
            description: route.description + SHARED_RULES,
            security: AUTHENTICATED,
            params: IdParams,
            querystring: OperationQuery,
            body: route.body,
            response: {
              200: binary
                ? { content: { 'application/json': { schema: route.answer }, 'application/octet-stream': { schema: DistancesBinary } } }
                : route.answer,
              202: Accepted,
              ...PROBLEMS,
            },
          },
        },
        async (request, reply) => {
          const arrays = binary && prefersBinary(request.headers.accept);
          const answer = await deps.operations.run(
            callerOf(request),
            request.params.id,
            route.op,
            request.body as OperationInputs[ReadOperation],
            {
              async: request.query.async,
              arrays,
            },
          );
          return arrays && answer.kind === 'done' ? sendField(reply, answer) : sendAnswer(reply, answer);
        },
      );
    }

    app.post(
      '/lattices/path',
      {
        ...computeRoute('viewer'),
        schema: {
          tags,
          summary: 'Shortest path, lattice named in the body (viewer; compat)',
          description: 'For old clients: the same as `POST /lattices/{id}/path` with the id as `lattice_id` in the body.',
          security: AUTHENTICATED,
          querystring: OperationQuery,
          body: CompatPathBody,
          response: { 200: PathAnswer, 202: Accepted, ...PROBLEMS },
        },
      },
      async (request, reply) => {
        const { lattice_id: latticeId, ...input } = request.body;
        return sendAnswer(reply, await deps.operations.run(callerOf(request), latticeId, 'path', input, { async: request.query.async }));
      },
    );

    app.post(
      '/lattices/:id/transform',
      {
        ...computeRoute('member'),
        schema: {
          tags,
          summary: "Transform the lattice's value field (member)",
          description:
            "xor with a key (its own inverse), rotate by quarter turns in a plane of equal sides, scale by a factor, or normalize to zero mean and unit variance. The field (materialised on first use, within the plan's limit) is stored as the lattice's next `version`, with the history row and an audit entry `lattice.transformed`, in one transaction; concurrent transforms of one lattice run one after another. Cached results of the lattice are invalidated. 422 listing the valid types for an unknown `transformation_type`." +
            SHARED_RULES,
          security: AUTHENTICATED,
          params: IdParams,
          querystring: OperationQuery,
          body: TransformBody,
          response: { 200: TransformAnswer, 202: Accepted, ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429) },
        },
      },
      async (request, reply) =>
        sendAnswer(
          reply,
          await deps.operations.transform(callerOf(request), request.params.id, request.body, { async: request.query.async }),
        ),
    );

    const history = (onlyTransforms: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
      const { id } = request.params as { id: string };
      const { type, ...page } = request.query as { type?: string; limit: number; cursor?: string };
      const filter = { type: onlyTransforms ? 'transform' : type };
      const operations = sendPage(request, reply, await deps.operations.list(principalOf(request), id, filter, pageRequest(page)));
      return { operations };
    };
    const historySchema = (summary: string, description: string) => ({
      tags,
      summary,
      description,
      security: AUTHENTICATED,
      params: IdParams,
      querystring: OperationListQuery,
      response: { 200: { ...OperationList, headers: PAGE_HEADERS }, ...problems(401, 403, 404, 422, 429) },
    });

    app.get(
      '/lattices/:id/operations',
      {
        config: { minRole: 'viewer' },
        schema: historySchema(
          "The lattice's operation history (viewer)",
          'Every run, newest first, synchronous or queued (a queued run shows its job and status until it finishes); `type` filters; paginated with `limit`, `cursor`, `Link` and `X-Total-Count`.',
        ),
      },
      history(false),
    );

    app.get(
      '/lattices/:id/transformations',
      {
        config: { minRole: 'viewer' },
        schema: historySchema(
          'Transforms of the lattice (viewer; compat)',
          'For old clients: `GET /lattices/{id}/operations?type=transform`.',
        ),
      },
      history(true),
    );
  };
}
