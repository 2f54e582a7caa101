import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { stringify } from 'yaml';
import { routeSecurity } from '../route-access.js';

export interface OpenApiOptions {
  version: string;
  publicUrl: string;
}

const require = createRequire(import.meta.url);

/** `POST /api/v1/lattices/:id/path` → `postLatticesIdPath`: stable, unique per method and path. */
function operationId(method: string | string[], url: string): string {
  const words = url
    .replace(/^\/api(\/v1)?/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1));
  const verb = (Array.isArray(method) ? method[0] : method).toLowerCase();
  return verb + (words.join('') || 'Root');
}

const REDOC_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Catalytic API — ReDoc</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/openapi.json"></redoc><script src="/redoc/redoc.standalone.js"></script></body></html>`;

/**
 * The OpenAPI 3.1 document is generated from the route schemas, so it cannot
 * drift from what the validator enforces. Served as JSON and YAML, browsed with
 * Swagger UI (/docs) and ReDoc (/redoc), both from local assets (no CDN).
 */
export const openApi = fp(
  async (app: FastifyInstance, opts: OpenApiOptions) => {
    app.addHook('onRoute', (route) => {
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      // Every documented operation says how to authenticate, derived from the
      // route's access declaration so the document cannot contradict the hook.
      schema.security = routeSecurity(route.config);
      if (route.config?.platformAdmin) schema['x-platform-admin'] = true;
      schema.operationId ??= operationId(route.method, route.url);
      route.schema = schema;
    });
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Catalytic API',
          version: opts.version,
          description:
            'Multi-tenant lattice computing. Every route is served under `/api/v1` (canonical) and `/api` (same version, for existing clients). Errors are `application/problem+json`.',
          license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
          contact: { name: 'Catalytic', url: opts.publicUrl },
        },
        // Relative: the document describes whichever host serves it.
        servers: [{ url: '/' }],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            apiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          },
        },
        tags: [
          { name: 'auth', description: 'Registration, login, tokens' },
          { name: 'tenants', description: 'Tenant, users, API keys, subscription' },
          { name: 'plans', description: 'Plans and their limits' },
          { name: 'audit', description: 'Audit log' },
          { name: 'admin', description: 'Platform administration: every tenant (platform administrators only)' },
          { name: 'operations', description: 'Health, readiness, metrics' },
          { name: 'webhooks', description: 'Endpoints that receive signed events (Standard Webhooks), their delivery log and redelivery' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false, uiConfig: { deepLinking: true } });

    const redocBundle = await readFile(require.resolve('redoc/bundles/redoc.standalone.js'));
    app.get('/redoc', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(REDOC_PAGE));
    app.get('/redoc/redoc.standalone.js', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('application/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=86400').send(redocBundle),
    );
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    app.get('/openapi.yaml', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('application/yaml; charset=utf-8').send(stringify(app.swagger(), { aliasDuplicateObjects: false })),
    );
  },
  { name: 'openapi' },
);
