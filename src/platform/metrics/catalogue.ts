import * as L from './label-sets.js';
import type { LabelSpec } from './label-sets.js';

/**
 * Every metric the service exports besides prom-client's process and Node
 * defaults: the one list the prom-client registry, the in-memory twin,
 * docs/metrics.md and the monitoring tests are built from.
 *
 * Prometheus conventions: `catalytic_` prefix (the HTTP pair keeps its
 * historical names), counters end in `_total`, durations are `_seconds`
 * histograms, sizes are `_bytes`, and labels come from closed sets only.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** `event`: recorded where it happens; `collected`: set at scrape time by a collector (a query, a pool's counters). */
export type MetricSource = 'event' | 'collected';

export type MetricArea = 'http' | 'auth' | 'rate_limit' | 'operations' | 'jobs' | 'webhooks' | 'infrastructure' | 'build';

export interface MetricSpec<N extends string = string> {
  type: MetricType;
  name: string;
  help: string;
  area: MetricArea;
  source: MetricSource;
  labels: { readonly [K in N]: LabelSpec };
  buckets?: readonly number[];
}

const spec =
  <T extends MetricType>(type: T) =>
  <const N extends string = never>(s: Omit<MetricSpec<N>, 'type' | 'source'> & { source?: MetricSource }): MetricSpec<N> & { type: T } => ({
    source: 'event',
    ...s,
    type,
  });

const counter = spec('counter');
const gauge = spec('gauge');
const histogram = spec('histogram');

// Request latency: 1 ms to 10 s; the SLO's 1 s threshold is a bucket edge, so the
// latency SLI reads it exactly rather than interpolating.
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// Operations run from sub-millisecond closed forms to jobs of many minutes.
const OPERATION_BUCKETS = [0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1];
const WEBHOOK_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

