/**
 * Webhooks bench: events committed → signed deliveries received, end to end.
 *
 *   node --import tsx bench/webhooks/run.ts [--duration 60] [--rate 200] [--endpoints 5] [--drain 60]
 *        [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--out bench/results/webhooks.json]
 *   npm run bench:webhooks [-- --duration 10]
 *
 * `catalytic api` and `catalytic worker` run as child processes on a fresh
 * database of the real PostgreSQL (made and dropped by the run). A tenant
 * registers `--endpoints` webhooks for `*`, all pointing at a receiver in this
 * process (`WEBHOOK_ALLOW_LOOPBACK=true` for both children). Then this process
 * commits `--rate` events per second for `--duration` seconds, each in its own
 * tenant transaction through the domain's `recordEvent` (exactly what a
 * lattice change does in its transaction), so the worker fans every event out
 * to every endpoint: `rate × endpoints` deliveries per second are offered.
 * Each delivery's latency runs from the moment its event's COMMIT returned to
 * the moment the receiver had its body; the receiver verifies every signature.
 * After the last commit it waits up to `--drain` seconds for stragglers; what
 * has not arrived by then is either still queued in the database (late:
 * `undelivered_at_end`) or lost (neither arrived nor queued). See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { recordEvent } from '../../src/domain/outbox/events.js';
import { Database } from '../../src/platform/database.js';
import { migrateUp } from '../../src/platform/migrations.js';
import { jsonCaller } from '../http/json-caller.js';
import { apiChildEnv, cpuTimeMs, freePort, startChild, stopChild, waitForHttp, type Child } from '../http/processes.js';
import { startReceiver } from './receiver.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAN = 'enterprise';
const TARGETS = { deliveries_per_second: 1000, p99_ms: 1000, lost: 0 };
/** Commits in flight at once at most; a committer that falls behind is reported, not hidden. */
const MAX_IN_FLIGHT = 32;
const TICK_MS = 5;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    rate: { type: 'string', default: '200' },
    endpoints: { type: 'string', default: '5' },
    drain: { type: 'string', default: '60' },
    // The worker's WEBHOOK_CONCURRENCY and WEBHOOK_ENDPOINT_CONCURRENCY; unset: the service's defaults.
    concurrency: { type: 'string' },
    'endpoint-concurrency': { type: 'string' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    out: { type: 'string', default: path.join(ROOT, 'bench/results/webhooks.json') },
  },
});
const DURATION_S = Number(args.duration);
const RATE = Number(args.rate);
const ENDPOINTS = Number(args.endpoints);
const DRAIN_S = Number(args.drain);
for (const [name, value] of Object.entries({ duration: DURATION_S, rate: RATE, endpoints: ENDPOINTS, drain: DRAIN_S })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
}
if (!Number.isInteger(ENDPOINTS) || ENDPOINTS > 20) throw new Error('--endpoints must be an integer from 1 to 20');

