/**
 * Deployment figures, measured:
 *  1. backup and restore of a database holding 10 000 lattices and 100 000
 *     operation rows, through `catalytic backup` / `catalytic restore` (the
 *     restore drill of test/deploy/backup-restore.test.ts, at size);
 *  2. p99 latency and failed requests while two API processes behind HAProxy
 *     are restarted one after the other under steady load, as
 *     test/deploy/fleet.test.ts does.
 * Writes bench/results/deploy.json with the machine, load average and commit.
 *
 *   node --import tsx bench/deploy/run.ts [--pg-url URL] [--redis-url URL] [--lattices N] [--operations N]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { buildApp } from '../../src/http/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { migrateUp } from '../../src/platform/migrations.js';
import { MemoryStore } from '../../src/platform/memory-store.js';
import { DevMailbox } from '../../src/platform/mail/dev-mailbox.js';
import { describeMachine } from '../../load/machine.js';
import { createRuntime } from '../../src/runtime.js';
import { ROOT } from './cli.js';
import { fillThroughApi, growBySql } from './dataset.js';
import { startFleet, startHaproxy, startRedis } from './fleet.js';
import { freePort, startProcess } from './processes.js';
import { withRecoveryBlock } from './report.js';
import { backupAndRestore } from './restore-drill.js';
import { latticeMix, startSteadyLoad } from './steady-load.js';

const { values: flags } = parseArgs({
  options: {
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'redis-url': { type: 'string' },
    lattices: { type: 'string', default: '10000' },
    operations: { type: 'string', default: '100000' },
  },
});

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: flags['pg-url'] });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const table of ['tenants', 'users', 'lattices', 'lattice_fields', 'lattice_operations', 'jobs', 'audit_logs']) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      out[table] = Number(rows[0].n);
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Fills a fresh database through the API, grows it by SQL to the named size, backs it up and restores it into an empty one. */
async function measureBackupRestore(workDir: string) {
  const stamp = `${Date.now().toString(36)}_${process.pid}`;
  const source = `bench_deploy_src_${stamp}`;
  const target = `bench_deploy_dst_${stamp}`;
  await admin(`CREATE DATABASE ${source}`);
  await admin(`CREATE DATABASE ${target} TEMPLATE template0`);
  try {
    const sourceUrl = withDatabase(flags['pg-url'], source);
    await migrateUp(sourceUrl);
    // The key that seals the database's secrets (signing keys, webhook secrets) is backed up apart from
    // the dump and given to the restored service, as docs/deploy.md tells operators: without it the
    // restored service cannot open its signing keys and refuses to start.
    const encryptionKey = randomBytes(32).toString('base64');
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: sourceUrl,
      ENCRYPTION_KEY: encryptionKey,
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_TIME_COST: '1',
    });
    const runtime = await createRuntime({ config, databaseUrl: sourceUrl, store: new MemoryStore(), mail: new DevMailbox() });
    const app = await buildApp(runtime.appDeps());
    await fillThroughApi(app, 10, 5);
    await app.close();
    await runtime.close();
    await growBySql(sourceUrl, Number(flags.lattices), Number(flags.operations));
    const rows = await rowCounts(sourceUrl);
    const times = await backupAndRestore(sourceUrl, withDatabase(flags['pg-url'], target), workDir);
    const targetUrl = withDatabase(flags['pg-url'], target);
    const restored = await rowCounts(targetUrl);
    if (JSON.stringify(restored) !== JSON.stringify(rows)) throw new Error(`restored rows differ: ${JSON.stringify({ rows, restored })}`);
    // The rest of the recovery time: a service started on the restored database until it is ready.
    const port = await freePort();
    const started = performance.now();
    const api = startProcess(
      'api',
      ['api'],
      {
        DATABASE_URL: targetUrl,
        ENCRYPTION_KEY: encryptionKey,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: path.join(workDir, 'restored'),
      },
      workDir,
    );
    try {
      await api.waitReady(port);
    } finally {
      await api.stop();
    }
    const serviceStart = (performance.now() - started) / 1000;
    return {
      rows,
      backup_seconds: round(times.backup_seconds),
      backup_command_seconds: round(times.backup_command_seconds),
      backup_bytes: times.backup_bytes,
      restore_seconds: round(times.restore_seconds),
      restore_command_seconds: round(times.restore_command_seconds),
      service_ready_seconds: round(serviceStart),
    };
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
    await admin(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
  }
}

