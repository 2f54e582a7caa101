import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { TenantService } from '../../domain/tenants/tenant-service.js';
import { callerOf } from '../caller.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { problems } from '../schemas/common.js';
import { SubscriptionBody, TenantPatchBody, TenantSchema } from '../../domain/tenants/tenant-schemas.js';

const tags = ['tenants'];

/** The caller's tenant and its subscription. */
export function tenantRoutes(deps: { tenants: TenantService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/tenants/current',
      {
        ...requireRole('viewer'),
        schema: {
          tags,
          summary: "The caller's tenant, its plan and the plan's limits",
          response: { 200: TenantSchema, ...problems(401, 403, 429) },
        },
      },
      async (request) => deps.tenants.current(principalOf(request)),
    );

    // Old clients list "their tenants": a user belongs to one, so the list holds the caller's.
    app.get(
      '/tenants',
      {
        ...requireRole('viewer'),
        schema: {
          hide: true,
          tags,
          summary: "The caller's tenants, a one-element list (compat, undocumented)",
          response: { 200: Type.Array(TenantSchema), ...problems(401, 403, 429) },
        },
      },
      async (request) => [await deps.tenants.current(principalOf(request))],
    );

    app.patch(
      '/tenants/current',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Rename the tenant (admin)',
          description: 'Only the display name can change; the slug stays stable. Audited as tenant.updated.',
          body: TenantPatchBody,
          response: { 200: TenantSchema, ...problems(401, 403, 422, 429) },
        },
      },
      async (request) => deps.tenants.rename(callerOf(request), request.body.name),
    );

    app.put(
      '/tenants/subscription',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Change the plan (admin)',
          description:
            'Any plan may be chosen (billing is out of scope for v1). `professional` is accepted for `pro`. The new limits apply at once on every server; each change is audited as tenant.plan_changed with the old and new plan.',
          body: SubscriptionBody,
          response: { 200: TenantSchema, ...problems(401, 403, 422, 429, 503) },
        },
      },
      async (request) => deps.tenants.changePlan(callerOf(request), request.body.plan_code),
    );
  };
}
