import { randomBytes } from 'node:crypto';
/**
 * API operations bench: the same path and distance-field operations on 3-D
 * 100³ lattices, (a) through HTTP against `catalytic api` in a child process
 * and (b) on the engine in this process, one run on one machine.
 *
 *   node --import tsx bench/api-ops/run.ts [--runs 15] [--warmup 10] [--redis]
 *        [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--out bench/results/api-ops.json]
 *
 * Requests are sequential, forced synchronous (`?async=false`, with the sync
 * threshold raised for the child), and each run uses parameters no earlier run
 * used, so every answer is computed, never served from the knowledge cache.
 * The run makes and drops its own database. See bench/api-ops/README.md.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createEngine, createLattice, indexOf, isBlocked, type Lattice, type LatticeDefinition } from '../../src/engine/index.js';
import { ConfigSchema } from '../../src/platform/config.js';
import { migrateUp } from '../../src/platform/migrations.js';
import { describeMachine } from '../../load/machine.js';
import { jsonCaller } from '../http/json-caller.js';
import { freePort, redisReachable, startChild, stopChild, waitForHttp, type Child } from '../http/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAN = 'enterprise';
const RAISED_LIMIT = 100_000_000;
// The enterprise plan's materialisation limit: the engine runs get the budget the API passes.
const BUDGET = 1_000_000_000;
const SYNC_MAX_WORK = 1e15;
const TARGET_RATIO = 1.2;
const TARGET_FROM_MS = 10;
const SETTLE_MS = 50;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '10' },
    redis: { type: 'boolean', default: false },
    'redis-url': { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    out: { type: 'string', default: path.join(ROOT, 'bench/results/api-ops.json') },
  },
});
const RUNS = Math.max(10, Number(args.runs));
const WARMUP = Math.max(0, Number(args.warmup));

const log = (message: string) => process.stderr.write(`[bench:api-ops] ${message}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Scenario {
  name: string;
  lattice: 'open' | 'obstacles';
  op: 'path' | 'distances';
  /** Request body of run i (distinct per i, so no run is a cache hit). */
  body(i: number): Record<string, unknown>;
  /** The engine's parameters for the same body. */
  params(body: Record<string, unknown>): Record<string, unknown>;
  /** The members of an answer (HTTP body or engine result) that must agree between the two. */
  digest(answer: Record<string, unknown>): unknown[];
}

const LATTICES: Record<Scenario['lattice'], LatticeDefinition> = {
  open: { shape: [100, 100, 100] },
  obstacles: { shape: [100, 100, 100], obstacles: { density: 0.1, seed: 7 } },
};

/**
 * A free vertex at or after `c` along the last axis, never one handed out
 * before: obstacle lattices block a tenth of the vertices, and two runs with
 * equal parameters would make the second a cache hit.
 */
function freeVertex(l: Lattice, used: Set<string>): (c: number[]) => number[] {
  return (c) => {
    const v = [...c];
    const last = v.length - 1;
    while (isBlocked(l, indexOf(l, v)) || used.has(v.join(','))) v[last] = (v[last] + 1) % l.shape[last];
    used.add(v.join(','));
    return v;
  };
}

function scenarios(engine: Record<Scenario['lattice'], Lattice>): Scenario[] {
  const pathParams = (b: Record<string, unknown>) => ({ start: b.start, end: b.end, algorithm: b.algorithm ?? 'auto' });
  const pathDigest = (a: Record<string, unknown>) => [a.hops, a.reachable, a.visited];
  const fieldDigest = (a: Record<string, unknown>) => [a.reached, a.max_distance, a.mean_distance];
  const free = freeVertex(engine.obstacles, new Set());
  return [
    {
      name: 'path, closed form (open 100³)',
      lattice: 'open',
      op: 'path',
      body: (i) => ({ start: [i, 0, 0], end: [99 - i, 99, 99] }),
      params: pathParams,
      digest: pathDigest,
    },
    {
      name: 'path, BFS (open 100³)',
      lattice: 'open',
      op: 'path',
      body: (i) => ({ start: [i, 0, 0], end: [99, 99 - i, 99], algorithm: 'bfs' }),
      params: pathParams,
      digest: pathDigest,
    },
    {
      name: 'path, A* (100³, 10 % obstacles)',
      lattice: 'obstacles',
      op: 'path',
      body: (i) => ({ start: free([i, 0, 0]), end: free([99 - i, 99, 99]) }),
      params: pathParams,
      digest: pathDigest,
    },
    {
      name: 'distances, 1 source (open 100³)',
      lattice: 'open',
      op: 'distances',
      body: (i) => ({ sources: [[i, i, i]] }),
      params: (b) => ({ sources: b.sources }),
      digest: fieldDigest,
    },
    {
      name: 'distances, BFS (100³, 10 % obstacles)',
      lattice: 'obstacles',
      op: 'distances',
      body: (i) => ({ sources: [free([i, 50, 50])] }),
      params: (b) => ({ sources: b.sources }),
      digest: fieldDigest,
    },
  ];
}

