import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process (or per test app) so tests can build many apps side by side. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, templated route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, templated route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    authFailures: new Counter({
      name: 'catalytic_auth_failures_total',
      help: 'Failed authentications by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    // Labelled by subject so a process without TLS exports no series at all (an unlabelled gauge would read 0, "expired").
    tlsCertificateExpiry: new Gauge({
      name: 'catalytic_tls_certificate_expiry_timestamp_seconds',
      help: 'When the certificate the API serves over TLS expires (Unix time), by subject',
      labelNames: ['subject'] as const,
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'catalytic_rate_limited_total',
      help: 'Requests refused by a rate limit, by limit',
      labelNames: ['limit'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
