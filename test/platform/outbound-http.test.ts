import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../src/platform/outbound-http.js';

let server: Server;
let base: string;
const loopback = { allowLoopback: true };

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers
    if (req.url === '/redirect') {
      res.writeHead(307, { location: '/ok' });
      return res.end();
    }
    if (req.url === '/busy') {
      res.writeHead(503, { 'retry-after': '12' });
      return res.end('x'.repeat(100_000));
    }
    res.writeHead(200);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('postJson', () => {
  it('reports the status and Retry-After, and does not follow redirects', async () => {
    expect(await postJson(`${base}/ok`, {}, '{}', { timeoutMs: 5000, policy: loopback })).toMatchObject({ kind: 'response', status: 200 });
    expect(await postJson(`${base}/redirect`, {}, '{}', { timeoutMs: 5000, policy: loopback })).toMatchObject({
      kind: 'response',
      status: 307,
    });
    expect(await postJson(`${base}/busy`, {}, '{}', { timeoutMs: 5000, policy: loopback })).toMatchObject({
      kind: 'response',
      status: 503,
      retryAfter: '12',
    });
  });

  it('times out a receiver that never answers', async () => {
    const started = Date.now();
    expect(await postJson(`${base}/hang`, {}, '{}', { timeoutMs: 300, policy: loopback })).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('ends at once when aborted, and leaves no listener on a shared signal', async () => {
    const stopping = new AbortController();
    for (let i = 0; i < 20; i++) await postJson(`${base}/ok`, {}, '{}', { timeoutMs: 5000, policy: loopback, signal: stopping.signal });
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);
    const hanging = postJson(`${base}/hang`, {}, '{}', { timeoutMs: 60_000, policy: loopback, signal: stopping.signal });
    setTimeout(() => stopping.abort(), 100);
    expect(await hanging).toMatchObject({ kind: 'network_error', error: 'aborted' });
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await postJson(`http://127.0.0.1:${port}/`, {}, '{}', { timeoutMs: 5000, policy: loopback })).toMatchObject({
      kind: 'network_error',
      error: 'ECONNREFUSED',
    });
  });
});
