import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface ResponseHeaderOptions {
  /** Send Strict-Transport-Security on every response, not only on TLS ones. */
  alwaysHsts: boolean;
}

// Swagger UI and ReDoc need inline styles, their bundled scripts and web workers (blob:).
const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; img-src 'self' data: https:; font-src 'self' data: https://fonts.gstatic.com; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'";
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Security headers, API version and request id on every response, errors
 * included: onSend runs for every reply, whatever produced it.
 */
export const responseHeaders = fp(
  async (app: FastifyInstance, opts: ResponseHeaderOptions) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const docs = request.url.startsWith('/docs') || request.url.startsWith('/redoc');
      reply.header('Content-Security-Policy', docs ? DOCS_CSP : API_CSP);
      reply.header('X-Frame-Options', 'DENY');
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'no-referrer');
      reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
      reply.header('Cross-Origin-Opener-Policy', 'same-origin');
      reply.header('Cross-Origin-Resource-Policy', 'same-origin');
      if (opts.alwaysHsts || request.protocol === 'https') {
        reply.header('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
      }
      reply.header('API-Version', '1');
      reply.header('X-Request-ID', request.id);
      reply.removeHeader('Server');
      reply.removeHeader('X-Powered-By');
      return payload;
    });
  },
  { name: 'response-headers' },
);
