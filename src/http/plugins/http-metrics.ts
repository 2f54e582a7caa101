import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../../platform/metrics.js';

/**
 * Request count and latency by templated route (`/api/lattices/:id`), never the
 * raw URL: raw ids would give every resource its own time series.
 */
export const httpMetrics = fp(
  async (app: FastifyInstance, opts: { metrics: Metrics }) => {
    // Labelled children are looked up once per (method, route, status): resolving
    // labels on every request hashes them every time.
    const children = new Map<string, { count: { inc(): void }; duration: { observe(v: number): void } }>();
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const status = String(reply.statusCode);
      const key = `${request.method} ${route} ${status}`;
      let child = children.get(key);
      if (!child) {
        const labels = { method: request.method, route, status };
        child = { count: opts.metrics.httpRequests.labels(labels), duration: opts.metrics.httpDuration.labels(labels) };
        children.set(key, child);
      }
      child.count.inc();
      child.duration.observe(reply.elapsedTime / 1000);
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(opts.metrics.registry.contentType);
      return opts.metrics.registry.metrics();
    });
  },
  { name: 'http-metrics' },
);