const log = (message: string) => process.stderr.write(`[bench:webhooks] ${message}\n`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanup() {
  for (const step of cleanups.reverse()) await step().catch((err) => log(`cleanup: ${(err as Error).message}`));
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main() {
  const loadAtStart = os.loadavg().map((x) => round(x, 2));

  // 1. A fresh database.
  const admin = new pg.Client({ connectionString: args['pg-url'] });
  await admin.connect();
  cleanups.push(() => admin.end());
  const databaseName = `bench_webhooks_${Date.now()}_${process.pid}`;
  await admin.query(`CREATE DATABASE ${databaseName}`);
  cleanups.push(() => admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`));
  const url = new URL(args['pg-url']);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.href;
  await migrateUp(databaseUrl);

  // 2. API and worker children, allowed to deliver to the loopback.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-webhooks-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const settings = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, WEBHOOK_ALLOW_LOOPBACK: 'true', ACCESS_TOKEN_TTL_SECONDS: '7200' };
  const api: Child = startChild('api', ['bin/catalytic.mjs', 'api'], apiChildEnv({ ...settings, PORT: String(port) }), ROOT);
  cleanups.push(() => stopChild(api, 10_000));
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(api, `${base}/health/ready`, 120_000);
  // The worker starts once the API has migrated and set up the job queue (starting both at once races on it).
  const workerSettings = {
    ...settings,
    METRICS_PORT: '0',
    ...(args.concurrency ? { WEBHOOK_CONCURRENCY: args.concurrency } : {}),
    ...(args['endpoint-concurrency'] ? { WEBHOOK_ENDPOINT_CONCURRENCY: args['endpoint-concurrency'] } : {}),
  };
  const worker: Child = startChild('worker', ['bin/catalytic.mjs', 'worker'], apiChildEnv(workerSettings), ROOT);
  cleanups.push(() => stopChild(worker, 10_000));
  log(`api ready on ${base}; worker starting`);

  // 3. The tenant and its endpoints, all at the receiver.
  const secrets = Array.from({ length: ENDPOINTS }, () => `whsec_${randomBytes(32).toString('base64')}`);
  const receiver = await startReceiver(secrets);
  cleanups.push(() => receiver.close());
  const call = jsonCaller(base);
  const reg = await call('POST', '/api/v1/auth/register', {
    email: `bench-webhooks-${Date.now()}@example.com`,
    password: 'Quartz-Meridian-7731',
    company_name: 'Webhooks bench',
    plan_code: PLAN,
  });
  const token = reg.access_token as string;
  const me = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then(
    (r) => r.json() as Promise<{ tenant: { id: string } }>,
  );
  const tenantId = me.tenant.id;
  const endpointIds: string[] = [];
  for (let i = 0; i < ENDPOINTS; i++) {
    const made = await call('POST', '/api/v1/webhooks', { url: `${receiver.url}/r/${i}`, events: ['*'], secret: secrets[i] }, token);
    endpointIds.push(made.id as string);
  }
  // A test event through endpoint 0 (no bench_seq: counted as unknown) says the worker is up and delivering.
  await call('POST', `/api/v1/webhooks/${endpointIds[0]}/test`, {}, token);
  const probeBy = Date.now() + 120_000;
  while (receiver.receipts.unknown === 0) {
    if (Date.now() > probeBy) throw new Error(`the worker delivered no test event within 120 s:\n${worker.stderrTail()}`);
    await sleep(100);
  }
  receiver.receipts.unknown = 0;
  log(`tenant ${tenantId} with ${ENDPOINTS} endpoints at ${receiver.url}; the worker delivers`);

  // 4. Steady commits: event i is due at start + i / rate; each commits in its own tenant transaction.
  const db = new Database(databaseUrl, 8);
  cleanups.push(() => db.close());
  const total = Math.round(RATE * DURATION_S);
  const committedAt = new Float64Array(total).fill(NaN);
  let next = 0;
  let inFlight = 0;
  let maxBehindMs = 0;
  let failedCommits = 0;
  const workerPid = worker.process.pid!;
  const workerCpuAtStart = await cpuTimeMs(workerPid);
  // The receiver shares this process with the committer: its event-loop delay says whether it kept up.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const benchCpuAtStart = process.cpuUsage();
  const start = performance.now();
  const commit = async (seq: number) => {
    inFlight++;
    try {
      await db.tenantTransaction(tenantId, (tx) =>
        recordEvent(tx, tenantId, 'lattice.updated', { bench_seq: seq, lattice_id: null, tenant_id: tenantId, name: `bench ${seq}` }),
      );
      committedAt[seq] = performance.now();
    } catch (err) {
      failedCommits++;
      log(`commit ${seq} failed: ${(err as Error).message}`);
    } finally {
      inFlight--;
    }
  };
  const pending: Promise<void>[] = [];
  let lastReport = start;
  while (next < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - start) / 1000) * RATE) + 1);
    while (next < due && inFlight < MAX_IN_FLIGHT) pending.push(commit(next++));
    if (next < due) maxBehindMs = Math.max(maxBehindMs, now - (start + (next / RATE) * 1000));
    if (now - lastReport >= 5000) {
      lastReport = now;
      log(`${round((now - start) / 1000)} s: ${next} events committed, ${receiver.receipts.first.size} deliveries received`);
    }
    await sleep(TICK_MS);
  }
  await Promise.all(pending);
  const commitsEnd = performance.now();
  log(`all ${total} events committed in ${round((commitsEnd - start) / 1000, 2)} s (at most ${round(maxBehindMs)} ms behind schedule)`);

  // 5. Drain: wait for every delivery, up to --drain seconds after the last commit.
  const expected = (total - failedCommits) * ENDPOINTS;
  const drainBy = commitsEnd + DRAIN_S * 1000;
  while (receiver.receipts.first.size < expected && performance.now() < drainBy) await sleep(50);
  const workerCpuAtEnd = await cpuTimeMs(workerPid);
  loopDelay.disable();
  const benchCpu = process.cpuUsage(benchCpuAtStart);
  const drainEnd = performance.now();
  // The worker stops gracefully (its attempts in flight finish and are recorded), so the counts below hold still.
  await stopChild(worker, 30_000);
  const received = receiver.receipts.first.size;
  // What is still queued will go out (at-least-once): backlog, not loss. Lost is what neither arrived nor waits.
  const direct = new pg.Client({ connectionString: databaseUrl });
  await direct.connect();
  const count = async (sql: string) => Number((await direct.query<{ n: string }>(sql, [tenantId])).rows[0].n);
  const queuedEvents = await count(`SELECT count(*) AS n FROM outbox WHERE topic = 'event' AND status = 'pending' AND tenant_id = $1`);
  const queuedDeliveries = await count(
    `SELECT count(*) AS n FROM webhook_deliveries WHERE status IN ('pending', 'failed') AND tenant_id = $1`,
  );
  const dead = await count(`SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'dead' AND tenant_id = $1`);
  await direct.end();
  const backlog = queuedEvents * ENDPOINTS + queuedDeliveries;
  log(`${received} of ${expected} deliveries received; ${backlog} still queued (${queuedEvents} events not fanned out yet), ${dead} dead`);

  // 6. Figures.
  const latencies: number[] = [];
  let lastReceipt = start;
  const perSecond = new Map<number, number>();
  for (const [key, at] of receiver.receipts.first) {
    const seq = Number(key.slice(0, key.indexOf(':')));
    latencies.push(at - committedAt[seq]);
    lastReceipt = Math.max(lastReceipt, at);
    const second = Math.floor((at - start) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  latencies.sort((a, b) => a - b);
  const seconds = Math.ceil((lastReceipt - start) / 1000);
  const series = Array.from({ length: seconds }, (_, s) => perSecond.get(s) ?? 0);
  // The steady part: every whole second of the commit window but the first and the last.
  const steady = series.slice(1, Math.max(1, Math.floor(DURATION_S) - 1));
  const sustained = (received / (lastReceipt - start)) * 1000;
  const result = {
    deliveries_expected: expected,
    deliveries_received: received,
    /** Deliveries still queued when the drain ended: late, not lost (they go out at least once). */
    undelivered_at_end: backlog,
    lost: Math.max(0, expected - received - backlog),
    dead,
    duplicates: receiver.receipts.duplicates,
    invalid_signatures: receiver.receipts.invalid,
    unknown_requests: receiver.receipts.unknown,
    failed_commits: failedCommits,
    offered_deliveries_per_second: RATE * ENDPOINTS,
    deliveries_per_second: round(sustained),
    deliveries_per_second_min_steady: steady.length ? Math.min(...steady) : null,
    latency_ms: {
      p50: round(percentile(latencies, 0.5)),
      p90: round(percentile(latencies, 0.9)),
      p99: round(percentile(latencies, 0.99)),
      max: round(latencies[latencies.length - 1] ?? NaN),
    },
    committer_max_behind_schedule_ms: round(maxBehindMs),
    /** CPU the worker process used from the first commit to the end of the drain, per delivery received and per second. */
    worker_cpu_ms_per_delivery:
      workerCpuAtStart === null || workerCpuAtEnd === null || received === 0
        ? null
        : round((workerCpuAtEnd - workerCpuAtStart) / received, 2),
    bench_process_cpu_share: round((benchCpu.user + benchCpu.system) / 1000 / (drainEnd - start), 2),
    bench_event_loop_delay_ms: {
      p50: round(loopDelay.percentile(50) / 1e6),
      p99: round(loopDelay.percentile(99) / 1e6),
      max: round(loopDelay.max / 1e6),
    },
    worker_cpu_share:
      workerCpuAtStart === null || workerCpuAtEnd === null ? null : round((workerCpuAtEnd - workerCpuAtStart) / (drainEnd - start), 2),
    deliveries_per_second_series: series,
  };
  const met = {
    deliveries_per_second: sustained >= TARGETS.deliveries_per_second,
    p99_ms: result.latency_ms.p99 <= TARGETS.p99_ms,
    lost: result.lost <= TARGETS.lost && backlog === 0,
  };
  const cpus = os.cpus();
  const report = {
    bench: 'webhooks',
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      cpu_model: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      loadavg_at_start: loadAtStart,
      loadavg_at_end: os.loadavg().map((x) => round(x, 2)),
    },
    command:
      `node --import tsx bench/webhooks/run.ts --duration ${DURATION_S} --rate ${RATE} --endpoints ${ENDPOINTS} --drain ${DRAIN_S}` +
      (args.concurrency ? ` --concurrency ${args.concurrency}` : '') +
      (args['endpoint-concurrency'] ? ` --endpoint-concurrency ${args['endpoint-concurrency']}` : ''),
    method:
      `catalytic api and catalytic worker as child processes on a fresh database of the local PostgreSQL, defaults otherwise (WEBHOOK_ALLOW_LOOPBACK=true); ` +
      `${ENDPOINTS} endpoints of one tenant subscribed to * at one receiver in the bench process (answers 200 at once, verifies every signature); ` +
      `${RATE} events/s for ${DURATION_S} s, each committed in its own tenant transaction by recordEvent; latency from COMMIT returned to body received; ` +
      `deliveries_per_second = distinct deliveries / (last receipt − first commit)`,
    config: {
      duration_s: DURATION_S,
      rate_events_per_second: RATE,
      endpoints: ENDPOINTS,
      drain_s: DRAIN_S,
      worker_webhook_concurrency: args.concurrency ?? 'default',
      worker_webhook_endpoint_concurrency: args['endpoint-concurrency'] ?? 'default',
    },
    targets: TARGETS,
    met,
    result,
  };
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(args.out, `${JSON.stringify(report, null, 2)}\n`);
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  process.stdout.write(
    [
      '',
      `| Figure | Value | Target |`,
      `|---|---:|---|`,
      `| Deliveries per second (offered ${RATE * ENDPOINTS}) | ${result.deliveries_per_second} | ≥ ${TARGETS.deliveries_per_second}: ${verdict(met.deliveries_per_second)} |`,
      `| Commit → receipt p50 / p99 / max | ${result.latency_ms.p50} / ${result.latency_ms.p99} / ${result.latency_ms.max} ms | p99 ≤ ${TARGETS.p99_ms} ms: ${verdict(met.p99_ms)} |`,
      `| Lost / still queued at the end (of ${expected}) | ${result.lost} / ${backlog} | ${TARGETS.lost} lost, all delivered: ${verdict(met.lost)} |`,
      `| Duplicates / invalid signatures | ${result.duplicates} / ${result.invalid_signatures} | |`,
      `| Worker CPU per delivery / share of one core | ${result.worker_cpu_ms_per_delivery} ms / ${result.worker_cpu_share} | |`,
      `| Bench process (committer + receiver): share of one core, event-loop delay p99 | ${result.bench_process_cpu_share} / ${result.bench_event_loop_delay_ms.p99} ms | |`,
      '',
      `- results: ${path.relative(ROOT, args.out)} (commit ${report.commit.slice(0, 12)}, load average ${loadAtStart.join(' ')} at start)`,
      '',
    ].join('\n'),
  );
}

main()
  .then(cleanup, async (err) => {
    await cleanup();
    throw err;
  })
  .then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
