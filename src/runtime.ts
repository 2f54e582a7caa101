import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { createEngine, type Engine } from './engine/engine.js';
import type { Router } from './engine/router.js';
import { PasswordHasher } from './domain/auth/password-hasher.js';
import { TokenService } from './domain/auth/token-service.js';
import { AuthService } from './domain/identity/auth-service.js';
import { LoginThrottle } from './domain/identity/login-throttle.js';
import { PrincipalResolver } from './domain/identity/principal-resolver.js';
import { loadSigningKeys } from './domain/identity/signing-key-store.js';
import { FieldStore } from './domain/lattices/field-store.js';
import { DEFAULT_LATTICE_CACHE_BYTES, LatticeCache } from './domain/lattices/lattice-cache.js';
import { LatticeRepository } from './domain/lattices/lattice-repository.js';
import { LatticeService } from './domain/lattices/lattice-service.js';
import { JobService } from './domain/jobs/job-service.js';
import { PlanCatalog } from './domain/usage/plan-catalog.js';
import { UsageService } from './domain/usage/usage-service.js';
import { RateLimiter } from './domain/usage/rate-limiter.js';
import type { AppDeps } from './http/app.js';
import { authRoutes, jwksRoutes } from './http/routes/auth-routes.js';
import type { HealthChecks } from './http/routes/health-routes.js';
import { latticeRoutes } from './http/routes/lattice-routes.js';
import { gpuRoutes } from './http/routes/gpu-routes.js';
import { operationRoutes } from './http/routes/operation-routes.js';
import { KnowledgeStore } from './domain/operations/knowledge-store.js';
import { gpuStatus } from './domain/operations/gpu-status.js';
import { OperationRepository } from './domain/operations/operation-repository.js';
import { OPERATION_JOB_KIND, OperationService } from './domain/operations/operation-service.js';
import { createTenantServices } from './domain/tenants/tenant-services.js';
import { apiKeyRoutes } from './http/routes/api-key-routes.js';
import { auditRoutes } from './http/routes/audit-routes.js';
import { jobRoutes } from './http/routes/job-routes.js';
import { planRoutes } from './http/routes/plan-routes.js';
import { tenantRoutes } from './http/routes/tenant-routes.js';
import { tenantUserRoutes } from './http/routes/tenant-user-routes.js';
import { usageRoutes } from './http/routes/usage-routes.js';
import { testingRoutes } from './http/routes/testing-routes.js';
import { JobQueue } from './platform/job-queue.js';
import { type JobExecutor, JobRunner } from './worker/job-runner.js';
import type { Config } from './platform/config.js';
import { Database } from './platform/database.js';
import type { KeyValueStore } from './platform/key-value-store.js';
import { Lifecycle } from './platform/lifecycle.js';
import { createLogger, type Logger } from './platform/logger.js';
import { DevMailbox } from './platform/mail/dev-mailbox.js';
import type { MailTransport } from './platform/mail/mail-transport.js';
import { SmtpTransport } from './platform/mail/smtp-transport.js';
import { MemoryStore } from './platform/memory-store.js';
import { createMetrics, type Metrics } from './platform/metrics.js';
import { RedisStore } from './platform/redis-store.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface RuntimeOptions {
  config: Config;
  databaseUrl: string;
  logger?: Logger;
  /** Shares one store between runtimes (tests of two nodes without Redis). */
  store?: KeyValueStore;
  mail?: MailTransport;
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
  metrics: Metrics;
  lifecycle: Lifecycle;
  mail: MailTransport;
  tokens: TokenService;
  auth: AuthService;
  resolver: PrincipalResolver;
  plans: PlanCatalog;
  queue: JobQueue;
  jobs: JobService;
  jobRunner: JobRunner;
  /** Job kinds and their executors; the worker runs jobs of these kinds. */
  executors: Record<string, JobExecutor>;
  usage: UsageService;
  /** The lattice engine of this process: router, worker pool, GPU and memory budget. */
  engine: Engine;
  appDeps(): AppDeps;
  close(): Promise<void>;
}

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const db = new Database(opts.databaseUrl, config.DATABASE_POOL_MAX);
  const ownsStore = !opts.store;
  const store = opts.store ?? (config.REDIS_URL ? new RedisStore(config.REDIS_URL) : new MemoryStore());
  const metrics = createMetrics();
  const lifecycle = new Lifecycle();
  const mail =
    opts.mail ??
    (config.SMTP_URL
      ? new SmtpTransport({ url: config.SMTP_URL, from: config.MAIL_FROM })
      : new DevMailbox({ path: path.join(config.DATA_DIR, 'mailbox.jsonl') }));

  const keys = await loadSigningKeys(db, config.JWT_PRIVATE_KEY);
  const tokens = new TokenService({
    keys,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
  });
  const hasher = new PasswordHasher({ memoryCost: config.ARGON2_MEMORY_KIB, timeCost: config.ARGON2_TIME_COST });
  const throttle = new LoginThrottle(store, {
    perAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perIp: config.LOGIN_MAX_FAILURES_PER_IP,
    windowSeconds: config.LOGIN_LOCKOUT_WINDOW_SECONDS,
  });
  const plans = new PlanCatalog(db);
  const auth = new AuthService({
    db,
    store,
    tokens,
    hasher,
    throttle,
    plans,
    publicUrl: config.PUBLIC_URL,
    registrationsPerIpPerHour: config.REGISTRATIONS_PER_IP_PER_HOUR,
  });
  const resolver = new PrincipalResolver({ db, store, tokens });
  const rateLimiter = new RateLimiter(store);
  const queue = new JobQueue({
    connectionString: opts.databaseUrl,
    timeoutSeconds: config.JOB_TIMEOUT_SECONDS,
    retryLimit: config.JOB_RETRY_LIMIT,
    maintenanceIntervalSeconds: config.JOB_MAINTENANCE_INTERVAL_SECONDS,
    pollingIntervalSeconds: config.QUEUE_POLL_INTERVAL_SECONDS,
  });
  const retentionSeconds = Math.round(config.JOB_RESULT_RETENTION_HOURS * 3600);
  const jobs = new JobService(db, queue, retentionSeconds);
  const usage = new UsageService(db, store, plans);
  // Usage counters live in the shared store; PostgreSQL gets them in batches.
  const usageFlush = setInterval(
    () => usage.flush().catch((err) => logger.warn({ err }, 'usage flush failed')),
    config.USAGE_FLUSH_INTERVAL_SECONDS * 1000,
  );
  usageFlush.unref();
  // Job kinds and the code that runs them; the worker takes jobs of these kinds.
  const executors: Record<string, JobExecutor> = {};
  const jobRunner = new JobRunner({ db, queue, logger, retentionSeconds, executors });
  const engine = createEngine({ router: opts.router });
  const lattices = new LatticeService({
    db,
    lattices: new LatticeRepository(),
    fields: new FieldStore(),
    cache: new LatticeCache(DEFAULT_LATTICE_CACHE_BYTES),
  });
  const knowledge = new KnowledgeStore(db, {
    maxBytes: config.KNOWLEDGE_CACHE_MAX_BYTES,
    onError: (err) => logger.warn({ err }, 'knowledge cache unavailable; the operation ran without it'),
  });
  const operations = new OperationService({
    engine,
    db,
    lattices,
    operations: new OperationRepository(),
    knowledge,
    jobs,
    usage,
    plans,
    syncMaxWork: config.SYNC_MAX_WORK,
    jobRetryLimit: config.JOB_RETRY_LIMIT,
  });
  executors[OPERATION_JOB_KIND] = (job, ctx) => operations.executeJob(job, ctx);

  const health: HealthChecks = {
    database: () => db.ping(),
    redis: async () => {
      if (store.kind === 'memory') return 'not_configured';
      await store.ping();
      return 'connected';
    },
    queue: () => queue.ping(),
    gpu: async () => ((await gpuStatus(engine)).available ? 'available' : 'unavailable'),
  };

  const tenantServices = createTenantServices({
    db,
    store,
    publicUrl: config.PUBLIC_URL,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    catalog: plans,
  });
  const apiRoutes: FastifyPluginAsync[] = [
    authRoutes(auth),
    tenantRoutes(tenantServices),
    tenantUserRoutes(tenantServices),
    apiKeyRoutes(tenantServices),
    planRoutes(tenantServices),
    auditRoutes(tenantServices),
    latticeRoutes({ lattices }),
    operationRoutes({ operations }),
    gpuRoutes(engine),
    jobRoutes(jobs),
    usageRoutes(usage),
  ];
  if (config.TESTING_MODE) apiRoutes.push(testingRoutes);
  const rootRoutes: FastifyPluginAsync[] = [jwksRoutes(() => tokens.jwks()), hiddenCompat(authRoutes(auth))];

  return {
    config,
    logger,
    db,
    store,
    metrics,
    lifecycle,
    mail,
    tokens,
    auth,
    resolver,
    plans,
    queue,
    jobs,
    jobRunner,
    executors,
    usage,
    engine,
    appDeps: () => ({
      config,
      version: VERSION,
      logger,
      metrics,
      lifecycle,
      health,
      authenticator: resolver,
      rateLimiter,
      plans,
      apiRoutes,
      rootRoutes,
    }),
    async close() {
      clearInterval(usageFlush);
      await usage.flush().catch(() => undefined);
      await queue.stop();
      await knowledge.drain();
      await db.close();
      if (ownsStore) await store.close();
      await mail.close();
      await engine.close();
    },
  };
}

/** Mounts a plugin for old clients without listing its routes in the OpenAPI document. */
function hiddenCompat(plugin: FastifyPluginAsync): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRoute', (route) => {
      route.schema = { ...(route.schema ?? {}), hide: true };
    });
    await app.register(plugin);
  };
}
