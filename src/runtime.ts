import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenService } from './domain/auth/token-service.js';
import type { JobExecutor } from './domain/jobs/job-execution.js';
import { JOB_QUEUE, type JobService } from './domain/jobs/job-service.js';
import { createEngine, type Engine } from './engine/engine.js';
import type { Router } from './engine/router.js';
import { gpuStatus } from './domain/operations/gpu-status.js';
import type { OperationMetrics } from './domain/operations/operation-metrics.js';
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
import { loadSecretBox } from './platform/encryption-keys.js';
import { createLogger, type Logger } from './platform/logger.js';
import { DevMailbox } from './platform/mail/dev-mailbox.js';
import type { MailTransport } from './platform/mail/mail-transport.js';
import { SmtpTransport } from './platform/mail/smtp-transport.js';
import { MemoryStore } from './platform/memory-store.js';
import { createMetrics, type Metrics, type MetricsRegistry } from './platform/metrics.js';
import type { AuthEvents } from './domain/auth/auth-events.js';
import { buildInfo } from './platform/metrics/build-info.js';
import { addDbPoolCollector } from './platform/metrics/db-pool-collector.js';
import { RedisStore } from './platform/redis-store.js';
import type { SecretBox } from './platform/secret-box.js';
import { JobRunner } from './worker/job-runner.js';
import { WebhookDispatcher, type WebhookMetrics } from './worker/webhook-dispatcher.js';
import { deliveryStats } from './domain/webhooks/webhook-repository.js';

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
  /** Seals secrets at rest; defaults to the key of ENCRYPTION_KEY or the key file under DATA_DIR. */
  secretBox?: SecretBox;
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
  /** Seals secrets at rest (signing keys, webhook secrets, queued mail) with ENCRYPTION_KEY (or the key file under DATA_DIR). */
  secrets: SecretBox;
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
  /** Fans outbox events out to webhook endpoints and delivers them; the worker starts it. */
  webhookDispatcher: WebhookDispatcher;
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
  const store =
    opts.store ??
    (config.REDIS_URL
      ? new RedisStore(config.REDIS_URL, '', metrics, { commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS })
      : new MemoryStore());
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

  const secrets = opts.secretBox ?? loadSecretBox(config, logger);
  const engine = createEngine({
    router: opts.router,
    ...(config.OPERATION_MEMORY_BUDGET_BYTES > 0 ? { memoryBudgetBytes: config.OPERATION_MEMORY_BUDGET_BYTES } : {}),
  });
  const operationMetrics: OperationMetrics = {
    operationFinished: (r) => {
      metrics.operations.inc({ operation: r.operation, backend: r.backend, mode: r.mode, outcome: r.outcome });
      metrics.operationDuration.observe({ operation: r.operation, backend: r.backend, outcome: r.outcome }, r.seconds);
      if (r.routed !== undefined) metrics.routingDecisions.inc({ operation: r.operation, backend: r.routed });
      if (r.fallback !== undefined) metrics.gpuFallbacks.inc({ reason: r.fallback });
    },
  };
  const services = await createServices({
    config,
    db,
    store,
    queue,
    logger,
    secrets,
    engine,
    events: authEventsOf(metrics),
    operationMetrics,
  });
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
  const jobRunner = new JobRunner({
    db,
    queue,
    logger,
    retentionSeconds: retentionSeconds(config),
    executors,
    concurrency: config.JOB_CONCURRENCY > 0 ? config.JOB_CONCURRENCY : Math.max(2, availableParallelism()),
    metrics: {
      finished: (kind, status, seconds) => {
        metrics.jobsFinished.inc({ kind, status });
        metrics.jobRunDuration.observe({ kind, status }, seconds);
      },
      retried: (kind) => metrics.jobsRetried.inc({ kind }),
    },
  });
  // The store counts its own lookups; each scrape adds what happened since the last.
  const counted = { hits: 0, misses: 0, evictions: 0 };
  metrics.addCollector('knowledge_cache', async () => {
    const stats = await services.knowledge.stats();
    metrics.knowledgeCacheLookups.inc({ result: 'hit' }, stats.hits - counted.hits);
    metrics.knowledgeCacheLookups.inc({ result: 'miss' }, stats.misses - counted.misses);
    metrics.knowledgeCacheEvictions.inc({}, stats.evictions - counted.evictions);
    Object.assign(counted, { hits: stats.hits, misses: stats.misses, evictions: stats.evictions });
    metrics.knowledgeCacheBytes.set({}, stats.bytes);
    metrics.knowledgeCacheEntries.set({}, stats.entries);
    metrics.knowledgeCacheMaxBytes.set({}, stats.maxBytes);
  });

  metrics.addCollector('engine_pool', () => {
    const pool = engine.pool.stats();
    metrics.enginePoolThreads.set({}, pool.threads);
    metrics.enginePoolUtilization.set({}, pool.utilization);
    // Runs waiting their turn to enter the pool are queued for a thread as much as tasks inside it.
    metrics.enginePoolQueued.set({}, pool.queued + engine.admission.state().waiting);
    const memory = engine.memoryState();
    // An unlimited budget has no finite value; Prometheus reads +Inf as such.
    metrics.engineMemoryBudget.set({}, memory.budget_bytes);
    metrics.engineMemoryReserved.set({}, memory.reserved_bytes);
  });
  metrics.addCollector('jobs', async () => {
    const activity = await services.jobs.activity();
    metrics.jobs.set({ state: 'queued' }, activity.queued);
    metrics.jobs.set({ state: 'running' }, activity.running);
    metrics.jobOldestQueuedAge.set({}, activity.oldestQueuedSeconds);
  });
  metrics.addCollector('job_queue', async () => metrics.jobQueueDepth.set({ queue: JOB_QUEUE }, await services.jobs.waitingInQueue()));
  const webhookMetrics: WebhookMetrics = {
    delivery: (outcome) => metrics.webhookDeliveries.inc({ outcome }),
    attempt: (result, seconds) => metrics.webhookAttemptDuration.observe({ result }, seconds),
    event: (type) => metrics.webhookEvents.inc({ type }),
  };
  const webhookDispatcher = new WebhookDispatcher({
    db,
    box: secrets,
    logger,
    ssrf: { allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK },
    metrics: webhookMetrics,
    options: { concurrency: config.WEBHOOK_CONCURRENCY, perEndpoint: config.WEBHOOK_ENDPOINT_CONCURRENCY },
  });
  metrics.addCollector('webhooks', async () => {
    const stats = await db.systemTransaction((tx) => deliveryStats(tx));
    metrics.webhookPending.set({}, stats.pending);
    metrics.webhookOldestPendingAge.set({}, stats.oldestPendingSeconds);
    metrics.webhookDead.set({}, stats.dead);
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
    secrets,
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
    webhookDispatcher,
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
      await webhookDispatcher.stop();
      await usage.flush().catch(() => undefined);
      await queue.stop();
      await services.knowledge.drain();
      await services.emailedTokens.drain();
      await db.close();
      if (ownsStore) await store.close();
      await mail.close();
      await services.engine.close();
    },
  };
}

/** Authentication and rate-limit outcomes as the catalogue's counters (labels outside their sets count as `other`). */
function authEventsOf(metrics: Metrics): AuthEvents {
  return {
    login: (outcome) => metrics.logins.inc({ outcome }),
    lockout: (scope) => metrics.lockouts.inc({ scope }),
    credentialRefused: (credential, reason) => metrics.authFailures.inc({ credential, reason }),
    apiKeyUse: (outcome) => metrics.apiKeyUses.inc({ outcome }),
    rateLimited: (kind, planCode) => metrics.rateLimited.inc({ kind, plan: planCode ?? 'none' }),
    revoked: (kind) => metrics.revocations.inc({ kind }),
  };
}
