import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, type MetricSpec } from '../../src/platform/metrics/catalogue.js';
import { dashboardQueries } from '../../scripts/monitoring/dashboards/panels.js';
import { DASHBOARDS } from '../../scripts/monitoring/generate.js';
import { baseMetric, metricNames } from '../../scripts/monitoring/promql-names.js';
import { RECORDING_GROUPS } from '../../scripts/monitoring/recording-rules.js';
import { TEST } from '../../scripts/monitoring/rule-profile.js';
import { alertRulesYaml, recordingRulesYaml } from '../../scripts/monitoring/rule-files.js';
import { spawnCatalytic } from '../support/catalytic-process.js';
import { freePort } from '../support/free-port.js';
import { eventually, startPrometheus, type Prometheus } from '../support/monitoring-stack.js';
import { startRedisServer } from '../support/redis-server.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * Declared in the catalogue, not recorded by any code yet: each needs a call
 * in the domain or worker code named beside it (the Metrics interface is
 * passed in like the store). Instrumenting one means deleting it here; the
 * last test below fails while a metric listed here already has data.
 */
const NOT_YET_INSTRUMENTED: Record<string, string> = {
  catalytic_auth_logins_total: 'AuthService.login (src/domain/identity/auth-service.ts): success, invalid_credentials, account_disabled',
  catalytic_auth_failures_total:
    'PrincipalResolver (src/domain/identity/principal-resolver.ts) and AuthService.refresh: reason per refusal',
  catalytic_auth_lockouts_total: 'LoginThrottle.assertAllowed (src/domain/identity/login-throttle.ts): which counter blocked',
  catalytic_auth_revocations_total:
    'AuthService.logout/refresh reuse, revokeUserSessions (src/domain/identity/revocation.ts), API-key revoke',
  catalytic_auth_api_key_uses_total: 'PrincipalResolver API-key branch (src/domain/identity/principal-resolver.ts)',
  catalytic_rate_limited_total: 'RateLimiter.judge (src/domain/usage/rate-limiter.ts), LoginThrottle.assertAllowed, AuthService.register',
  catalytic_operations_total: 'OperationService sync path and executeJob (src/domain/operations/operation-service.ts)',
  catalytic_operation_duration_seconds: 'OperationService, beside catalytic_operations_total',
  catalytic_knowledge_cache_lookups_total: 'KnowledgeStore.get (src/domain/operations/knowledge-store.ts): hit or miss',
  catalytic_knowledge_cache_evictions_total: 'KnowledgeStore eviction (src/domain/operations/knowledge-store.ts)',
  catalytic_engine_routing_decisions_total: 'OperationService after runOperation: run.backend',
  catalytic_engine_gpu_fallbacks_total: 'OperationService after runOperation: run.fallback_reason mapped onto FALLBACK_REASONS',
  catalytic_engine_pool_threads: 'a collector in src/runtime.ts over pool stats exported by src/engine/backends/pool.ts',
  catalytic_engine_pool_utilization_ratio: 'same collector (piscina utilization)',
  catalytic_engine_pool_queued_tasks: 'same collector (piscina queueSize)',
  catalytic_engine_memory_budget_bytes: 'the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES, resilience work)',
  catalytic_engine_memory_reserved_bytes: 'the operation memory budget, on reserve and release',
  catalytic_jobs: "a 'jobs' collector with a count query in src/domain/jobs/job-repository.ts, registered in src/runtime.ts",
  catalytic_jobs_finished_total: 'JobRunner.run (src/worker/job-runner.ts) on finishJob',
  catalytic_jobs_retried_total: 'JobRunner.run (src/worker/job-runner.ts) where a failed attempt is rethrown for a retry',
  catalytic_job_run_duration_seconds: 'JobRunner.run (src/worker/job-runner.ts) around the executor',
  catalytic_job_queue_depth: "a 'job_queue' collector over JobQueue (pg-boss queue size, src/platform/job-queue.ts)",
  catalytic_job_oldest_queued_age_seconds: "the 'job_queue' collector: age of the oldest queued row of jobs",
  catalytic_webhook_deliveries_total: 'webhook delivery in the worker (webhooks work)',
  catalytic_webhook_attempt_duration_seconds: 'webhook delivery in the worker, around each HTTP attempt',
  catalytic_webhook_pending_deliveries: "a 'webhooks' collector over the deliveries table",
  catalytic_webhook_oldest_pending_age_seconds: "the 'webhooks' collector",
  catalytic_webhook_dead_deliveries: "the 'webhooks' collector",
  catalytic_webhook_events_total: 'the outbox writer, per event type',
  catalytic_tls_certificate_expiry_timestamp_seconds: 'the native TLS server, on (re)load of TLS_CERT_FILE',
};