const cleanups: (() => Promise<void>)[] = [];
// An engine built as the API process builds its own (same routing), run in this process.
const direct = createEngine();
async function cleanup(): Promise<void> {
  for (const fn of cleanups.reverse()) await fn().catch((err) => log(`cleanup: ${err.message}`));
  cleanups.length = 0;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

async function main(): Promise<void> {
  const notes: string[] = [];

  // Taken before anything starts, so a later edit of the checkout cannot be credited to this run.
  const startedOn = describeMachine();
  // 1. A fresh database; the bench tenant's plan gets limits no sequential run can reach.
  const admin = new pg.Client({ connectionString: args['pg-url'] });
  await admin.connect();
  cleanups.push(() => admin.end());
  const databaseName = `bench_api_ops_${Date.now()}_${process.pid}`;
  await admin.query(`CREATE DATABASE ${databaseName}`);
  cleanups.push(async () => void (await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)));
  const url = new URL(args['pg-url']);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.href;
  await migrateUp(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('UPDATE plans SET requests_per_minute = $1, compute_per_minute = $1 WHERE code = $2', [RAISED_LIMIT, PLAN]);
  await db.end();
  notes.push(
    `plans.requests_per_minute and plans.compute_per_minute of '${PLAN}' raised to ${RAISED_LIMIT} by SQL in the bench database (defaults 10 000 and 1 000 per minute)`,
    `SYNC_MAX_WORK=${SYNC_MAX_WORK} for the API child and ?async=false on every request: all answers synchronous`,
  );

  // 2. The API child.
  const useRedis = args.redis && (await redisReachable(args['redis-url']));
  if (args.redis && !useRedis) throw new Error(`--redis: no Redis answers at ${args['redis-url']}`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-api-ops-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(ConfigSchema.properties)) delete env[key];
  Object.assign(env, {
    NODE_ENV: 'production',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    SYNC_MAX_WORK: String(SYNC_MAX_WORK),
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    ...(useRedis ? { REDIS_URL: args['redis-url'] } : {}),
  });
  const api: Child = startChild('api', ['bin/catalytic.mjs', 'api'], env, ROOT);
  cleanups.push(async () => void (await stopChild(api, 10_000)));
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(api, `${base}/health/ready`, 120_000);
  log(`api ready on ${base} (store: ${useRedis ? 'redis' : 'memory'})`);

  const call = jsonCaller(base);
  const reg = await call('POST', '/api/v1/auth/register', {
    email: `bench-ops-${Date.now()}@example.com`,
    password: 'Quartz-Meridian-7731',
    company_name: 'API ops bench',
    plan_code: PLAN,
  });
  const token = reg.access_token as string;
  const ids: Record<string, string> = {};
  const engine = {} as Record<Scenario['lattice'], Lattice>;
  for (const [name, def] of Object.entries(LATTICES) as [Scenario['lattice'], LatticeDefinition][]) {
    ids[name] = (await call('POST', '/api/v1/lattices', { name: `bench ${name}`, ...def }, token)).id as string;
    engine[name] = createLattice(def);
  }

  // 3. The floor: an authenticated read of the lattice row, what every request pays before any engine work.
  const floorMs: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/lattices/${ids.open}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (i >= WARMUP) floorMs.push(performance.now() - t0);
  }
  const floor = round(median(floorMs));
  log(`floor: GET /api/v1/lattices/{id} ${floor} ms`);

  // 4. Each scenario: the engine in this process and the same bodies over HTTP.
  const rows = [];
  for (const s of scenarios(engine)) {
    const engineMs: number[] = [];
    const httpMs: number[] = [];
    const serverMs: number[] = [];
    let agree = true;
    let cached = 0;
    // Engine and HTTP runs alternate, so a change in the machine's load falls on both alike; each pauses
    // SETTLE_MS first, so the API's work after an answer (the cache's write-behind) overlaps neither.
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const body = s.body(i);
      await sleep(SETTLE_MS);
      let t0 = performance.now();
      const run = await direct.run(engine[s.lattice], s.op, s.params(body) as never, { maxMaterializedVertices: BUDGET });
      const engineTime = performance.now() - t0;
      // A digest only: holding the 4 MB distance fields would tax this process's GC, not the engine.
      const digest = JSON.stringify(s.digest(run.result as unknown as Record<string, unknown>));
      await sleep(SETTLE_MS);
      t0 = performance.now();
      const answer = await call('POST', `/api/v1/lattices/${ids[s.lattice]}/${s.op}?async=false`, body, token);
      const httpTime = performance.now() - t0;
      agree &&= JSON.stringify(s.digest(answer)) === digest;
      if (answer.cached) cached++;
      if (i < WARMUP) continue;
      engineMs.push(engineTime);
      httpMs.push(httpTime);
      serverMs.push(answer.execution_time_ms as number);
    }
    const e = median(engineMs);
    const h = median(httpMs);
    const row = {
      scenario: s.name,
      runs: RUNS,
      engine_ms_median: round(e),
      http_ms_median: round(h),
      server_engine_ms_median: round(median(serverMs)),
      ratio_to_server_engine: round(h / median(serverMs), 3),
      overhead_ms: round(h - e),
      ratio: round(h / e, 3),
      target_applies: e > TARGET_FROM_MS,
      within_target: e > TARGET_FROM_MS ? h / e <= TARGET_RATIO : null,
      answers_agree: agree,
      cached_answers: cached,
      engine_ms: engineMs.map((x) => round(x, 3)),
      http_ms: httpMs.map((x) => round(x, 3)),
    };
    rows.push(row);
    log(`${s.name}: engine ${row.engine_ms_median} ms, http ${row.http_ms_median} ms, ratio ${row.ratio}`);
  }

  // 5. Report.
  const cpus = os.cpus();
  const report = {
    bench: 'api-ops',
    date: new Date().toISOString(),
    // The code measured: HEAD, and whether the service's code had changes not in it.
    commit: startedOn.commit,
    commit_dirty: startedOn.dirty,
    machine: {
      cpu_model: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      loadavg: os.loadavg().map((x) => round(x)),
    },
    method: `${WARMUP} warm-up and ${RUNS} measured runs per scenario, sequential, engine and HTTP runs alternating with ${SETTLE_MS} ms pauses; HTTP times are wall clock in this process (fetch, keep-alive) against \`catalytic api\` in a child process; engine times are engine.run in this process with the same parameters and budget. Target: HTTP ≤ ${TARGET_RATIO}× the engine for operations over ${TARGET_FROM_MS} ms.`,
    store: useRedis ? 'redis' : 'memory',
    floor_get_lattice_ms_median: floor,
    configuration_changes: notes,
    results: rows,
  };
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(args.out, `${JSON.stringify(report, null, 2)}\n`);
  const table = [
    '| Operation | Engine median (ms) | HTTP median (ms) | Overhead (ms) | HTTP / engine | Target ≤ 1.2× | Engine time in the API (ms) | Answers agree |',
    '|---|---:|---:|---:|---:|---|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.engine_ms_median} | ${r.http_ms_median} | ${r.overhead_ms} | ${r.ratio}× | ${r.target_applies ? (r.within_target ? 'met' : 'MISSED') : 'n/a (< 10 ms)'} | ${r.server_engine_ms_median} | ${r.answers_agree && r.cached_answers === 0 ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
  const floorNote = `floor: an authenticated GET /api/v1/lattices/{id} takes ${floor} ms (median) on this machine now`;
  process.stdout.write(
    `\n${table}\n\n${[floorNote, ...notes].map((n) => `- ${n}`).join('\n')}\n- results: ${path.relative(ROOT, args.out)}\n`,
  );
}

main()
  .then(cleanup, async (err) => {
    await cleanup();
    throw err;
  })
  .then(() => direct.close())
  .then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
