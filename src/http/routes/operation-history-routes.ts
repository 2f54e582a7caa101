import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OperationList } from '../../domain/operations/operation-history-schemas.js';
import type { OperationService } from '../../domain/operations/operation-service.js';
import { pageRequest, sendPage } from '../pagination.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { IdParams, problems } from '../schemas/common.js';
import { OperationListQuery } from '../schemas/query-schemas.js';

const tags = ['operations'];
const PAGE_HEADERS = {
  'X-Total-Count': { type: 'integer', description: 'Operations matching the filter across all pages' },
  Link: { type: 'string', description: 'RFC 8288 link to the next page (rel="next"); absent on the last page' },
} as const;

const historySchema = (summary: string, description: string) => ({
  tags,
  summary,
  description,
  params: IdParams,
  querystring: OperationListQuery,
  response: { 200: { ...OperationList, headers: PAGE_HEADERS }, ...problems(401, 403, 404, 422, 429) },
});

const HISTORY_ROUTES = [
  {
    url: '/lattices/:id/operations',
    summary: "The lattice's operation history (viewer)",
    description:
      'Every run, newest first, synchronous or queued (a queued run shows its job and status until it finishes); `type` filters; paginated with `limit`, `cursor`, `Link` and `X-Total-Count`.',
    onlyTransforms: false,
  },
  {
    url: '/lattices/:id/transformations',
    summary: 'Transforms of the lattice (viewer; compat)',
    description: 'For old clients: `GET /lattices/{id}/operations?type=transform`.',
    onlyTransforms: true,
  },
];

/** A lattice's operation history, and its transforms alone for old clients. */
export function operationHistoryRoutes(deps: { operations: OperationService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const route of HISTORY_ROUTES) {
      app.get(route.url, { ...requireRole('viewer'), schema: historySchema(route.summary, route.description) }, async (request, reply) => {
        const { type, ...page } = request.query;
        const filter = { type: route.onlyTransforms ? 'transform' : type };
        const list = await deps.operations.list(principalOf(request), request.params.id, filter, pageRequest(page));
        return { operations: sendPage(request, reply, list) };
      });
    }
  };
}
