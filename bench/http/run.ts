import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
/**
 * HTTP bench: the API's authenticated routes against a bare Fastify route and
 * a minimal hand-written handler doing the same work, in one run on one machine.
 *
 *   node --import tsx bench/http/run.ts [--duration 10] [--warmup 2] [--connections 100]
 *        [--redis | --memory] [--only name,name] [--profile DIR] [--out bench/results/http.json]
 *
 * Every server runs in its own child process; autocannon runs here, one
 * scenario at a time. The run makes and drops its own database. See bench/README.md.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DEFAULT_ARGON2_PARAMS, measureHashCost, type Argon2Params } from '../../src/domain/auth/password-hasher.js';
import { ConfigSchema, loadConfig } from '../../src/platform/config.js';
import { migrateUp } from '../../src/platform/migrations.js';
import { measure, type CpuProbe, type LoadOptions, type Probes } from './load.js';
import { cpuTimeMs, freePort, redisReachable, startChild, stopChild, waitForHttp, waitForReady, type Child } from './processes.js';
import { summariseProfile, formatSummary } from './profile-summary.js';
import { cpuPerRequest, judge, markdownTable, type ScenarioResult } from './report.js';
import { GROUPS, type ApiCall, type BenchContext, type Scenario, type ServerName } from './scenarios.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAN = 'enterprise';
const RAISED_LIMIT = 100_000_000;
const REGISTRATIONS_PER_IP = 1_000_000;
const LOGINS = 5;
const HASHES = 10;
const POOL_MAX = loadConfig({}).DATABASE_POOL_MAX;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '100' },
    redis: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    'redis-url': { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    only: { type: 'string' },
    'quiet-wait': { type: 'string', default: '0' },
    profile: { type: 'string' },
    out: { type: 'string', default: path.join(ROOT, 'bench/results/http.json') },
  },
});

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${text}"`);
  return n;
}

const load: LoadOptions = {
  durationSeconds: positive('duration', args.duration),
  warmupSeconds: positive('warmup', args.warmup),
  connections: Math.round(positive('connections', args.connections)),
};
const only = args.only ? new Set(args.only.split(',').map((s) => s.trim())) : null;

const log = (message: string) => process.stderr.write(`[bench:http] ${message}\n`);

// Everything started here is stopped by cleanup(), whatever way the run ends.
const children: Child[] = [];
let admin: pg.Client | null = null;
let databaseName: string | null = null;
let dataDir: string | null = null;
let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const child of children.reverse()) {
      const code = await stopChild(child, 15_000);
      if (code !== 0) log(`${child.name} exited with ${code}`);
    }
    if (admin && databaseName) {
      await admin
        .query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
        .catch((err) => log(`could not drop ${databaseName}: ${err.message}`));
    }
    await admin?.end().catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

/** The commit the run measured, and whether src/ or bench/http had changes not in it (then the figures are of those changes). */
function measuredCode(): { commit: string | null; uncommitted_changes: boolean | null } {
  const git = (...gitArgs: string[]): string | null => {
    try {
      return execFileSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const status = git('status', '--porcelain', '--', 'src', 'bench/http');
  return { commit: git('rev-parse', 'HEAD'), uncommitted_changes: status === null ? null : status !== '' };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memory_gib: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    date: new Date().toISOString(),
    loadavg_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function apiClient(baseUrl: string): ApiCall {
  return async (method, p, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
    if (opts.apiKey) headers['x-api-key'] = opts.apiKey;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${p}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON; the text is kept for the message.
    }
    return { status: res.status, json, text };
  };
}

/** The environment of the API child: ours, minus every setting the service reads, plus the bench's. */
function apiEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(ConfigSchema.properties)) delete env[key];
  return { ...env, ...settings };
}

