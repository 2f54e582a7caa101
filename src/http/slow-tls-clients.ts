import { constants, type Http2SecureServer, type ServerHttp2Stream } from 'node:http2';

export interface SlowClientLimits {
  /** The request's headers must arrive within this long (HTTP/1.1). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this long. */
  requestTimeoutMs: number;
  /** How often HTTP/1.1 connections are checked against both limits. */
  checkIntervalMs: number;
}

/**
 * The TLS listener (HTTP/2 with HTTP/1.1 fallback) gets the slow-client
 * limits the plain HTTP/1 listener has. Fastify passes `http.headersTimeout`
 * and `requestTimeout` to an HTTP/1 server only.
 *
 * - HTTP/1.1 on the TLS port: Node's HTTP/2 server handles these connections
 *   with the HTTP/1 machinery and reads the same three properties (they must
 *   be set before it listens).
 * - HTTP/2: a stream is announced once its headers are complete; its body
 *   must then be complete within `requestTimeoutMs`, or the stream is reset
 *   (RST_STREAM CANCEL), as HTTP/1 closes the connection. A stream that sent
 *   its whole request is never cut, however long its answer takes.
 */
export function limitSlowTlsClients(server: Http2SecureServer, limits: SlowClientLimits): void {
  const http1 = server as unknown as { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
  http1.headersTimeout = limits.headersTimeoutMs;
  http1.requestTimeout = limits.requestTimeoutMs;
  http1.connectionsCheckingInterval = limits.checkIntervalMs;

  server.on('stream', (stream: ServerHttp2Stream) => {
    if (stream.endAfterHeaders) return;
    const timer = setTimeout(() => {
      if (!stream.destroyed && !stream.readableEnded) stream.close(constants.NGHTTP2_CANCEL);
    }, limits.requestTimeoutMs);
    timer.unref();
    stream.once('end', () => clearTimeout(timer));
    stream.once('close', () => clearTimeout(timer));
  });
}