const specs = Object.values(CATALOGUE) as MetricSpec[];
const histograms = new Set([...specs.filter((s) => s.type === 'histogram').map((s) => s.name), 'nodejs_gc_duration_seconds']);
const recordingRules = RECORDING_GROUPS.flatMap((g) => g.rules);

/** Every raw metric an expression reads, following recording rules to their sources. */
function sourceMetrics(expr: string, seen = new Set<string>()): string[] {
  return metricNames(expr).flatMap((name) => {
    const rules = recordingRules.filter((r) => r.record === name);
    if (rules.length === 0) return [baseMetric(name, histograms)];
    if (seen.has(name)) return [];
    seen.add(name);
    return rules.flatMap((r) => sourceMetrics(r.expr('5m'), seen));
  });
}

const waitsFor = (expr: string) => sourceMetrics(expr).filter((m) => m in NOT_YET_INSTRUMENTED);

// Grafana's variables, as a dashboard opened on "All" instances would send them.
const asGrafanaSends = (expr: string) => expr.replaceAll('$__rate_interval', '30s').replaceAll('$instance', '.*');

const recordingQueries = recordingRules.map((r) => {
  const selector = Object.entries(r.labels ?? {})
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  return { name: `${r.record}{${selector}}`, expr: `${r.record}{${selector}}`, source: r.expr('5m') };
});
const panelQueries = Object.entries(DASHBOARDS).flatMap(([name, build]) =>
  dashboardQueries(build()).map((q) => ({ name: `${name} / ${q.panel}: ${q.expr}`, expr: asGrafanaSends(q.expr), source: q.expr })),
);

let prom: Prometheus;
let base: string;
let stopTraffic: () => Promise<void> = async () => undefined;
const cleanup: (() => Promise<unknown>)[] = [];