async function loginCost(api: ApiCall, email: string, password: string) {
  const config = loadConfig({});
  const params: Argon2Params = {
    memoryCost: config.ARGON2_MEMORY_KIB,
    timeCost: config.ARGON2_TIME_COST,
    parallelism: DEFAULT_ARGON2_PARAMS.parallelism,
  };
  const hashMs = await measureHashCost(params, HASHES);
  const warm = await api('POST', '/api/auth/login', { body: { email, password } });
  if (warm.status !== 200) throw new Error(`POST /api/auth/login answered ${warm.status}: ${warm.text}`);
  const loginsMs: number[] = [];
  for (let i = 0; i < LOGINS; i++) {
    const start = performance.now();
    const res = await api('POST', '/api/auth/login', { body: { email, password } });
    loginsMs.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`POST /api/auth/login answered ${res.status}: ${res.text}`);
  }
  const sorted = [...loginsMs].sort((a, b) => a - b);
  return {
    argon2id: {
      memory_kib: params.memoryCost,
      time_cost: params.timeCost,
      parallelism: params.parallelism,
      source: 'config defaults (ARGON2_MEMORY_KIB, ARGON2_TIME_COST)',
    },
    hash_ms_mean: hashMs,
    hash_samples: HASHES,
    login_ms: loginsMs,
    login_ms_median: sorted[Math.floor(sorted.length / 2)],
    login_ms_max: sorted[sorted.length - 1],
    note: `measureHashCost(params, ${HASHES}) in the bench process; then ${LOGINS} sequential POST /api/auth/login (after one warm-up login) on an idle API`,
  };
}

/** Waits up to `seconds` for the 1-minute load average to fall below the core count; says how it went. */
async function waitForQuiet(seconds: number): Promise<string> {
  const cores = os.cpus().length;
  const deadline = Date.now() + seconds * 1000;
  while (os.loadavg()[0] >= cores && Date.now() < deadline) await sleep(5_000);
  const now = os.loadavg()[0].toFixed(2);
  return os.loadavg()[0] < cores
    ? `load average ${now} < ${cores} cores`
    : `still ${now} after waiting ${seconds} s: other work shares this machine`;
}

