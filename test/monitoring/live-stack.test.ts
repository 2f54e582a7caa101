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
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * Catalogue metrics this stack cannot give data: each is recorded by the code
 * named beside it, but only on an event the stack does not stage (its own
 * test covers that call). A query reading one is left out of the data checks;
 * the last test below fails as soon as one of them has data here, so the list
 * cannot hide a metric the stack does produce.
 */
const SILENT_IN_THIS_STACK: Record<string, string> = {
  catalytic_jobs_retried_total:
    'instrumented in JobRunner.run (src/worker/job-runner.ts, counted in test/http/jobs.test.ts); only a transient job failure (an executor error that is not permanent) produces one, which this stack does not stage',
  catalytic_tls_certificate_expiry_timestamp_seconds:
    'set by the native TLS server on every (re)load of TLS_CERT_FILE (src/cli/main.ts, tested in test/deploy/tls.test.ts); this stack serves plain HTTP',
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

const waitsFor = (expr: string) => sourceMetrics(expr).filter((m) => m in SILENT_IN_THIS_STACK);

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

/** GET /auth/me with an API key. */
async function keyCall(key: string): Promise<{ status: number }> {
  const res = await fetch(`${base}/api/v1/auth/me`, { headers: { 'x-api-key': key } });
  await res.arrayBuffer();
  return { status: res.status };
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
    // The webhook receiver below listens on loopback.
    WEBHOOK_ALLOW_LOOPBACK: 'true',
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
  const apiKey = await call('POST', '/api/v1/tenants/api-keys', { name: 'live', scopes: ['read'] }, String(signup.json.access_token));
  expect(apiKey.status).toBe(201);
  expect((await keyCall(String(apiKey.json.key))).status).toBe(200);
  expect((await keyCall('clc_not-a-key')).status).toBe(401);
  // Revoked: the key is refused from now on, and the revocation is counted.
  expect(
    (await call('DELETE', `/api/v1/tenants/api-keys/${String(apiKey.json.id)}`, undefined, String(signup.json.access_token))).status,
  ).toBe(204);
  expect((await keyCall(String(apiKey.json.key))).status).toBe(401);
  const lattice = await call('POST', '/api/v1/lattices', { name: 'live', shape: [20, 20] }, token);
  expect(lattice.status).toBe(201);
  const id = String(lattice.json.id);
  // A webhook endpoint: every lattice change below is an event the worker fans out and delivers.
  const receiver = await startWebhookReceiver();
  cleanup.push(() => receiver.close());
  const hook = await call('POST', '/api/v1/webhooks', { url: `${receiver.url}/live`, events: ['lattice.*'] }, token);
  expect(hook.status).toBe(201);
  expect((await call('PATCH', `/api/v1/lattices/${id}`, { name: 'live, renamed' }, token)).status).toBe(200);
  await receiver.waitFor(1, 60_000, '/live');
  const job = await call('POST', `/api/v1/lattices/${id}/random-walk?async=true`, { walkers: 10, steps: 10, seed: 1 }, token);
  expect(job.status).toBe(202);
  const ops = [];
  for (let i = 0; i < 11; i++) ops.push((await call('POST', `/api/v1/lattices/${id}/path`, { start: [0, 0], end: [19, i] }, token)).status);
  expect(ops).toContain(200);
  expect(ops).toContain(429);
  // A GPU asked for on an operation without a GPU kernel: the engine falls back (on any machine).
  const gpuOwner = await call('POST', '/api/v1/auth/register', {
    email: `live-gpu-${Date.now()}@example.com`,
    password,
    company_name: 'Live GPU',
    plan_code: 'pro',
  });
  expect(gpuOwner.status).toBe(201);
  const gpuToken = String(gpuOwner.json.access_token);
  const gpuLattice = await call('POST', '/api/v1/lattices', { name: 'live-gpu', shape: [8, 8] }, gpuToken);
  const fellBack = await call('POST', `/api/v1/lattices/${String(gpuLattice.json.id)}/components`, { use_gpu: true }, gpuToken);
  expect(fellBack.status).toBe(200);
  expect(fellBack.json.fallback_reason).toEqual(expect.any(String));
  await eventually('the job to finish on the worker', 60_000, async () => {
    const polled = await call('GET', String(job.json.status_url).replace(/^\/api\/v1/, '/api/v1'), undefined, token);
    return polled.json.status === 'succeeded' ? true : undefined;
  });
  expect((await call('POST', '/api/v1/testing/error', { error_type: '500' })).status).toBe(500);
  expect((await call('GET', '/api/v1/testing/slow?delay_seconds=1.1')).status).toBe(200);

  // A second account keeps logging in below (the first is locked out), so the login-failure ratio stays defined.
  const steady = { email: `live-steady-${Date.now()}@example.com`, password };
  const steadySignup = await call('POST', '/api/v1/auth/register', { ...steady, company_name: 'Live Steady', plan_code: 'free' });
  expect(steadySignup.status).toBe(201);
  // Its tenant computes in the loop below (knowledge-cache lookups, hits after the first): a plan whose compute limit the loop stays under.
  const steadyToken = String(steadySignup.json.access_token);
  expect((await call('PUT', '/api/v1/tenants/subscription', { plan_code: 'pro' }, steadyToken)).status).toBe(200);
  const steadyLattice = await call('POST', '/api/v1/lattices', { name: 'live steady', shape: [20, 20] }, steadyToken);
  expect(steadyLattice.status).toBe(201);
  const steadyPath = `/api/v1/lattices/${String(steadyLattice.json.id)}/path`;

  // Light traffic keeps flowing while the queries run, so rates over the test profile's short windows stay defined.
  let running = true;
  const gpuLatticeId = String(gpuLattice.json.id);
  const loop = (async () => {
    // Operations keep flowing too (the pro tenant's compute limit allows them): a repeated path is
    // answered by the knowledge cache, and now and then a job runs on the worker, so the operation,
    // cache and job histograms have rates over the short windows.
    for (let round = 0; running; round++) {
      await call('POST', `/api/v1/lattices/${gpuLatticeId}/path`, { start: [0, 0], end: [7, 7] }, gpuToken);
      if (round % 8 === 0) {
        await call('POST', `/api/v1/lattices/${gpuLatticeId}/random-walk?async=true`, { walkers: 4, steps: 4, seed: round }, gpuToken);
      }
      await call('GET', '/api/v1/auth/me', undefined, token);
      await call('POST', '/api/v1/testing/error', { error_type: '500' });
      await call('GET', '/api/v1/auth/me');
      await call('POST', '/api/v1/auth/login', steady);
      await call('PATCH', `/api/v1/lattices/${id}`, { name: `live ${Date.now()}` }, token);
      await call('POST', steadyPath, { start: [0, 0], end: [19, 19] }, steadyToken);
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
      if (s.name in SILENT_IN_THIS_STACK) continue;
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

  it('the queries left out above read only metrics of SILENT_IN_THIS_STACK, which indeed have no data yet', async () => {
    const waiting = [...recordingQueries, ...panelQueries].filter((q) => waitsFor(q.source).length > 0);
    // Every listed metric is a real catalogue metric, and dashboards or rules read most of them.
    for (const name of Object.keys(SILENT_IN_THIS_STACK)) expect(specs.map((s) => s.name)).toContain(name);
    expect(waiting.length).toBeGreaterThan(0);
    const recordedAlready: string[] = [];
    for (const name of Object.keys(SILENT_IN_THIS_STACK)) {
      const series = await prom.query(histograms.has(name) ? `${name}_count` : name);
      if (series.some((s) => Number(s.value[1]) !== 0)) recordedAlready.push(name);
    }
    expect(recordedAlready, 'has data in this stack now: remove these from SILENT_IN_THIS_STACK').toEqual([]);
  });
});
