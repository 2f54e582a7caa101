import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when the request had arrived in full. */
  at: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Never answer (the sender's timeout must end it). */
  hang?: boolean;
  /** Answer after this many milliseconds. */
  delayMs?: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: Received[];
  /** How the next requests are answered (default 200). */
  respond(fn: (r: Received, index: number) => Answer): void;
  /** Requests received at `path` so far. */
  at(path: string): Received[];
  /** Waits until `n` requests reached `path` (or any path when omitted); throws after `ms`. */
  waitFor(n: number, ms: number, path?: string): Promise<Received[]>;
  close(): Promise<void>;
}

/** An HTTP receiver on loopback that records every request and answers as told. */
export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let responder: (r: Received, index: number) => Answer = () => ({ status: 200 });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(r);
      const answer = responder(r, received.length - 1);
      if (answer.hang) return;
      const send = () => {
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        res.end('ok');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  const filtered = (path?: string) => (path === undefined ? received : received.filter((r) => r.path === path));
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    respond(fn) {
      responder = fn;
    },
    at: (path) => filtered(path),
    async waitFor(n, ms, path) {
      const end = Date.now() + ms;
      while (filtered(path).length < n) {
        if (Date.now() > end) throw new Error(`expected ${n} webhook requests at ${path ?? 'any path'}, got ${filtered(path).length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return filtered(path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