async function main(): Promise<number> {
  const startedAt = performance.now();
  const quietWait = Number(args['quiet-wait']);
  const quiet = quietWait > 0 ? await waitForQuiet(quietWait) : null;
  if (quiet) log(`quiet wait: ${quiet}`);
  const machineInfo = machine();
  const notes: string[] = [];
  const configurationChanges: string[] = [];

  // 1. A fresh database with raised plan limits.
  admin = new pg.Client({ connectionString: args['pg-url'] });
  await admin.connect();
  databaseName = `bench_http_${Date.now()}_${process.pid}`;
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const dbUrl = new URL(args['pg-url']);
  dbUrl.pathname = `/${databaseName}`;
  const databaseUrl = dbUrl.href;
  log(`database ${databaseName}: migrating`);
  const applied = await migrateUp(databaseUrl);
  const bench = new pg.Client({ connectionString: databaseUrl });
  await bench.connect();
  let migrated: { requests_per_minute: number; compute_per_minute: number };
  try {
    const { rows } = await bench.query('SELECT requests_per_minute, compute_per_minute FROM plans WHERE code = $1', [PLAN]);
    if (rows.length !== 1) throw new Error(`plan ${PLAN} not found`);
    migrated = rows[0];
    await bench.query('UPDATE plans SET requests_per_minute = $1, compute_per_minute = $1 WHERE code = $2', [RAISED_LIMIT, PLAN]);
  } finally {
    await bench.end();
  }
  configurationChanges.push(
    `plans.requests_per_minute and plans.compute_per_minute of '${PLAN}' raised from ${migrated.requests_per_minute} and ${migrated.compute_per_minute} (as migrated) to ${RAISED_LIMIT}: per tenant per minute, the migrated limits would turn a 10 s run into 429s`,
    `REGISTRATIONS_PER_IP_PER_HOUR=${REGISTRATIONS_PER_IP} (default ${loadConfig({}).REGISTRATIONS_PER_IP_PER_HOUR}; the counter is shared through Redis by repeated runs within the hour)`,
  );

  // 2. The API, on Redis when asked for or reachable, else on the in-memory store.
  const redisUp = await redisReachable(args['redis-url']);
  if (args.redis && !redisUp) throw new Error(`--redis: no Redis answers at ${args['redis-url']}`);
  const useRedis = !args.memory && redisUp;
  const store = useRedis
    ? { kind: 'redis', url: args['redis-url'], why: args.redis ? '--redis' : 'reachable, so used by default' }
    : { kind: 'memory', url: null, why: args.memory ? '--memory' : `no Redis at ${args['redis-url']}` };
  log(`store: ${store.kind} (${store.why})`);

  dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-http-'));
  const apiPort = await freePort();
  const settings: Record<string, string> = {
    NODE_ENV: 'production',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    REGISTRATIONS_PER_IP_PER_HOUR: String(REGISTRATIONS_PER_IP),
    SHUTDOWN_GRACE_MS: '5000',
  };
  if (store.url) settings.REDIS_URL = store.url;
  const nodeFlags: string[] = [];
  if (args.profile) {
    await mkdir(args.profile, { recursive: true });
    nodeFlags.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`);
  }
  const apiSpawnedAt = performance.now();
  const apiChild = startChild('api', [...nodeFlags, 'bin/catalytic.mjs', 'api'], apiEnv(settings), ROOT);
  children.push(apiChild);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitForHttp(apiChild, `${apiUrl}/health/ready`, 90_000);
  log(`api ready on ${apiUrl}`);
  const api = apiClient(apiUrl);

  // 3. The bench user, on the enterprise plan.
  const email = `bench-${Date.now()}@example.com`;
  const password = 'Quartz-Meridian-7731';
  const reg = await api('POST', '/api/auth/register', {
    body: { email, password, name: 'HTTP Bench', company_name: 'HTTP Bench', plan_code: PLAN },
  });
  if (reg.status !== 201) throw new Error(`POST /api/auth/register answered ${reg.status}: ${reg.text}`);
  const registered = reg.json as { access_token: string; tenant_id: string; user_id: string; plan_code: string };
  if (registered.plan_code !== PLAN) throw new Error(`registered on plan ${registered.plan_code}, not ${PLAN}`);

  log('login cost');
  const login = await loginCost(api, email, password);

  const ctx: BenchContext = {
    urls: { api: apiUrl, bare: '', reference: '' },
    accessToken: registered.access_token,
    referenceToken: '',
    tenantId: registered.tenant_id,
    userId: registered.user_id,
  };

  // 4. Group fixtures (API keys, lattices); a missing route skips its group.
  const skippedGroups = new Map<string, string>();
  for (const group of GROUPS) {
    const reason = group.prepare ? await group.prepare(ctx, api) : null;
    if (reason) {
      skippedGroups.set(group.name, reason);
      notes.push(`${group.name}: skipped, ${reason}`);
      log(`${group.name}: skipped (${reason})`);
    }
  }
  if (!skippedGroups.has('lattices')) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT shape, boundary, obstacles, metadata, legacy, vertices, edges, implicit_bytes, explicit_csr_bytes FROM lattices WHERE tenant_id = $1 LIMIT 1',
        [ctx.tenantId],
      );
      const r = rows[0];
      ctx.latticeTemplate = {
        ...r,
        shape: r.shape.map(Number),
        vertices: Number(r.vertices),
        edges: Number(r.edges),
        implicit_bytes: Number(r.implicit_bytes),
      };
    } finally {
      await client.end();
    }
  }

  // 5. The peers, each in its own process.
  const bare = startChild(
    'bare',
    ['--import', 'tsx', 'bench/http/bare-server.ts'],
    { ...process.env, PORT: String(await freePort()) },
    ROOT,
  );
  children.push(bare);
  const reference = startChild(
    'reference',
    ['--import', 'tsx', 'bench/http/reference-server.ts'],
    {
      ...process.env,
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      POOL_MAX: String(POOL_MAX),
      BENCH_TENANT_ID: ctx.tenantId,
      BENCH_USER_ID: ctx.userId,
      ...(ctx.latticeTemplate ? { BENCH_LATTICE_TEMPLATE: JSON.stringify(ctx.latticeTemplate) } : {}),
    },
    ROOT,
  );
  children.push(reference);
  const bareReady = await waitForReady(bare, 60_000);
  const refReady = await waitForReady(reference, 60_000);
  ctx.urls.bare = `http://127.0.0.1:${bareReady.port}`;
  ctx.urls.reference = `http://127.0.0.1:${refReady.port}`;
  ctx.referenceToken = String(refReady.token);

  // 6. The scenarios, one at a time, with the CPU of whichever server is under load and of the database's backends.
  const servers: Record<ServerName, Child> = { api: apiChild, bare, reference };
  const probeDb = new pg.Client({ connectionString: databaseUrl });
  await probeDb.connect();
  const postgresProbe: CpuProbe = async () => {
    const { rows } = await probeDb.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return cpuOf(rows.map((r) => r.pid));
  };
  const scenarios: Scenario[] = [];
  const results: ScenarioResult[] = [];
  for (const group of GROUPS) {
    for (const s of group.scenarios(ctx)) {
      if (only && !only.has(s.name)) continue;
      scenarios.push(s);
      const base: ScenarioResult = {
        name: s.name,
        title: s.title,
        server: s.server,
        request: `${s.method} ${s.path}`,
        status: 'ran',
        targets: [],
        pass: null,
      };
      const skipped = skippedGroups.get(group.name);
      if (skipped) {
        results.push({ ...base, status: 'skipped', reason: skipped });
        continue;
      }
      const probeOf =
        (name: ServerName): CpuProbe =>
        () =>
          cpuOf([servers[name].process.pid!]);
      const idle = Object.fromEntries((Object.keys(servers) as ServerName[]).filter((n) => n !== s.server).map((n) => [n, probeOf(n)]));
      results.push(
        await runScenario(s, base, ctx.urls[s.server], ctx, databaseUrl, { server: probeOf(s.server), postgres: postgresProbe, idle }),
      );
    }
  }
  await probeDb.end();
  judge(results, scenarios);

  // 7. Profile, when asked for: the API must exit cleanly for V8 to write it.
  let profile: { files: string[]; summary: string } | undefined;
  if (args.profile) {
    const code = await stopChild(apiChild, 15_000);
    log(`api exited (${code}); reading its CPU profile`);
    const dir = path.resolve(args.profile);
    // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread, where requests run.
    const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
    const main = files.find((f) => path.basename(f).includes(`.${apiChild.process.pid}.0.`));
    // Only the measured runs of API scenarios: not start-up, not the peers' runs (the API idles then).
    const windows = results
      .filter((r) => r.server === 'api' && r.measurement)
      .map((r) => ({ from: r.measurement!.window.from - apiSpawnedAt, to: r.measurement!.window.to - apiSpawnedAt }));
    profile = { files, summary: main ? formatSummary(await summariseProfile(main, windows), 40) : 'no main-thread .cpuprofile written' };
  }

  const table = markdownTable(results);
  const authenticatedReads = results.filter((r) => r.name === 'auth-me' || r.name === 'tenant-current-api-key');
  const report = {
    bench: 'http',
    command: `node --import tsx bench/http/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
    code: measuredCode(),
    machine: { ...machineInfo, loadavg_at_end: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    setup: {
      connections: load.connections,
      duration_s: load.durationSeconds,
      warmup_s: load.warmupSeconds,
      load_generator: 'autocannon 9 (programmatic, in the bench process, one scenario at a time)',
      quiet_wait: quiet,
      store,
      database: `fresh database ${databaseName}, migrations ${applied.join(', ')}; dropped at the end`,
      api: `node bin/catalytic.mjs api (NODE_ENV=production, LOG_LEVEL=warn, DATABASE_POOL_MAX=${POOL_MAX})${args.profile ? ' with --cpu-prof' : ''}`,
      reference: `bench/http/reference-server.ts: jose jwtVerify (EdDSA, no cache) + one statement on a pg Pool (max ${POOL_MAX}) as the database owner, so no RLS and no transaction`,
      bare: 'bench/http/bare-server.ts: Fastify 5, logger off, one route returning a small JSON object',
      configuration_changes: configurationChanges,
    },
    scenarios: results,
    login,
    summary: {
      authenticated_reads_pass: authenticatedReads.length > 0 && authenticatedReads.every((r) => r.pass === true),
      all_run_pass: results.filter((r) => r.status !== 'skipped').every((r) => r.pass === true),
      skipped: results.filter((r) => r.status === 'skipped').map((r) => `${r.name}: ${r.reason}`),
    },
    notes,
    profile,
    wall_s: Math.round((performance.now() - startedAt) / 100) / 10,
  };
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(args.out, `${JSON.stringify(report, null, 2)}\n`);

  const out: string[] = [
    `## HTTP bench — ${machineInfo.cpu_model}, ${machineInfo.cores} cores, Node ${machineInfo.node}, ${machineInfo.date}, commit ${report.code.commit ?? 'unknown'}${report.code.uncommitted_changes ? ' with uncommitted changes' : ''}`,
    '',
    `${load.connections} connections, ${load.warmupSeconds} s warm-up + ${load.durationSeconds} s measured per scenario; store: ${store.kind} (${store.why}); load average at start ${machineInfo.loadavg_at_start.join(' ')}`,
    '',
    table,
    '',
    `Ratios are this scenario ÷ the other: req/s (higher is better), p99 (lower is better).`,
    '',
    `Login: argon2id m=${login.argon2id.memory_kib} KiB, t=${login.argon2id.time_cost}, p=${login.argon2id.parallelism}: ${login.hash_ms_mean.toFixed(1)} ms per hash (mean of ${HASHES}); POST /api/auth/login ${login.login_ms.map((x) => x.toFixed(1)).join(', ')} ms (median ${login.login_ms_median.toFixed(1)}).`,
    '',
    'Configuration changes for this run:',
    ...configurationChanges.map((c) => `- ${c}`),
    ...(notes.length > 0 ? ['', 'Notes:', ...notes.map((n) => `- ${n}`)] : []),
    '',
    `Authenticated reads ${report.summary.authenticated_reads_pass ? 'PASS' : 'FAIL'} (≥ 10 000 req/s, p99 ≤ 50 ms, zero errors). JSON: ${path.relative(ROOT, args.out)}. Wall time ${report.wall_s} s.`,
  ];
  if (profile) out.push('', '### API CPU profile', '', '```', profile.summary, '```');
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

async function cpuOf(pids: number[]): Promise<Map<number, number>> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    const ms = await cpuTimeMs(pid);
    if (ms !== null) used.set(pid, ms);
  }
  return used;
}

