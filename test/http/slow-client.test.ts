import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Slow-loris: a client that trickles its headers or its body holds a
// connection only as long as the configured timeouts, not for minutes.
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_500;
/** The server checks timeouts every second; the rest is slack for a loaded machine. */
const SLACK_MS = 2_500;

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await createTestApp({
    env: { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(async () => t?.close());

/**
 * Opens a connection, sends `head`, then one byte of `drip` every `everyMs`
 * (never finishing); resolves with how long the server kept the connection
 * open and what it answered. Gives up after `capMs` (the client then closes).
 */
function trickle(head: string, drip: string, everyMs: number, capMs: number): Promise<{ ms: number; reply: string; cut: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let reply = '';
    let i = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (cut: boolean) => {
      clearInterval(timer);
      clearTimeout(cap);
      socket.destroy();
      resolve({ ms: performance.now() - started, reply, cut });
    };
    const cap = setTimeout(() => finish(false), capMs);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (!socket.destroyed && socket.writable) socket.write(drip[i++ % drip.length]);
      }, everyMs);
    });
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE') return;
      reject(err);
    });
  });
}

describe('slow clients are cut off', () => {
  it('headers trickled a byte at a time: closed within HTTP_HEADERS_TIMEOUT_MS (plus the check interval)', async () => {
    const { ms, reply, cut } = await trickle('GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 'abcdefgh', 200, 20_000);
    expect(cut).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
    expect(reply === '' || reply.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('a body trickled a byte at a time: closed within HTTP_REQUEST_TIMEOUT_MS (plus the check interval)', async () => {
    const head =
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"email":"';
    const { ms, reply, cut } = await trickle(head, 'aaaaaaaa', 200, 30_000);
    expect(cut).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
    expect(reply === '' || reply.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('a request sent at a normal pace is served', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(res.status).toBe(200);
  });
});
