import type { Engine } from '../engine/engine.js';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/database.js';
import type { JobQueue } from '../platform/job-queue.js';
import type { KeyValueStore } from '../platform/key-value-store.js';
import type { Logger } from '../platform/logger.js';
import type { SecretBox } from '../platform/secret-box.js';
import { AuditLogService } from './audit/audit-log-service.js';
import { AuthService } from './auth/auth-service.js';
import { EmailedTokenService } from './auth/emailed-token-service.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { UNREPORTED, type AuthEvents } from './auth/auth-events.js';
import { PlatformAdminService } from './tenants/platform-admin-service.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { PrincipalResolver } from './auth/principal-resolver.js';
import { Revocations } from './auth/revocation.js';
import { loadSigningKeys } from './auth/signing-key-store.js';
import { TokenService } from './auth/token-service.js';
import type { JobExecutor } from './jobs/job-execution.js';
import { JobService } from './jobs/job-service.js';
import { DEFAULT_LATTICE_CACHE_BYTES, LatticeCache } from './lattices/lattice-cache.js';
import { LatticeService } from './lattices/lattice-service.js';
import { KnowledgeStore } from './operations/knowledge-store.js';
import type { OperationMetrics } from './operations/operation-metrics.js';
import { OPERATION_JOB_KIND, OperationService } from './operations/operation-service.js';
import { PlanCatalog } from './plans/plan-catalog.js';
import { PlanService } from './plans/plan-service.js';
import { ApiKeyService } from './tenants/api-key-service.js';
import { TenantService } from './tenants/tenant-service.js';
import { UserAdminService } from './tenants/user-admin-service.js';
import { MailOutbox } from './mail/mail-outbox.js';
import { RateLimiter } from './usage/rate-limiter.js';
import { UsageService } from './usage/usage-service.js';
import { WebhookService } from './webhooks/webhook-service.js';

/** Every service of the domain, built once per process over one database, store and queue. */
export interface Services {
  tokens: TokenService;
  auth: AuthService;
  /** Password reset and email verification: the flows that start from a mailed link. */
  emailedTokens: EmailedTokenService;
  resolver: PrincipalResolver;
  /** The plans in memory (limits read on every request). */
  catalog: PlanCatalog;
  plans: PlanService;
  tenants: TenantService;
  users: UserAdminService;
  apiKeys: ApiKeyService;
  audit: AuditLogService;
  /** Platform administration: every tenant, and the operator's grants. */
  platformAdmin: PlatformAdminService;
  rateLimiter: RateLimiter;
  usage: UsageService;
  jobs: JobService;
  lattices: LatticeService;
  knowledge: KnowledgeStore;
  operations: OperationService;
  webhooks: WebhookService;
  /** Account mail through the outbox (sealed until sent). */
  mailOutbox: MailOutbox;
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
  /** Seals secrets at rest (JWT private keys, webhook secrets, queued mail), with ENCRYPTION_KEY. */
  secrets: SecretBox;
  /** Where authentication and rate-limit outcomes are reported (the runtime counts them as metrics). */
  events?: AuthEvents;
  /** Where finished operation runs are reported for metrics; nowhere when absent. */
  operationMetrics?: OperationMetrics;
}

/** Builds the domain's services, area by area; the only I/O is loading the signing keys. */
export async function createServices({
  config,
  db,
  store,
  queue,
  logger,
  engine,
  secrets,
  events = UNREPORTED,
  operationMetrics,
}: ServiceDeps): Promise<Services> {
  const tokens = new TokenService({
    keys: await loadSigningKeys(db, config.JWT_PRIVATE_KEY, secrets),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
  });
  const revocations = new Revocations({
    db,
    store,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    onError: (err, what) => logger.warn({ err }, `${what} failed; PostgreSQL holds the revocation and the cache is rebuilt from it`),
    onSessionsEnded: () => events.revoked('user_sessions'),
  });
  const catalog = new PlanCatalog(db);
  const mailOutbox = new MailOutbox(secrets);
  const hasher = new PasswordHasher({ memoryCost: config.ARGON2_MEMORY_KIB, timeCost: config.ARGON2_TIME_COST });
  const auth = new AuthService({
    db,
    store,
    tokens,
    revocations,
    hasher,
    throttle: new LoginThrottle(
      store,
      {
        perAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        perIp: config.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: config.LOGIN_LOCKOUT_WINDOW_SECONDS,
      },
      events,
    ),
    plans: catalog,
    publicUrl: config.PUBLIC_URL,
    registrationsPerIpPerHour: config.REGISTRATIONS_PER_IP_PER_HOUR,
    rejectPersonalInfo: config.PASSWORD_REJECT_PERSONAL_INFO,
    events,
    mail: mailOutbox,
  });
  const emailedTokens = new EmailedTokenService({
    db,
    store,
    revocations,
    hasher,
    publicUrl: config.PUBLIC_URL,
    mail: mailOutbox,
    onBackgroundError: (err, what) => logger.error({ err }, what),
  });

  const plans = new PlanService({ db });
  const tenantService = new TenantService({ db, planService: plans, store, catalog });
  const tenantArea = {
    tenants: tenantService,
    platformAdmin: new PlatformAdminService({ db, store, catalog, tenants: tenantService }),
    users: new UserAdminService({ db, store, publicUrl: config.PUBLIC_URL, revocations, enqueueMail: mailOutbox.enqueue }),
    apiKeys: new ApiKeyService({ db, store, onRevoked: () => events.revoked('api_key') }),
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
    syncDeadlineMs: config.SYNC_DEADLINE_MS,
    metrics: operationMetrics,
  });

  jobs.onCancel(OPERATION_JOB_KIND, (tx, job) => operations.jobCancelled(tx, job));

  return {
    tokens,
    auth,
    emailedTokens,
    resolver: new PrincipalResolver({ db, store, tokens, revocations, events }),
    catalog,
    plans,
    ...tenantArea,
    rateLimiter: new RateLimiter(store, events),
    usage,
    jobs,
    lattices,
    knowledge,
    operations,
    webhooks: new WebhookService({
      db,
      box: secrets,
      ssrf: { allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK },
      secretOverlapSeconds: config.WEBHOOK_SECRET_OVERLAP_SECONDS,
    }),
    mailOutbox,
    engine,
    executors: { [OPERATION_JOB_KIND]: (job, ctx) => operations.executeJob(job, ctx) },
  };
}

/** How long finished jobs and their results are kept. */
export const retentionSeconds = (config: Config): number => Math.round(config.JOB_RESULT_RETENTION_HOURS * 3600);