async function runScenario(
  s: Scenario,
  base: ScenarioResult,
  baseUrl: string,
  ctx: BenchContext,
  databaseUrl: string,
  probes: Probes,
): Promise<ScenarioResult> {
  const call = apiClient(baseUrl);
  const headers = s.headers;
  const probe = await call(s.method, s.path, {
    bearer: headers.authorization?.replace(/^Bearer /, ''),
    apiKey: headers['x-api-key'],
    body: s.body,
  });
  let result: ScenarioResult;
  if (probe.status === 404 && s.server === 'api') {
    result = { ...base, status: 'skipped', reason: `${s.method} ${s.path} answered 404: route not present` };
  } else if (probe.status !== s.expectStatus) {
    result = {
      ...base,
      status: 'failed',
      reason: `first request answered ${probe.status}, expected ${s.expectStatus}: ${probe.text.slice(0, 200)}`,
    };
  } else {
    const loadAtStart = Math.round(os.loadavg()[0] * 100) / 100;
    log(`${s.name}: ${load.warmupSeconds} s warm-up + ${load.durationSeconds} s (load average ${loadAtStart})`);
    const measurement = await measure(baseUrl, s, load, probes);
    log(
      `${s.name}: ${Math.round(measurement.rps_mean)} req/s, p99 ${measurement.latency_p99_ms} ms, non-2xx ${measurement.non2xx}, errors ${measurement.errors}, CPU ${Math.round(cpuPerRequest(measurement))} µs/req`,
    );
    result = { ...base, measurement, loadavg_1m: loadAtStart };
  }
  if (s.resetSql) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(s.resetSql, [ctx.tenantId]);
    } finally {
      await client.end();
    }
  }
  await sleep(500);
  return result;
}

// Bounded: a hung child or a stuck load run cannot keep the machine busy for long.
const watchdog = setTimeout(
  () => {
    log('watchdog: the run took too long; cleaning up');
    cleanup().finally(() => process.exit(124));
  },
  (240 + 12 * (load.durationSeconds + load.warmupSeconds + 5)) * 1000,
);
watchdog.unref();

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
} finally {
  await cleanup();
}
process.exit(exitCode);