async function call(
  method: string,
  url: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : {} };
}

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'catalytic-live-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  // Their own Redis: API and worker share state through it, and its metrics exist in both test runs.
  const redis = await startRedisServer();
  cleanup.push(() => redis.kill());

  const apiPort = await freePort();
  const workerMetricsPort = await freePort();
  const env = {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '4',
    REDIS_URL: redis.url,
    HOST: '127.0.0.1',
    TESTING_MODE: 'true',
    DATA_DIR: path.join(dir, 'data'),
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    USAGE_FLUSH_INTERVAL_SECONDS: '1',
  };
  const api = spawnCatalytic('api', { ...env, PORT: String(apiPort) }, dir);
  cleanup.push(() => api.stop(2000));
  const worker = spawnCatalytic('worker', { ...env, METRICS_PORT: String(workerMetricsPort) }, dir);
  cleanup.push(() => worker.stop(2000));
  base = `http://127.0.0.1:${apiPort}`;

  prom = await startPrometheus({
    dir,
    jobs: [
      { job: 'catalytic-api', targets: [`127.0.0.1:${apiPort}`] },
      { job: 'catalytic-worker', targets: [`127.0.0.1:${workerMetricsPort}`] },
    ],
    rules: { 'recording.yml': recordingRulesYaml(TEST), 'alerts.yml': alertRulesYaml(TEST) },
  });
  cleanup.push(() => prom.stop());
  await Promise.all([api.waitFor(`${base}/health/ready`), worker.waitFor(`http://127.0.0.1:${workerMetricsPort}/metrics`)]);

  // Real traffic: sign-up, logins good and bad until the lockout, refused tokens, operations past the
  // compute limit (429), a job run by the worker, a server error and a slow request.
  const email = `live-${Date.now()}@example.com`;
  const password = 'Sturdy-Lattice-2048';
  const signup = await call('POST', '/api/v1/auth/register', { email, password, company_name: 'Live Metrics', plan_code: 'free' });
  expect(signup.status).toBe(201);
  expect((await call('POST', '/api/v1/auth/login', { email, password })).status).toBe(200);
  const token = String(signup.json.access_token);
  const failed = [];
  for (let i = 0; i < 7; i++) failed.push((await call('POST', '/api/v1/auth/login', { email, password: 'wrong-password-1' })).status);
  expect(failed).toContain(401);
  expect(failed).toContain(429);
  expect((await call('GET', '/api/v1/auth/me')).status).toBe(401);
  expect((await call('GET', '/api/v1/auth/me', undefined, 'not-a-token')).status).toBe(401);
  const lattice = await call('POST', '/api/v1/lattices', { name: 'live', shape: [20, 20] }, token);
  expect(lattice.status).toBe(201);
  const id = String(lattice.json.id);
  const job = await call('POST', `/api/v1/lattices/${id}/random-walk?async=true`, { walkers: 10, steps: 10, seed: 1 }, token);
  expect(job.status).toBe(202);
  const ops = [];
  for (let i = 0; i < 11; i++) ops.push((await call('POST', `/api/v1/lattices/${id}/path`, { start: [0, 0], end: [19, i] }, token)).status);
  expect(ops).toContain(200);
  expect(ops).toContain(429);
  await eventually('the job to finish on the worker', 60_000, async () => {
    const polled = await call('GET', String(job.json.status_url).replace(/^\/api\/v1/, '/api/v1'), undefined, token);
    return polled.json.status === 'succeeded' ? true : undefined;
  });
  expect((await call('POST', '/api/v1/testing/error', { error_type: '500' })).status).toBe(500);
  expect((await call('GET', '/api/v1/testing/slow?delay_seconds=1.1')).status).toBe(200);

  // Light traffic keeps flowing while the queries run, so rates over the test profile's short windows stay defined.
  let running = true;
  const loop = (async () => {
    while (running) {
      await call('GET', '/api/v1/auth/me', undefined, token);
      await call('POST', '/api/v1/testing/error', { error_type: '500' });
      await call('GET', '/api/v1/auth/me');
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  stopTraffic = async () => {
    running = false;
    await loop;
  };
  cleanup.push(() => stopTraffic());
  // Long enough for every window of the test profile up to a minute (6h / 360) to hold samples.
  await eventually('both targets up and the SLO ratios recorded', 90_000, async () => {
    const up = await prom.query('up{job=~"catalytic-api|catalytic-worker"} == 1');
    const slo = await prom.query('slo:sli_error:ratio_rate6h');
    return up.length === 2 && slo.length === 2 ? true : undefined;
  });
}, 240_000);

afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

/** A query "returns data" when it has at least one finite sample (histogram quantiles of idle routes are NaN). */
const hasData = (result: { value: [number, string] }[]) => result.some((r) => Number.isFinite(Number(r.value[1])));

describe('live: API and worker processes scraped by a real Prometheus', () => {
  it('every catalogue metric has series, or is listed as waiting for instrumentation', async () => {
    const missing: string[] = [];
    for (const s of specs) {
      if (s.name in NOT_YET_INSTRUMENTED) continue;
      const name = s.type === 'histogram' ? `${s.name}_count` : s.name;
      if ((await prom.query(name)).length === 0) missing.push(s.name);
    }
    expect(missing).toEqual([]);
  });

  it('the worker is scraped as its own job with its own metrics', async () => {
    const worker = await prom.query('catalytic_build_info{job="catalytic-worker"}');
    expect(worker).toHaveLength(1);
    expect(await prom.query('catalytic_db_pool_max_connections{job="catalytic-worker"}')).toHaveLength(1);
    expect(await prom.query('http_requests_total{job="catalytic-worker"}')).toEqual([]);
  });

  it.each(recordingQueries.filter((q) => waitsFor(q.source).length === 0).map((q) => [q.name, q]))(
    'recording rule %s returns data',
    async (_name, q) => {
      await eventually(`data from ${q.source}`, 20_000, async () => (hasData(await prom.query(q.expr)) ? true : undefined));
    },
  );

  it.each(panelQueries.filter((q) => waitsFor(q.source).length === 0).map((q) => [q.name, q]))(
    'panel %s returns data',
    async (_name, q) => {
      await eventually(`data from ${q.expr}`, 20_000, async () => (hasData(await prom.query(q.expr)) ? true : undefined));
    },
  );

  it('the queries left out above read only metrics of NOT_YET_INSTRUMENTED, which indeed have no data yet', async () => {
    const waiting = [...recordingQueries, ...panelQueries].filter((q) => waitsFor(q.source).length > 0);
    // Every listed metric is a real catalogue metric, and dashboards or rules read most of them.
    for (const name of Object.keys(NOT_YET_INSTRUMENTED)) expect(specs.map((s) => s.name)).toContain(name);
    expect(waiting.length).toBeGreaterThan(0);
    const recordedAlready: string[] = [];
    for (const name of Object.keys(NOT_YET_INSTRUMENTED)) {
      const series = await prom.query(histograms.has(name) ? `${name}_count` : name);
      if (series.some((s) => Number(s.value[1]) !== 0)) recordedAlready.push(name);
    }
    expect(recordedAlready, 'instrumented now: remove these from NOT_YET_INSTRUMENTED').toEqual([]);
  });
});
