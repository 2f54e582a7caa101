import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PlanService } from '../../domain/plans/plan-service.js';
import { PlanList } from '../../domain/plans/plan-schemas.js';

/** The plans anyone may choose, with their limits (public). */
export function planRoutes(deps: { plans: PlanService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/plans',
      {
        schema: {
          tags: ['plans'],
          summary: 'Plans and their limits',
          description: 'Public. A limit of -1 means unlimited. `professional` is accepted wherever `pro` is.',
          response: { 200: PlanList },
        },
      },
      async () => deps.plans.list(),
    );
  };
}
