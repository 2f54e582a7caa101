import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Http2SecureServer } from 'node:http2';
import type { Logger } from 'pino';
import type { Config } from '../platform/config.js';
import type { Lifecycle } from '../platform/lifecycle.js';
import type { MetricsRegistry } from '../platform/metrics.js';
import { uuidv7 } from '../platform/ids.js';
import type { PlanCatalog } from '../domain/plans/plan-catalog.js';
import type { RateLimiter } from '../domain/usage/rate-limiter.js';
import { authentication, type Authenticator } from './plugins/authentication.js';
import { tenantRateLimit } from './plugins/tenant-rate-limit.js';
import { limitSlowTlsClients } from './slow-tls-clients.js';
import { httpMetrics } from './plugins/http-metrics.js';
import { oversizedBodies } from './plugins/oversized-bodies.js';
import { frameworkErrors, problemResponses } from './plugins/problem-responses.js';
import { responseHeaders } from './plugins/response-headers.js';
import { textHygiene } from './plugins/text-hygiene.js';
import { hiddenFromOpenApi } from './hidden-routes.js';
import { lazyChildLogger } from './request-logger.js';
import { healthRoutes, type HealthChecks } from './routes/health-routes.js';
import { Problem } from './schemas/common.js';
import { consoleStatic } from './third-party/console-static.js';
import { corsAllowList } from './third-party/cors.js';
import { openApi } from './third-party/openapi.js';

export interface AppDeps {
  config: Config;
  version: string;
  logger: Logger;
  metrics: MetricsRegistry;
  lifecycle: Lifecycle;
  health: HealthChecks;
  authenticator: Authenticator;
  rateLimiter: RateLimiter;
  plans: PlanCatalog;
  /** Route plugins mounted under `/api/v1` and again under `/api`. */
  apiRoutes: FastifyPluginAsync[];
  /** Route plugins mounted at the root (compat `/auth/*`, `/.well-known/*`). */
  rootRoutes: FastifyPluginAsync[];
}

/** How often the server checks connections against the header and request timeouts. */
const SLOW_CLIENT_CHECK_MS = 1_000;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Options shared by the server and the tests, so both run the same Fastify. */
export function serverOptions(config: Config, logger: Logger) {
  return {
    loggerInstance: logger,
    // A request's child logger is made when it first writes a line, not for every request.
    childLoggerFactory: lazyChildLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // genReqId reads X-Request-ID itself, so a client value is checked before it is echoed.
    requestIdHeader: false as const,
    // A client's request id is echoed only when it is a sane token; otherwise we mint one.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
    },
    // Slow clients (slow-loris headers, trickled bodies) are cut off: headers within
    // HTTP_HEADERS_TIMEOUT_MS, the whole request within HTTP_REQUEST_TIMEOUT_MS, checked
    // every second (Node's default check runs every 30 s, which would add up to that much).
    http: {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: SLOW_CLIENT_CHECK_MS,
    },
    connectionTimeout: 60_000,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    // Typed per server kind (HTTP/1, HTTP/2) and generic in Fastify's types; it only sends a problem
    // through the reply, the same on either server.
    frameworkErrors: frameworkErrors as never,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array' as const, useDefaults: true, allErrors: true },
    },
  };
}

/** A certificate and key: the server then speaks HTTPS, HTTP/2 and HTTP/1.1 on one port. */
export interface TlsListener {
  cert: Buffer;
  key: Buffer;
}

/** Builds the whole HTTP application; `server.ts` only adds listening and shutdown. */
export async function buildApp(deps: AppDeps, tls?: TlsListener): Promise<FastifyInstance> {
  const opts = serverOptions(deps.config, deps.logger);
  // The pino Logger is wider than FastifyBaseLogger, and an HTTP/2 instance's types differ from
  // HTTP/1's only in the raw request: the instance is used through the base type either way.
  const instance = tls ? Fastify({ ...opts, http2: true, https: { allowHTTP1: true, cert: tls.cert, key: tls.key } }) : Fastify(opts);
  if (tls)
    limitSlowTlsClients(instance.server as Http2SecureServer, {
      headersTimeoutMs: deps.config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: deps.config.HTTP_REQUEST_TIMEOUT_MS,
      checkIntervalMs: SLOW_CLIENT_CHECK_MS,
    });
  const app = (instance as unknown as FastifyInstance).withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(Problem);
  // The API speaks JSON only; Fastify's default text/plain parser would turn a wrong content type into a 422.
  app.removeContentTypeParser('text/plain');

  await app.register(responseHeaders, { alwaysHsts: deps.config.NODE_ENV === 'production' });
  await app.register(problemResponses);
  await app.register(textHygiene);
  await app.register(corsAllowList, { origins: deps.config.corsOrigins });
  // Before authentication: a body announced too large is refused before anything else is done for it.
  await app.register(oversizedBodies, { bodyLimit: deps.config.BODY_LIMIT_BYTES, drainLimit: deps.config.BODY_DRAIN_LIMIT_BYTES });
  await app.register(httpMetrics, { metrics: deps.metrics });
  await app.register(openApi, { version: deps.version, publicUrl: deps.config.PUBLIC_URL });
  await app.register(authentication, {
    authenticator: deps.authenticator,
    requestWindow: (tenantId) => deps.rateLimiter.hit(tenantId, 'requests'),
  });
  await app.register(tenantRateLimit, { limiter: deps.rateLimiter, plans: deps.plans });

  await app.register(consoleStatic, { dir: deps.config.CONSOLE_DIR });
  await app.register(healthRoutes, { version: deps.version, lifecycle: deps.lifecycle, checks: deps.health });
  for (const plugin of deps.rootRoutes) await app.register(plugin);

  await app.register(
    async (v1) => {
      for (const plugin of deps.apiRoutes) await v1.register(plugin);
    },
    { prefix: '/api/v1' },
  );
  // The unversioned prefix serves the same version for existing clients; it is
  // left out of the OpenAPI document, which names the canonical paths.
  await app.register(hiddenFromOpenApi(deps.apiRoutes), { prefix: '/api' });

  return app;
}
