import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from '../metrics.js';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `/metrics` for a process without the HTTP API (`catalytic worker`). Plain
 * node:http: one route, nothing to authenticate, bound to loopback unless
 * METRICS_HOST says otherwise.
 */
export async function startMetricsServer(metrics: MetricsRegistry, host: string, port: number): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://metrics');
    if (url.pathname !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: this port serves /metrics only\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    metrics.expose().then(
      (body) => res.writeHead(200, { 'content-type': metrics.contentType }).end(req.method === 'HEAD' ? undefined : body),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics could not be rendered\n'),
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
