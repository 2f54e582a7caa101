import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * CORS from an allow-list. An unknown origin gets no CORS headers at all (never
 * a reflected origin). Preflight is answered in onRequest, before any auth hook.
 * A request without Origin (not a browser's cross-origin request) gets the
 * first allowed origin, which old clients read; `Vary: Origin` (set on every
 * response) keeps caches from serving it to a browser of another origin.
 */
export const corsAllowList = fp(
  async (app: FastifyInstance, opts: { origins: string[] }) => {
    const allowed = new Set(opts.origins);
    await app.register(cors, {
      origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'X-Request-ID', 'Idempotency-Key'],
      exposedHeaders: [
        'X-Request-ID',
        'API-Version',
        'Link',
        'X-Total-Count',
        'Retry-After',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ],
      maxAge: 600,
      strictPreflight: false,
    });
    const first = opts.origins[0];
    if (first !== undefined) {
      app.addHook('onRequest', async (request, reply) => {
        if (request.headers.origin === undefined) reply.header('Access-Control-Allow-Origin', first);
      });
    }
  },
  { name: 'cors-allow-list' },
);
