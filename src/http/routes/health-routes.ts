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

/**
 * How long readiness waits for the database: less than a load balancer's
 * check interval (1 s in the shipped HAProxy configurations). A database that
 * is down fails fast (connection refused, terminated); one that answers late
 * is busy (every pooled connection serving requests), and taking a busy node
 * out of rotation would only push its load onto the others, or leave none.
 */
const DATABASE_READY_BUDGET_MS = 750;

/** The check's outcome, or 'slow' when it has not answered within `ms` (it goes on; its result is dropped). */
async function outcomeWithin<T>(p: Promise<T>, ms: number): Promise<T | 'error' | 'slow'> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), ms);
  });
  try {
    return await Promise.race([outcome(p), slow]);
  } finally {
    clearTimeout(timer);
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

  const Ready = Type.Object({
    status: Type.String(),
    unavailable: Type.Optional(Type.Array(Type.String(), { description: 'The dependencies that do not answer' })),
  });
  app.get(
    '/health/ready',
    {
      schema: {
        tags,
        summary:
          'Ready for traffic (503 while starting, draining, or while the database or Redis fails; a database merely slow to answer, a busy pool, still counts as ready)',
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_req, reply) => {
      if (!opts.lifecycle.ready) return reply.code(503).send({ status: opts.lifecycle.state });
      const [database, redis] = await Promise.all([
        outcomeWithin(opts.checks.database(), DATABASE_READY_BUDGET_MS),
        outcome(opts.checks.redis()),
      ]);
      const unavailable = [database === 'error' ? 'database' : null, redis === 'error' ? 'redis' : null].filter((d) => d !== null);
      if (unavailable.length > 0) return reply.code(503).send({ status: 'unavailable', unavailable });
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