export const CATALOGUE = {
  // HTTP: counted by the http-metrics plugin for every response.
  httpRequests: counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, templated route and status',
    area: 'http',
    labels: { method: L.HTTP_METHODS, route: L.HTTP_ROUTE, status: L.HTTP_STATUS },
  }),
  httpDuration: histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, templated route and status',
    area: 'http',
    labels: { method: L.HTTP_METHODS, route: L.HTTP_ROUTE, status: L.HTTP_STATUS },
    buckets: HTTP_BUCKETS,
  }),

  buildInfo: gauge({
    name: 'catalytic_build_info',
    help: 'Always 1; the labels say which build this process runs',
    area: 'build',
    labels: { version: L.BUILD_VERSION, commit: L.BUILD_COMMIT, node_version: L.NODE_VERSION },
  }),

  // Authentication.
  logins: counter({
    name: 'catalytic_auth_logins_total',
    help: 'Password logins by outcome',
    area: 'auth',
    labels: { outcome: L.LOGIN_OUTCOMES },
  }),
  authFailures: counter({
    name: 'catalytic_auth_failures_total',
    help: 'Requests whose credential was refused, by credential and reason',
    area: 'auth',
    labels: { credential: L.CREDENTIALS, reason: L.AUTH_FAILURE_REASONS },
  }),
  lockouts: counter({
    name: 'catalytic_auth_lockouts_total',
    help: 'Login attempts refused because a failed-login counter reached its limit',
    area: 'auth',
    labels: { scope: L.LOCKOUT_SCOPES },
  }),
  revocations: counter({
    name: 'catalytic_auth_revocations_total',
    help: 'Tokens, sessions and API keys revoked',
    area: 'auth',
    labels: { kind: L.REVOCATION_KINDS },
  }),
  apiKeyUses: counter({
    name: 'catalytic_auth_api_key_uses_total',
    help: 'Requests that presented an API key, by outcome',
    area: 'auth',
    labels: { outcome: L.API_KEY_OUTCOMES },
  }),

  rateLimited: counter({
    name: 'catalytic_rate_limited_total',
    help: 'Requests refused with 429 by a rate limit, by limit and plan',
    area: 'rate_limit',
    labels: { kind: L.RATE_LIMIT_KINDS, plan: L.PLANS },
  }),

  // Lattice operations and the engine.
  operations: counter({
    name: 'catalytic_operations_total',
    help: 'Lattice operations finished, by operation, backend, mode and outcome',
    area: 'operations',
    labels: { operation: L.OPERATIONS, backend: L.BACKENDS, mode: L.OPERATION_MODES, outcome: L.OPERATION_OUTCOMES },
  }),
  operationDuration: histogram({
    name: 'catalytic_operation_duration_seconds',
    help: 'Wall time of lattice operations, by operation, backend and outcome',
    area: 'operations',
    labels: { operation: L.OPERATIONS, backend: L.BACKENDS, outcome: L.OPERATION_OUTCOMES },
    buckets: OPERATION_BUCKETS,
  }),
  knowledgeCacheLookups: counter({
    name: 'catalytic_knowledge_cache_lookups_total',
    help: 'Knowledge-cache lookups by result',
    area: 'operations',
    labels: { result: L.CACHE_RESULTS },
  }),
  knowledgeCacheEvictions: counter({
    name: 'catalytic_knowledge_cache_evictions_total',
    help: 'Knowledge-cache entries evicted to stay within the byte budget',
    area: 'operations',
    labels: {},
  }),
  knowledgeCacheBytes: gauge({
    name: 'catalytic_knowledge_cache_bytes',
    help: 'Bytes held by the persisted knowledge cache',
    area: 'operations',
    source: 'collected',
    labels: {},
  }),
  knowledgeCacheEntries: gauge({
    name: 'catalytic_knowledge_cache_entries',
    help: 'Entries held by the persisted knowledge cache',
    area: 'operations',
    source: 'collected',
    labels: {},
  }),
  knowledgeCacheMaxBytes: gauge({
    name: 'catalytic_knowledge_cache_max_bytes',
    help: 'Byte budget of the knowledge cache (KNOWLEDGE_CACHE_MAX_BYTES)',
    area: 'operations',
    source: 'collected',
    labels: {},
  }),
  routingDecisions: counter({
    name: 'catalytic_engine_routing_decisions_total',
    help: 'Backends the cost-model router chose, by operation',
    area: 'operations',
    labels: { operation: L.OPERATIONS, backend: L.ROUTED_BACKENDS },
  }),
  gpuFallbacks: counter({
    name: 'catalytic_engine_gpu_fallbacks_total',
    help: 'Runs that asked for the GPU (or the pool) and ran elsewhere, by reason',
    area: 'operations',
    labels: { reason: L.FALLBACK_REASONS },
  }),
  enginePoolThreads: gauge({
    name: 'catalytic_engine_pool_threads',
    help: 'Worker threads of the engine pool (0 until first use)',
    area: 'operations',
    source: 'collected',
    labels: {},
  }),
  enginePoolUtilization: gauge({
    name: 'catalytic_engine_pool_utilization_ratio',
    help: "Share of the engine pool's capacity in use since it started (0..1)",
    area: 'operations',
    source: 'collected',
    labels: {},
  }),
  enginePoolQueued: gauge({
    name: 'catalytic_engine_pool_queued_tasks',
    help: 'Tasks waiting for an engine pool thread, runs waiting their turn to enter the pool included',
    area: 'operations',
    source: 'collected',
    labels: {},
  }),
  engineMemoryBudget: gauge({
    name: 'catalytic_engine_memory_budget_bytes',
    help: 'Memory operations may reserve at once in this process',
    area: 'operations',
    labels: {},
  }),
  engineMemoryReserved: gauge({
    name: 'catalytic_engine_memory_reserved_bytes',
    help: 'Memory reserved by running operations in this process',
    area: 'operations',
    labels: {},
  }),

  // Jobs.
  jobs: gauge({
    name: 'catalytic_jobs',
    help: 'Jobs queued or running, across every worker',
    area: 'jobs',
    source: 'collected',
    labels: { state: L.JOB_STATES },
  }),
  jobsFinished: counter({
    name: 'catalytic_jobs_finished_total',
    help: 'Jobs finished, by kind and final status',
    area: 'jobs',
    labels: { kind: L.JOB_KINDS, status: L.JOB_FINAL_STATUSES },
  }),
  jobsRetried: counter({
    name: 'catalytic_jobs_retried_total',
    help: 'Job attempts that failed transiently and were handed back to the queue for a retry',
    area: 'jobs',
    labels: { kind: L.JOB_KINDS },
  }),
  jobQueueDepth: gauge({
    name: 'catalytic_job_queue_depth',
    help: 'Jobs waiting in the queue (created or waiting for a retry), by queue',
    area: 'jobs',
    source: 'collected',
    labels: { queue: L.QUEUES },
  }),
  jobOldestQueuedAge: gauge({
    name: 'catalytic_job_oldest_queued_age_seconds',
    help: 'Age of the oldest job still waiting to start (0 when none waits)',
    area: 'jobs',
    source: 'collected',
    labels: {},
  }),
  jobRunDuration: histogram({
    name: 'catalytic_job_run_duration_seconds',
    help: 'Run time of job attempts, by kind and status',
    area: 'jobs',
    labels: { kind: L.JOB_KINDS, status: L.JOB_FINAL_STATUSES },
    buckets: OPERATION_BUCKETS,
  }),

  // Webhooks.
  webhookDeliveries: counter({
    name: 'catalytic_webhook_deliveries_total',
    help: 'Webhook delivery attempts by what they led to',
    area: 'webhooks',
    labels: { outcome: L.WEBHOOK_DELIVERY_OUTCOMES },
  }),
  webhookAttemptDuration: histogram({
    name: 'catalytic_webhook_attempt_duration_seconds',
    help: 'Latency of webhook HTTP attempts, by result',
    area: 'webhooks',
    labels: { result: L.WEBHOOK_ATTEMPT_RESULTS },
    buckets: WEBHOOK_BUCKETS,
  }),
  webhookPending: gauge({
    name: 'catalytic_webhook_pending_deliveries',
    help: 'Webhook deliveries waiting for their next attempt',
    area: 'webhooks',
    source: 'collected',
    labels: {},
  }),
  webhookOldestPendingAge: gauge({
    name: 'catalytic_webhook_oldest_pending_age_seconds',
    help: 'Age of the oldest pending webhook delivery (0 when none waits)',
    area: 'webhooks',
    source: 'collected',
    labels: {},
  }),
  webhookDead: gauge({
    name: 'catalytic_webhook_dead_deliveries',
    help: 'Webhook deliveries marked dead and not retried since',
    area: 'webhooks',
    source: 'collected',
    labels: {},
  }),
  webhookEvents: counter({
    name: 'catalytic_webhook_events_total',
    help: 'Outbox events taken by the dispatcher and fanned out to webhook endpoints, by type',
    area: 'webhooks',
    labels: { type: L.WEBHOOK_EVENT_TYPES },
  }),

  // PostgreSQL, Redis, usage flush, TLS.
  dbPoolTotal: gauge({
    name: 'catalytic_db_pool_total_connections',
    help: "Connections open in this process's PostgreSQL pool",
    area: 'infrastructure',
    source: 'collected',
    labels: {},
  }),
  dbPoolIdle: gauge({
    name: 'catalytic_db_pool_idle_connections',
    help: "Idle connections in this process's PostgreSQL pool",
    area: 'infrastructure',
    source: 'collected',
    labels: {},
  }),
  dbPoolWaiting: gauge({
    name: 'catalytic_db_pool_waiting_clients',
    help: 'Queries waiting for a PostgreSQL connection',
    area: 'infrastructure',
    source: 'collected',
    labels: {},
  }),
  dbPoolMax: gauge({
    name: 'catalytic_db_pool_max_connections',
    help: 'Size limit of the PostgreSQL pool (DATABASE_POOL_MAX)',
    area: 'infrastructure',
    source: 'collected',
    labels: {},
  }),
  redisDuration: histogram({
    name: 'catalytic_redis_command_duration_seconds',
    help: 'Latency of shared-store calls to Redis, by call',
    area: 'infrastructure',
    labels: { command: L.REDIS_COMMANDS },
    buckets: STORE_BUCKETS,
  }),
  redisErrors: counter({
    name: 'catalytic_redis_command_errors_total',
    help: 'Shared-store calls to Redis that failed, by call',
    area: 'infrastructure',
    labels: { command: L.REDIS_COMMANDS },
  }),
  redisConnected: gauge({
    name: 'catalytic_redis_connected',
    help: '1 while the connection to Redis is ready, 0 otherwise (absent without REDIS_URL)',
    area: 'infrastructure',
    labels: {},
  }),
  usageFlushLag: gauge({
    name: 'catalytic_usage_flush_lag_seconds',
    help: 'Seconds since usage counters were last written to PostgreSQL (or since start-up)',
    area: 'infrastructure',
    source: 'collected',
    labels: {},
  }),
  usageFlushFailures: counter({
    name: 'catalytic_usage_flush_failures_total',
    help: 'Usage flushes to PostgreSQL that failed',
    area: 'infrastructure',
    labels: {},
  }),
  tlsCertificateExpiry: gauge({
    name: 'catalytic_tls_certificate_expiry_timestamp_seconds',
    help: 'Expiry of the served TLS certificate, as a Unix timestamp',
    area: 'infrastructure',
    labels: {},
  }),
  collectorFailures: counter({
    name: 'catalytic_metrics_collector_failures_total',
    help: 'Scrape-time collectors that failed or timed out (their gauges keep the last value)',
    area: 'infrastructure',
    labels: { collector: L.COLLECTORS },
  }),
} as const;

export type Catalogue = typeof CATALOGUE;
export type MetricKey = keyof Catalogue;
export type LabelNamesOf<K extends MetricKey> = keyof Catalogue[K]['labels'] & string;

export const METRIC_KEYS = Object.keys(CATALOGUE) as MetricKey[];
