import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../../platform/metrics.js';

/**
 * Request count and latency by templated route (`/api/lattices/:id`), never the
 * raw URL: raw ids would give every resource its own time series.
 */
export const httpMetrics = fp(
  async (app: FastifyInstance, opts: { metrics: Metrics }) => {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const labels = { method: request.method, route, status: String(reply.statusCode) };
      opts.metrics.httpRequests.inc(labels);
      opts.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(opts.metrics.registry.contentType);
      return opts.metrics.registry.metrics();
    });
  },
  { name: 'http-metrics' },
);
