import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { UsageService } from '../../domain/usage/usage-service.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { UsageSummary } from '../../domain/usage/usage-schemas.js';
import { AUTHED_PROBLEMS, problems } from '../schemas/common.js';

/** `GET /tenants/usage`: the current period's counts next to the plan's limits. */
export function usageRoutes({ usage }: { usage: UsageService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/tenants/usage',
      {
        ...requireRole('viewer'),
        schema: {
          tags: ['tenants'],
          summary: "This month's usage next to the plan's limits",
          response: { 200: UsageSummary, ...problems(...AUTHED_PROBLEMS) },
        },
      },
      async (req) => usage.summary(principalOf(req)),
    );
  };
}
