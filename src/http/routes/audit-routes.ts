import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuditLogService } from '../../domain/audit/audit-log-service.js';
import { pagedResponse, pageRequest, sendPage } from '../pagination.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { AuditList } from '../../domain/audit/audit-schemas.js';
import { AuditQuerySchema } from '../schemas/query-schemas.js';
import { problems } from '../schemas/common.js';
import { parseTimestamp } from '../../domain/timestamp.js';

/** The tenant's audit trail (admin). */
export function auditRoutes(deps: { audit: AuditLogService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/audit-logs',
      {
        ...requireRole('admin'),
        schema: {
          tags: ['audit'],
          summary: "The tenant's audit log (admin)",
          description:
            'Newest first, paginated, filtered by action, actor and time. Entries are written in the same transaction as the change they record and can never be changed or deleted.',
          querystring: AuditQuerySchema,
          response: { 200: pagedResponse(AuditList, 'A page of audit entries, newest first'), ...problems(401, 403, 422, 429) },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const query = {
          action: q.action,
          actorId: q.actor_id,
          since: q.since === undefined ? undefined : parseTimestamp(q.since),
          until: q.until === undefined ? undefined : parseTimestamp(q.until),
        };
        return sendPage(request, reply, await deps.audit.list(principalOf(request), query, pageRequest(q)));
      },
    );
  };
}
