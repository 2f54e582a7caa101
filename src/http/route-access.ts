import type { Role } from '../domain/auth/roles.js';

/** What a route asks of its caller beyond the role. */
export interface AccessOptions {
  /** The route also counts against the plan's compute operations per minute. */
  compute?: boolean;
  /** Only a bearer token will do: an API key is refused (forbidden) with this detail. */
  bearerOnly?: string;
  /**
   * Served while the shared store is down, without counting against the rate
   * limit: logout, whose record is PostgreSQL, must work during an outage.
   */
  essential?: boolean;
  /** Only a platform administrator will do (a user granted by `catalytic admin grant`); everyone else is forbidden. */
  platformAdmin?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a route needs; absent means the route is public. */
    minRole?: Role;
    compute?: boolean;
    bearerOnly?: string;
    essential?: boolean;
    platformAdmin?: boolean;
  }
}

/**
 * The one way a route declares who may call it: spread into its options. The
 * authentication hook enforces it, the rate limit reads `compute`, and the
 * OpenAPI document's `security` is derived from it (routeSecurity). A route
 * without it is public.
 */
export function requireRole(role: Role, options: AccessOptions = {}) {
  return { config: { minRole: role, ...options } };
}

type Security = { [scheme: string]: readonly string[] }[];

const BEARER: Security = [{ bearerAuth: [] }];
const BEARER_OR_API_KEY: Security = [{ bearerAuth: [] }, { apiKeyAuth: [] }];

/** The OpenAPI `security` of a route, from its access declaration. */
export function routeSecurity(config: { minRole?: Role; bearerOnly?: string } | undefined): Security {
  if (!config?.minRole) return [];
  return config.bearerOnly === undefined ? BEARER_OR_API_KEY : BEARER;
}
