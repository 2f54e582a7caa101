import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Lifecycle } from '../../platform/lifecycle.js';

export interface HealthChecks {
  database(): Promise<void>;
  redis(): Promise<'connected' | 'not_configured'>;
  queue(): Promise<'running' | 'not_running'>;
  gpu(): Promise<'available' | 'unavailable'>;
}

export interface HealthRouteOptions {
  version: string;
  lifecycle: Lifecycle;
  checks: HealthChecks;
}

const Status = Type.Union([Type.Literal('healthy'), Type.Literal('degraded'), Type.Literal('unhealthy')]);
const HealthBody = Type.Object({
  status: Status,
  version: Type.String(),
  uptime_seconds: Type.Number(),
  checks: Type.Object({ database: Type.String(), redis: Type.String(), queue: Type.String(), gpu: Type.String() }),
  timestamp: Type.String({ format: 'date-time' }),
});

async function outcome<T>(p: Promise<T>): Promise<T | 'error'> {
  try {
    return await p;
  } catch {
    return 'error';
  }
}

/** Liveness, readiness and dependency checks for load balancers and people. */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRouteOptions> = async (app, opts) => {
  const tags = ['operations'];
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Service name, version and links',
        response: { 200: Type.Object({ name: Type.String(), version: Type.String(), links: Type.Record(Type.String(), Type.String()) }) },
      },
    },
    async () => ({
      name: 'Catalytic',
      version: opts.version,
      links: { docs: '/docs', redoc: '/redoc', openapi: '/openapi.json', health: '/health', api: '/api/v1' },
    }),
  );

  app.get(
    '/health',
    { schema: { tags, summary: 'Overall health with each dependency', response: { 200: HealthBody, 503: HealthBody } } },
    async (_req, reply) => {
      const [database, redis, queue, gpu] = await Promise.all([
        outcome(opts.checks.database().then(() => 'connected' as const)),
        outcome(opts.checks.redis()),
        outcome(opts.checks.queue()),
        outcome(opts.checks.gpu()),
      ]);
      const status: 'healthy' | 'degraded' | 'unhealthy' =
        database === 'error' ? 'unhealthy' : redis === 'error' || queue === 'error' ? 'degraded' : 'healthy';
      reply.code(status === 'unhealthy' ? 503 : 200);
      return {
        status,
        version: opts.version,
        uptime_seconds: Math.round((Date.now() - opts.lifecycle.startedAt) / 1000),
        checks: { database, redis, queue, gpu },
        timestamp: new Date().toISOString(),
      };
    },
  );

  app.get(
    '/health/live',
    { schema: { tags, summary: 'The process is up', response: { 200: Type.Object({ status: Type.Literal('alive') }) } } },
    async () => ({ status: 'alive' as const }),
  );

  const Ready = Type.Object({ status: Type.String() });
  app.get(
    '/health/ready',
    { schema: { tags, summary: 'Ready for traffic (503 while starting or draining)', response: { 200: Ready, 503: Ready } } },
    async (_req, reply) => {
      if (!opts.lifecycle.ready) return reply.code(503).send({ status: opts.lifecycle.state });
      return { status: 'ready' };
    },
  );

  const Db = Type.Object({ database: Type.String() });
  app.get(
    '/health/database',
    { schema: { tags, summary: 'Database connectivity', response: { 200: Db, 503: Db } } },
    async (_req, reply) => {
      try {
        await opts.checks.database();
        return { database: 'connected' };
      } catch {
        return reply.code(503).send({ database: 'unavailable' });
      }
    },
  );

  const Redis = Type.Object({ redis: Type.String() });
  app.get(
    '/health/redis',
    { schema: { tags, summary: 'Redis connectivity', response: { 200: Redis, 503: Redis } } },
    async (_req, reply) => {
      try {
        return { redis: await opts.checks.redis() };
      } catch {
        return reply.code(503).send({ redis: 'unavailable' });
      }
    },
  );
};
