import type { Engine } from '../engine/engine.js';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/database.js';
import type { JobQueue } from '../platform/job-queue.js';
import type { KeyValueStore } from '../platform/key-value-store.js';
import type { Logger } from '../platform/logger.js';
import { AuditLogService } from './audit/audit-log-service.js';
import { AuthService } from './auth/auth-service.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { PrincipalResolver } from './auth/principal-resolver.js';
import { loadSigningKeys } from './auth/signing-key-store.js';
import { TokenService } from './auth/token-service.js';
import type { JobExecutor } from './jobs/job-execution.js';
import { JobService } from './jobs/job-service.js';
import { DEFAULT_LATTICE_CACHE_BYTES, LatticeCache } from './lattices/lattice-cache.js';
import { LatticeService } from './lattices/lattice-service.js';
import { KnowledgeStore } from './operations/knowledge-store.js';
import { OPERATION_JOB_KIND, OperationService } from './operations/operation-service.js';
import { PlanCatalog } from './plans/plan-catalog.js';
import { PlanService } from './plans/plan-service.js';
import { ApiKeyService } from './tenants/api-key-service.js';
import { TenantService } from './tenants/tenant-service.js';
import { UserAdminService } from './tenants/user-admin-service.js';
import { RateLimiter } from './usage/rate-limiter.js';
import { UsageService } from './usage/usage-service.js';

/** Every service of the domain, built once per process over one database, store and queue. */
export interface Services {
  tokens: TokenService;
  auth: AuthService;
  resolver: PrincipalResolver;
  /** The plans in memory (limits read on every request). */
  catalog: PlanCatalog;
  plans: PlanService;
  tenants: TenantService;
  users: UserAdminService;
  apiKeys: ApiKeyService;
  audit: AuditLogService;
  rateLimiter: RateLimiter;
  usage: UsageService;
  jobs: JobService;
  lattices: LatticeService;
  knowledge: KnowledgeStore;
  operations: OperationService;
  /** The lattice engine the operations run on (router, worker pool, GPU, memory budget). */
  engine: Engine;
  /** Job kinds and their executors; the worker runs jobs of these kinds (tests add their own). */
  executors: Record<string, JobExecutor>;
}

export interface ServiceDeps {
  config: Config;
  db: Database;
  store: KeyValueStore;
  queue: JobQueue;
  logger: Logger;
  engine: Engine;
}

/** Builds the domain's services, area by area; the only I/O is loading the signing keys. */
export async function createServices({ config, db, store, queue, logger, engine }: ServiceDeps): Promise<Services> {
  const tokens = new TokenService({
    keys: await loadSigningKeys(db, config.JWT_PRIVATE_KEY),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
  });
  const catalog = new PlanCatalog(db);
  const auth = new AuthService({
    db,
    store,
    tokens,
    hasher: new PasswordHasher({ memoryCost: config.ARGON2_MEMORY_KIB, timeCost: config.ARGON2_TIME_COST }),
    throttle: new LoginThrottle(store, {
      perAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perIp: config.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: config.LOGIN_LOCKOUT_WINDOW_SECONDS,
    }),
    plans: catalog,
    publicUrl: config.PUBLIC_URL,
    registrationsPerIpPerHour: config.REGISTRATIONS_PER_IP_PER_HOUR,
  });

  const plans = new PlanService({ db });
  const tenantArea = {
    tenants: new TenantService({ db, planService: plans, store, catalog }),
    users: new UserAdminService({ db, store, publicUrl: config.PUBLIC_URL, accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS }),
    apiKeys: new ApiKeyService({ db, store }),
    audit: new AuditLogService({ db }),
  };

  const jobs = new JobService(db, queue, retentionSeconds(config));
  const usage = new UsageService(db, store, catalog);
  const lattices = new LatticeService({ db, cache: new LatticeCache(DEFAULT_LATTICE_CACHE_BYTES) });
  const knowledge = new KnowledgeStore(db, {
    maxBytes: config.KNOWLEDGE_CACHE_MAX_BYTES,
    onError: (err) => logger.warn({ err }, 'knowledge cache unavailable; the operation ran without it'),
  });
  const operations = new OperationService({
    engine,
    db,
    lattices,
    knowledge,
    jobs,
    usage,
    plans: catalog,
    syncMaxWork: config.SYNC_MAX_WORK,
  });

  return {
    tokens,
    auth,
    resolver: new PrincipalResolver({ db, store, tokens }),
    catalog,
    plans,
    ...tenantArea,
    rateLimiter: new RateLimiter(store),
    usage,
    jobs,
    lattices,
    knowledge,
    operations,
    engine,
    executors: { [OPERATION_JOB_KIND]: (job, ctx) => operations.executeJob(job, ctx) },
  };
}

/** How long finished jobs and their results are kept. */
export const retentionSeconds = (config: Config): number => Math.round(config.JOB_RESULT_RETENTION_HOURS * 3600);
