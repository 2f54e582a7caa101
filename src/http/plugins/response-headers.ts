import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface ResponseHeaderOptions {
  /** Send Strict-Transport-Security on every response, not only on TLS ones. */
  alwaysHsts: boolean;
}

// Swagger UI and ReDoc need inline styles, their bundled scripts and web workers (blob:).
const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; img-src 'self' data: https:; font-src 'self' data: https://fonts.gstatic.com; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'";
// The console's own files only: no inline script or style, API calls to this origin, a web worker for local replays.
const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

const COMMON = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'API-Version': '1',
};
// Built once: these run on every response, so one headers() call beats a dozen header() calls.
/** The headers of every API response (the request id and HSTS aside). */
export const API_HEADERS: Readonly<Record<string, string>> = { ...COMMON, 'Content-Security-Policy': API_CSP };
const DOCS_HEADERS = { ...COMMON, 'Content-Security-Policy': DOCS_CSP };
const CONSOLE_HEADERS = { ...COMMON, 'Content-Security-Policy': CONSOLE_CSP };
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Security headers, API version and request id on every response, errors
 * included: onSend runs for every reply, whatever produced it (the router's
 * own refusals, which run no hook, add them in `frameworkErrors`).
 */
export const responseHeaders = fp(
  async (app: FastifyInstance, opts: ResponseHeaderOptions) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const url = request.url;
      const isDocs = url.startsWith('/docs') || url.startsWith('/redoc');
      const isConsole = url.startsWith('/console') && (url.length === 8 || url[8] === '/' || url[8] === '?');
      reply.headers(isDocs ? DOCS_HEADERS : isConsole ? CONSOLE_HEADERS : API_HEADERS);
      if (opts.alwaysHsts || request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS);
      reply.header('X-Request-ID', request.id);
      return payload;
    });
  },
  { name: 'response-headers' },
);
