import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { MetricsRegistry } from '../../platform/metrics.js';
import { HTTP_ROUTE } from '../../platform/metrics/label-sets.js';

/**
 * Request count and latency by templated route (`/api/lattices/:id`), never the
 * raw URL: raw ids would give every resource its own time series. Also serves
 * the registry at `/metrics`.
 */
export const httpMetrics = fp(
  async (app: FastifyInstance, opts: { metrics: MetricsRegistry }) => {
    const { metrics } = opts;
    // Only templates the app registered are accepted as `route` values.
    app.addHook('onRoute', (route) => metrics.allowLabelValues(HTTP_ROUTE, [route.url]));
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
        child = { count: metrics.httpRequests.child(labels), duration: metrics.httpDuration.child(labels) };
        children.set(key, child);
      }
      child.count.inc();
      child.duration.observe(reply.elapsedTime / 1000);
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(metrics.contentType);
      return metrics.expose();
    });
  },
  { name: 'http-metrics' },
);