/** Two APIs and one worker behind HAProxy; steady load while each API is restarted in turn. */
async function measureRollingRestart(workDir: string) {
  const database = `bench_deploy_roll_${Date.now().toString(36)}_${process.pid}`;
  await admin(`CREATE DATABASE ${database}`);
  const redis = flags['redis-url'] ? null : await startRedis();
  const redisUrl = flags['redis-url'] ?? `redis://127.0.0.1:${redis!.port}`;
  const databaseUrl = withDatabase(flags['pg-url'], database);
  await migrateUp(databaseUrl);
  const fleet = await startFleet({ databaseUrl, redisUrl, apis: 2, workers: 1, workDir });
  const proxy = await startHaproxy(
    fleet.apis.map((a) => a.port),
    workDir,
  );
  try {
    const base = `http://127.0.0.1:${proxy.port}`;
    const tenants: { token: string; lattice: string; side: number }[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${base}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `roll-${i}-${Date.now()}@example.com`, password: 'Bench-Lattice-2048', plan_code: 'enterprise' }),
      });
      const token = ((await res.json()) as { access_token: string }).access_token;
      const lattice = await fetch(`${base}/api/v1/lattices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ shape: [12, 12] }),
      });
      tenants.push({ token, lattice: ((await lattice.json()) as { id: string }).id, side: 12 });
    }
    const load = (maxSeconds: number) => startSteadyLoad(base, latticeMix(tenants), { ratePerSecond: 60, concurrency: 6, maxSeconds });
    // The same load with nothing restarting: the p99 the roll is compared with.
    const steady = await (async () => {
      const l = load(20);
      await sleep(20_000);
      return l.stop();
    })();
    const during = load(300);
    await sleep(1000);
    const restarts = await fleet.rollApis();
    const roll = await during.stop();
    return {
      method:
        '2 × `catalytic api` + 1 worker behind HAProxy 2.6 (health check GET /health/ready every 500 ms, fall 1 rise 2), SHUTDOWN_DRAIN_DELAY_MS=2000; 60 requests/s from 6 paced loops (4 in 5 GET /api/v1/lattices/:id, 1 in 5 POST …/path), keep-alive; each API gets SIGTERM, exits, is started again and must be ready before the next',
      steady: { ...steady, p50_ms: round(steady.p50_ms), p99_ms: round(steady.p99_ms), max_ms: round(steady.max_ms) },
      during_roll: { ...roll, p50_ms: round(roll.p50_ms), p99_ms: round(roll.p99_ms), max_ms: round(roll.max_ms) },
      restarts: restarts.map((r) => ({ exit_code: r.exitCode, down_seconds: round(r.downSeconds) })),
    };
  } finally {
    await proxy.stop();
    await fleet.stop();
    await redis?.stop();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

const workDir = await mkdtemp(path.join(os.tmpdir(), 'catalytic-bench-deploy-'));
try {
  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  // The code measured: HEAD, and whether the code that runs had changes not in it (results and reports do not count).
  const { commit, dirty } = describeMachine();
  console.log(`backup/restore of ${flags.lattices} lattices and ${flags.operations} operation rows ...`);
  const backupRestore = await measureBackupRestore(workDir);
  console.log(JSON.stringify(backupRestore));
  console.log('rolling restart under load ...');
  const rolling = await measureRollingRestart(workDir);
  console.log(JSON.stringify(rolling));
  const result = {
    bench: 'deploy',
    date: new Date().toISOString(),
    commit,
    commit_dirty: dirty,
    machine: {
      cpu_model: os.cpus()[0]?.model.trim(),
      cores: os.cpus().length,
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      loadavg_at_start: loadAtStart,
      loadavg_at_end: os.loadavg().map((x) => round(x, 2)),
    },
    postgres: execFileSync('pg_dump', ['--version']).toString().trim(),
    backup_restore: backupRestore,
    rolling_restart: rolling,
  };
  await writeFile(path.join(ROOT, 'bench/results/deploy.json'), `${JSON.stringify(result, null, 2)}\n`);
  const doc = path.join(ROOT, 'docs/deploy.md');
  await writeFile(doc, withRecoveryBlock(await readFile(doc, 'utf8'), result));
  console.log('wrote bench/results/deploy.json and the recovery figures of docs/deploy.md');
} finally {
  await rm(workDir, { recursive: true, force: true });
}
