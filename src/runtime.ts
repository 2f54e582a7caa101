import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenService } from './domain/auth/token-service.js';
import type { JobExecutor } from './domain/jobs/job-execution.js';
import type { JobService } from './domain/jobs/job-service.js';
import { createEngine, type Engine } from './engine/engine.js';
import type { Router } from './engine/router.js';
import { gpuStatus } from './domain/operations/gpu-status.js';
import { createServices, retentionSeconds, type Services } from './domain/services.js';
import type { PrincipalResolver } from './domain/auth/principal-resolver.js';
import type { UsageService } from './domain/usage/usage-service.js';
import type { AppDeps } from './http/app.js';
import { apiRoutes, rootRoutes } from './http/route-areas.js';
import type { HealthChecks } from './http/routes/health-routes.js';
import type { Config } from './platform/config.js';
import { Database } from './platform/database.js';
import { JobQueue } from './platform/job-queue.js';
import type { KeyValueStore } from './platform/key-value-store.js';
import { Lifecycle } from './platform/lifecycle.js';
import { createLogger, type Logger } from './platform/logger.js';
import { DevMailbox } from './platform/mail/dev-mailbox.js';
import type { MailTransport } from './platform/mail/mail-transport.js';
import { SmtpTransport } from './platform/mail/smtp-transport.js';
import { MemoryStore } from './platform/memory-store.js';
import { createMetrics, type MetricsRegistry } from './platform/metrics.js';
import { buildInfo } from './platform/metrics/build-info.js';
import { addDbPoolCollector } from './platform/metrics/db-pool-collector.js';
import { RedisStore } from './platform/redis-store.js';
import { JobRunner } from './worker/job-runner.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface RuntimeOptions {
  config: Config;
  databaseUrl: string;
  logger?: Logger;
  /** The store client to use instead of one built from the config (tests link two nodes' clients). */
  store?: KeyValueStore;
  mail?: MailTransport;
  /** Defaults to a new prom-client registry for this runtime. */
  metrics?: MetricsRegistry;
  /** The engine's router (cost model), e.g. from this machine's calibration; the built-in defaults otherwise. */
  router?: Router;
}

/**
 * The composition root: every real component of one process, built once and
 * closed in reverse order. Both the server and the tests build it.
 */
export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  store: KeyValueStore;
  metrics: MetricsRegistry;
  lifecycle: Lifecycle;
  mail: MailTransport;
  queue: JobQueue;
  services: Services;
  tokens: TokenService;
  resolver: PrincipalResolver;
  jobs: JobService;
  usage: UsageService;
  /** Job kinds and their executors; the worker runs jobs of these kinds. */
  executors: Record<string, JobExecutor>;
  jobRunner: JobRunner;
  /** The lattice engine of this process: router, worker pool, GPU and memory budget. */
  engine: Engine;
  appDeps(): AppDeps;
  close(): Promise<void>;
}

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const metrics = opts.metrics ?? createMetrics();
  metrics.buildInfo.set(buildInfo(VERSION, config.BUILD_COMMIT, fileURLToPath(new URL('..', import.meta.url))), 1);
  const db = new Database(opts.databaseUrl, config.DATABASE_POOL_MAX);
  addDbPoolCollector(metrics, db.poolCounts, config.DATABASE_POOL_MAX);
  const ownsStore = !opts.store;
  const store = opts.store ?? (config.REDIS_URL ? new RedisStore(config.REDIS_URL, '', metrics) : new MemoryStore());
  const lifecycle = new Lifecycle();
  const mail =
    opts.mail ??
    (config.SMTP_URL
      ? new SmtpTransport({ url: config.SMTP_URL, from: config.MAIL_FROM })
      : new DevMailbox({ path: path.join(config.DATA_DIR, 'mailbox.jsonl') }));
  const queue = new JobQueue({
    connectionString: opts.databaseUrl,
    timeoutSeconds: config.JOB_TIMEOUT_SECONDS,
    retryLimit: config.JOB_RETRY_LIMIT,
    maintenanceIntervalSeconds: config.JOB_MAINTENANCE_INTERVAL_SECONDS,
    pollingIntervalSeconds: config.QUEUE_POLL_INTERVAL_SECONDS,
  });

  const services = await createServices({ config, db, store, queue, logger, engine: createEngine({ router: opts.router }) });
  const { usage, executors } = services;
  // Usage counters live in the shared store; PostgreSQL gets them in batches.
  let lastUsageFlush = Date.now();
  const usageFlush = setInterval(
    () =>
      usage.flush().then(
        () => (lastUsageFlush = Date.now()),
        (err) => {
          metrics.usageFlushFailures.inc({});
          logger.warn({ err }, 'usage flush failed');
        },
      ),
    config.USAGE_FLUSH_INTERVAL_SECONDS * 1000,
  );
  usageFlush.unref();
  metrics.addCollector('usage_flush', () => metrics.usageFlushLag.set({}, (Date.now() - lastUsageFlush) / 1000));
  const jobRunner = new JobRunner({ db, queue, logger, retentionSeconds: retentionSeconds(config), executors });
  metrics.addCollector('knowledge_cache', async () => {
    const stats = await services.knowledge.stats();
    metrics.knowledgeCacheBytes.set({}, stats.bytes);
    metrics.knowledgeCacheEntries.set({}, stats.entries);
    metrics.knowledgeCacheMaxBytes.set({}, stats.maxBytes);
  });

  const health: HealthChecks = {
    database: () => db.ping(),
    redis: async () => {
      if (store.kind === 'memory') return 'not_configured';
      await store.ping();
      return 'connected';
    },
    queue: () => queue.ping(),
    gpu: async () => ((await gpuStatus(services.engine)).available ? 'available' : 'unavailable'),
  };
  const routes = { api: apiRoutes(services, { testing: config.TESTING_MODE }), root: rootRoutes(services) };

  return {
    config,
    logger,
    db,
    store,
    metrics,
    lifecycle,
    mail,
    queue,
    services,
    tokens: services.tokens,
    resolver: services.resolver,
    jobs: services.jobs,
    usage,
    executors,
    jobRunner,
    engine: services.engine,
    appDeps: () => ({
      config,
      version: VERSION,
      logger,
      metrics,
      lifecycle,
      health,
      authenticator: services.resolver,
      rateLimiter: services.rateLimiter,
      plans: services.catalog,
      apiRoutes: routes.api,
      rootRoutes: routes.root,
    }),
    async close() {
      clearInterval(usageFlush);
      await usage.flush().catch(() => undefined);
      await queue.stop();
      await services.knowledge.drain();
      await db.close();
      if (ownsStore) await store.close();
      await mail.close();
      await services.engine.close();
    },
  };
}
