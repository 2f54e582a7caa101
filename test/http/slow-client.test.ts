import { mkdtemp, rm } from 'node:fs/promises';
import http2 from 'node:http2';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../support/self-signed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Slow-loris: a client that trickles its headers or its body holds a
// connection only as long as the configured timeouts, not for minutes.
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_500;
/** The server checks timeouts every second; the rest is slack for a loaded machine. */
const SLACK_MS = 2_500;

const LIMITS = { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) };

let t: TestApp;
let port: number;
/** The same app served over TLS (HTTP/2 with HTTP/1.1), as TLS_CERT_FILE does. */
let secure: TestApp;
let securePort: number;
let ca: string;
let certDir: string;

beforeAll(async () => {
  t = await createTestApp({ env: LIMITS });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as { port: number }).port;
  certDir = await mkdtemp(path.join(tmpdir(), 'catalytic-slow-tls-'));
  const pair = selfSignedCertificate(certDir, 'api', 'localhost', 1);
  ca = pair.cert;
  secure = await createTestApp({
    env: LIMITS,
    databaseUrl: t.databaseUrl,
    tls: { cert: Buffer.from(pair.cert), key: Buffer.from(pair.key) },
  });
  await secure.app.listen({ host: '127.0.0.1', port: 0 });
  securePort = (secure.app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await secure?.close();
  await t?.close();
  if (certDir) await rm(certDir, { recursive: true, force: true });
});

const plain = (): Socket => connect(port, '127.0.0.1');
/** HTTP/1.1 on the TLS port (ALPN http/1.1). */
const overTls = (): Socket => tlsConnect({ host: '127.0.0.1', port: securePort, servername: 'localhost', ca, ALPNProtocols: ['http/1.1'] });

/**
 * Opens a connection, sends `head`, then one byte of `drip` every `everyMs`
 * (never finishing); resolves with how long the server kept the connection
 * open and what it answered. Gives up after `capMs` (the client then closes).
 */
function trickle(
  open: () => Socket,
  head: string,
  drip: string,
  everyMs: number,
  capMs: number,
): Promise<{ ms: number; reply: string; cut: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = open();
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
      if (drip)
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

describe.each([
  ['on the HTTP/1 listener', plain],
  ['on the TLS listener, over HTTP/1.1', overTls],
])('slow clients are cut off %s', (_where, open) => {
  it('headers trickled a byte at a time: closed within HTTP_HEADERS_TIMEOUT_MS (plus the check interval)', async () => {
    const { ms, reply, cut } = await trickle(open, 'GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 'abcdefgh', 200, 20_000);
    expect(cut).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
    expect(reply === '' || reply.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('a body trickled a byte at a time: closed within HTTP_REQUEST_TIMEOUT_MS (plus the check interval)', async () => {
    const head =
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"email":"';
    const { ms, reply, cut } = await trickle(open, head, 'aaaaaaaa', 200, 15_000);
    expect(cut).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
    expect(reply === '' || reply.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('a request sent at a normal pace is served', async () => {
    const { reply } = await trickle(open, 'GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', '', 1000, 10_000);
    expect(reply.startsWith('HTTP/1.1 200')).toBe(true);
  });
});

/** An HTTP/2 stream whose body is trickled: when and how the server ended it. */
function trickleHttp2(everyMs: number, capMs: number): Promise<{ ms: number; status: number | null; rstCode: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const session = http2.connect(`https://localhost:${securePort}`, { ca });
    session.on('error', reject);
    const stream = session.request({
      ':method': 'POST',
      ':path': '/api/v1/auth/login',
      'content-type': 'application/json',
      'content-length': '10000',
    });
    let status: number | null = null;
    stream.on('response', (h) => (status = Number(h[':status'])));
    stream.on('data', () => undefined);
    stream.on('error', () => undefined);
    stream.write('{"email":"');
    const drip = setInterval(() => {
      if (!stream.destroyed && stream.writable) stream.write('a');
    }, everyMs);
    const done = (rstCode: number | null) => {
      clearInterval(drip);
      clearTimeout(cap);
      session.destroy();
      resolve({ ms: performance.now() - started, status, rstCode });
    };
    const cap = setTimeout(() => done(null), capMs);
    stream.on('close', () => done(stream.rstCode ?? null));
  });
}

describe('slow clients are cut off on the TLS listener, over HTTP/2', () => {
  it('a body trickled a byte at a time: the stream is reset within HTTP_REQUEST_TIMEOUT_MS', async () => {
    const { ms, status, rstCode } = await trickleHttp2(200, 15_000);
    expect(rstCode).toBe(http2.constants.NGHTTP2_CANCEL);
    expect(status).toBeNull();
    expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
  });

  it('a whole request is served, however long after it arrived its answer comes', async () => {
    const session = http2.connect(`https://localhost:${securePort}`, { ca });
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const stream = session.request({ ':method': 'POST', ':path': '/api/v1/auth/login', 'content-type': 'application/json' });
        let status = 0;
        let body = '';
        stream.on('response', (h) => (status = Number(h[':status'])));
        stream.on('data', (d) => (body += d));
        stream.on('end', () => resolve({ status, body }));
        stream.on('error', reject);
        stream.end(JSON.stringify({ email: 'nobody@example.com', password: 'Not-The-Password-1' }));
      });
      expect(answer.status, answer.body).toBe(401);
      // An idle session outlives the request timeout: only unfinished requests are cut.
      await new Promise((r) => setTimeout(r, REQUEST_TIMEOUT_MS + 1_500));
      const again = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/health/live' });
        stream.on('response', (h) => resolve(Number(h[':status'])));
        stream.on('error', reject);
        stream.resume();
      });
      expect(again).toBe(200);
    } finally {
      session.close();
    }
  });
});
