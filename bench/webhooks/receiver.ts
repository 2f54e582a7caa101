/**
 * The bench's webhook receiver: an HTTP server on the loopback that answers
 * every delivery 200 at once, verifies its Standard Webhooks signature with
 * the endpoint's secret, and notes when each (event, endpoint) pair first
 * arrived. Endpoint i posts to `/r/<i>`; the event is named by the
 * `bench_seq` its data carries.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyStandard } from '../../src/domain/webhooks/webhook-signature.js';

export interface Receipts {
  /** `${seq}:${endpoint}` → the first receipt time (performance.now() of this process). */
  first: Map<string, number>;
  /** Deliveries that arrived again after their first receipt (at-least-once). */
  duplicates: number;
  /** Deliveries whose signature did not verify. */
  invalid: number;
  /** Requests that named no endpoint or event of the bench. */
  unknown: number;
}

export async function startReceiver(
  secrets: string[],
): Promise<{ url: string; receipts: Receipts; close(): Promise<void>; server: Server }> {
  const receipts: Receipts = { first: new Map(), duplicates: 0, invalid: 0, unknown: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200, { 'content-length': '0' }).end();
      const endpoint = Number(/^\/r\/(\d+)$/.exec(req.url ?? '')?.[1] ?? NaN);
      const body = Buffer.concat(chunks).toString('utf8');
      let seq: unknown;
      try {
        seq = (JSON.parse(body) as { data?: { bench_seq?: unknown } }).data?.bench_seq;
      } catch {
        seq = undefined;
      }
      if (!Number.isInteger(endpoint) || endpoint >= secrets.length || typeof seq !== 'number') {
        receipts.unknown++;
        return;
      }
      if (!verifyStandard(secrets[endpoint], req.headers, body).ok) receipts.invalid++;
      const key = `${seq}:${endpoint}`;
      if (receipts.first.has(key)) receipts.duplicates++;
      else receipts.first.set(key, at);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    receipts,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
