import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { PlanCatalog } from '../../domain/plans/plan-catalog.js';
import type { RateLimiter, RateWindow } from '../../domain/usage/rate-limiter.js';
import { StoreUnavailable } from '../../platform/key-value-store.js';
import { rateLimitHeaders } from '../domain-responses.js';
import '../route-access.js';

/**
 * Every authenticated request counts against its tenant's requests-per-minute;
 * compute routes also against compute-per-minute. Runs after authentication
 * (registered after it), so the tenant is known.
 */
export const tenantRateLimit = fp(
  async (app: FastifyInstance, opts: { limiter: RateLimiter; plans: PlanCatalog }) => {
    app.addHook('onRequest', async (request, reply) => {
      const p = request.principal;
      if (!p) return;
      const limits = await opts.plans.limits(p.planCode);
      // The authentication hook usually started this hit already, in the same round trip as its own lookups.
      let hit;
      try {
        hit = await (request.requestWindowHit ?? opts.limiter.hit(p.tenantId, 'requests'));
      } catch (err) {
        // The store is down: an essential route goes on uncounted; any other answers 503 (problem-responses).
        if (err instanceof StoreUnavailable && request.routeOptions.config?.essential) return;
        throw err;
      }
      let shown: RateWindow | null = opts.limiter.judge(hit, 'requests', limits.requests_per_minute, p.planCode);
      if (request.routeOptions.config?.compute) {
        shown = (await opts.limiter.consume(p.tenantId, 'compute', limits.compute_per_minute, p.planCode)) ?? shown;
      }
      if (shown) reply.headers(rateLimitHeaders(shown));
    });
  },
  { name: 'tenant-rate-limit', dependencies: ['authentication'] },
);
