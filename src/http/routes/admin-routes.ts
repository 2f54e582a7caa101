import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PlatformAdminService } from '../../domain/tenants/platform-admin-service.js';
import { SubscriptionBody, TenantSchema } from '../../domain/tenants/tenant-schemas.js';
import { callerOf } from '../caller.js';
import { pagedResponse, pageRequest, sendPage } from '../pagination.js';
import { requireRole } from '../route-access.js';
import { IdParams, problems } from '../schemas/common.js';
import { AdminTenantQuery } from '../schemas/query-schemas.js';

const tags = ['admin'];

/** Every admin route: any tenant role, but only a platform administrator's bearer token. */
const PLATFORM_ADMIN = requireRole('viewer', {
  bearerOnly: 'Platform administration needs a platform administrator signed in with a bearer token; API keys are refused',
  platformAdmin: true,
});

const WHO = 'Platform administrators only (granted by the operator with `catalytic admin grant EMAIL`), with a bearer token.';

/** Platform administration: every tenant, its status and its plan. */
export function adminRoutes(deps: { platformAdmin: PlatformAdminService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/admin/tenants',
      {
        ...PLATFORM_ADMIN,
        schema: {
          tags,
          summary: 'Every tenant, newest first (platform administrator)',
          description: `${WHO} Paginated like every list (X-Total-Count, Link rel="next"), filtered by status.`,
          querystring: AdminTenantQuery,
          response: { 200: pagedResponse(Type.Array(TenantSchema), 'A page of tenants, newest first'), ...problems(401, 403, 422, 429) },
        },
      },
      async (request, reply) => {
        const q = request.query;
        return sendPage(request, reply, await deps.platformAdmin.listTenants(callerOf(request), { status: q.status }, pageRequest(q)));
      },
    );

    app.post(
      '/admin/tenants/:id/suspend',
      {
        ...PLATFORM_ADMIN,
        schema: {
          tags,
          summary: 'Suspend a tenant (platform administrator)',
          description: `${WHO} From the next request on, on every node, the tenant's tokens and API keys are refused with 403 \`account_disabled\` and its users cannot log in; nothing is deleted. Suspending a suspended tenant changes nothing. An administrator cannot suspend their own tenant (409). Audited in the tenant's log as tenant.suspended, naming the administrator.`,
          params: IdParams,
          response: { 200: TenantSchema, ...problems(401, 403, 404, 409, 422, 429) },
        },
      },
      async (request) => deps.platformAdmin.suspend(callerOf(request), request.params.id),
    );

    app.post(
      '/admin/tenants/:id/reactivate',
      {
        ...PLATFORM_ADMIN,
        schema: {
          tags,
          summary: 'Reactivate a suspended tenant (platform administrator)',
          description: `${WHO} Its tokens and API keys work again from the next request on, on every node. Audited as tenant.reactivated.`,
          params: IdParams,
          response: { 200: TenantSchema, ...problems(401, 403, 404, 422, 429) },
        },
      },
      async (request) => deps.platformAdmin.reactivate(callerOf(request), request.params.id),
    );

    app.put(
      '/admin/tenants/:id/plan',
      {
        ...PLATFORM_ADMIN,
        schema: {
          tags,
          summary: 'Move a tenant to another plan (platform administrator)',
          description: `${WHO} The new limits apply from the next request on, on every node. An unknown plan is 422. Audited as tenant.plan_changed, naming the administrator.`,
          params: IdParams,
          body: SubscriptionBody,
          response: { 200: TenantSchema, ...problems(401, 403, 404, 422, 429) },
        },
      },
      async (request) => deps.platformAdmin.changePlan(callerOf(request), request.params.id, request.body.plan_code),
    );
  };
}
