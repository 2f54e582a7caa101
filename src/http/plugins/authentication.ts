import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';
import type { Principal } from '../../domain/auth/principal.js';
import { roleAtLeast, scopeFor } from '../../domain/auth/roles.js';
import { isPlatformAdmin } from '../../domain/tenants/platform-admin-service.js';
import '../route-access.js';
import type { WindowHit } from '../../domain/usage/rate-limiter.js';

/** Resolves the caller from the request's credentials; implemented by the identity domain. */
export interface Authenticator {
  /** `onTenant` is called as soon as the tenant is known, before the authenticator's own store lookups. */
  authenticate(credentials: { bearer?: string; apiKey?: string; ip: string }, onTenant?: (tenantId: string) => void): Promise<Principal>;
}

export interface AuthenticationOptions {
  authenticator: Authenticator;
  /** Starts the tenant's request-window hit alongside authentication, so both share one round trip to the store. */
  requestWindow?: (tenantId: string) => Promise<WindowHit>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    requestWindowHit: Promise<WindowHit> | null;
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Authentication required');
  return request.principal;
}

function credentials(request: FastifyRequest): { bearer?: string; apiKey?: string } {
  const header = request.headers.authorization;
  const apiKey = request.headers['x-api-key'];
  const out: { bearer?: string; apiKey?: string } = {};
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>"');
    out.bearer = m[1];
  }
  if (typeof apiKey === 'string' && apiKey.length > 0) out.apiKey = apiKey;
  return out;
}

/**
 * Enforces each route's access declaration (route-access.ts). Authenticates
 * in onRequest, before the body is parsed or validated, so an
 * anonymous caller learns nothing about a route's payload rules. CORS
 * preflights are answered earlier by the CORS plugin.
 */
export const authentication = fp(
  async (app: FastifyInstance, opts: AuthenticationOptions) => {
    app.decorateRequest('principal', null);
    app.decorateRequest('requestWindowHit', null);
    app.addHook('onRequest', async (request, reply) => {
      const minRole = request.routeOptions.config?.minRole;
      if (!minRole) return;
      const creds = credentials(request);
      // Without credentials the authenticator refuses (and counts) the request; the header says how to authenticate.
      if (!creds.bearer && !creds.apiKey) reply.header('WWW-Authenticate', 'Bearer');
      const principal = await opts.authenticator.authenticate({ ...creds, ip: request.ip }, (tenantId) => {
        const hit = opts.requestWindow?.(tenantId);
        // Observed later by the rate-limit hook; a failure here must not become an unhandled rejection.
        hit?.catch(() => undefined);
        request.requestWindowHit = hit ?? null;
      });
      request.principal = principal;
      if (!roleAtLeast(principal.role, minRole)) {
        // An API key acts with the role its widest scope grants (see roleForScopes).
        if (principal.kind === 'api_key') {
          throw new AppError('insufficient_scope', `This API key lacks the "${scopeFor(minRole)}" scope this route needs`);
        }
        throw new AppError('forbidden', `This action needs the ${minRole} role or higher`);
      }
      if (request.routeOptions.config?.platformAdmin && !isPlatformAdmin(principal)) {
        throw new AppError('forbidden', 'This route is for platform administrators (granted by the operator), with a bearer token');
      }
    });
    // Judged where the route's own code would judge it, after the rate limit and validation.
    app.addHook('preHandler', async (request) => {
      const bearerOnly = request.routeOptions.config?.bearerOnly;
      if (bearerOnly !== undefined && request.principal?.kind === 'api_key') throw new AppError('forbidden', bearerOnly);
    });
  },
  { name: 'authentication' },
);
