import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../domain/services.js';
import { hiddenFromOpenApi } from './hidden-routes.js';
import { adminRoutes } from './routes/admin-routes.js';
import { apiKeyRoutes } from './routes/api-key-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { authRoutes, jwksRoutes } from './routes/auth-routes.js';
import { gpuRoutes } from './routes/gpu-routes.js';
import { jobRoutes } from './routes/job-routes.js';
import { latticeRoutes } from './routes/lattice-routes.js';
import { operationHistoryRoutes } from './routes/operation-history-routes.js';
import { operationRoutes } from './routes/operation-routes.js';
import { planRoutes } from './routes/plan-routes.js';
import { tenantRoutes } from './routes/tenant-routes.js';
import { tenantUserRoutes } from './routes/tenant-user-routes.js';
import { testingRoutes } from './routes/testing-routes.js';
import { usageRoutes } from './routes/usage-routes.js';
import { webhookRoutes } from './routes/webhook-routes.js';

/** The services the route areas take; each area's registration function names the ones it needs. */
export type RouteServices = Pick<
  Services,
  | 'auth'
  | 'emailedTokens'
  | 'tokens'
  | 'tenants'
  | 'users'
  | 'apiKeys'
  | 'plans'
  | 'audit'
  | 'platformAdmin'
  | 'lattices'
  | 'operations'
  | 'jobs'
  | 'usage'
  | 'engine'
  | 'webhooks'
>;

/**
 * The route plugins served under `/api/v1` and again under `/api`, one per
 * area, in the order the OpenAPI document lists them. A new area adds its
 * registration function here.
 */
export function apiRoutes(s: RouteServices, opts: { testing: boolean }): FastifyPluginAsync[] {
  const areas = [
    authRoutes(s),
    tenantRoutes(s),
    tenantUserRoutes(s),
    apiKeyRoutes(s),
    planRoutes(s),
    auditRoutes(s),
    latticeRoutes(s),
    operationRoutes(s),
    operationHistoryRoutes(s),
    gpuRoutes(s),
    jobRoutes(s),
    usageRoutes(s),
    adminRoutes(s),
    webhookRoutes(s),
  ];
  return opts.testing ? [...areas, testingRoutes()] : areas;
}

/** The route plugins served at the root: the JWKS at its well-known path, and `/auth/*` for old clients (undocumented). */
export function rootRoutes(s: RouteServices): FastifyPluginAsync[] {
  return [jwksRoutes(s), hiddenFromOpenApi([authRoutes(s)])];
}
