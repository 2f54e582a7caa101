import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Daemon, type Fleet, startFleet, startHaproxy, startRedis } from '../../bench/deploy/fleet.js';
import { ROOT } from '../../bench/deploy/cli.js';
import { freePort } from '../../bench/deploy/processes.js';
import { latticeMix, startSteadyLoad } from '../../bench/deploy/steady-load.js';
import { WORKER_HEARTBEAT_FILE } from '../../src/cli/main.js';
import * as fields from '../../src/domain/lattices/field-repository.js';
import { checksum, createLattice, materializeField } from '../../src/engine/index.js';
import { Database } from '../../src/platform/database.js';
import { createTestDatabase } from '../support/test-database.js';

/*
 * Two API processes and two workers on one PostgreSQL and one Redis, behind
 * HAProxy: the deployment of deploy/compose.yaml, on one machine. Each
 * process is a real `catalytic api` / `catalytic worker` started from the CLI.
 */

let workDir: string;
let database: { url: string; drop(): Promise<void> };
let redis: Daemon | null = null;
let fleet: Fleet;
let proxy: Daemon;
let db: Database;

interface Answer {
  status: number;
  body: ReturnType<typeof JSON.parse>;
}

async function call(port: number, method: string, urlPath: string, token?: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function register(port: number, tag: string): Promise<{ token: string; tenantId: string }> {
  const res = await call(port, 'POST', '/api/v1/auth/register', undefined, {
    email: `${tag}-${Date.now().toString(36)}@example.com`,
    password: 'Fleet-Lattice-2048',
    plan_code: 'enterprise',
    company_name: `Fleet ${tag}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { token: res.body.access_token, tenantId: res.body.tenant_id };
}

async function waitJobs(port: number, token: string, ids: string[], timeoutMs: number): Promise<Record<string, string>> {
  const deadline = Date.now() + timeoutMs;
  const status: Record<string, string> = {};
  while (Date.now() < deadline) {
    for (const id of ids) {
      if (status[id] === 'succeeded' || status[id] === 'failed') continue;
      status[id] = (await call(port, 'GET', `/api/v1/jobs/${id}`, token)).body.status;
    }
    if (ids.every((id) => status[id] === 'succeeded' || status[id] === 'failed')) break;
    await sleep(250);
  }
  return status;
}

/** Each job ran exactly once: one attempt, one operation row, whichever worker took it. */
async function runsPerJob(ids: string[]): Promise<{ attempts: number[]; operationRows: number[] }> {
  const { rows } = await db.systemQuery<{ id: string; attempts: number; operations: string }>(
    `SELECT j.id, j.attempts, (SELECT count(*) FROM lattice_operations o WHERE o.job_id = j.id) AS operations
     FROM jobs j WHERE j.id = ANY($1::uuid[]) ORDER BY j.id`,
    [ids],
  );
  expect(rows).toHaveLength(ids.length);
  return { attempts: rows.map((r) => r.attempts), operationRows: rows.map((r) => Number(r.operations)) };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'catalytic-fleet-'));
  database = await createTestDatabase();
  // One Redis for the fleet: the suite's, or (on the embedded defaults) a private redis-server.
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    redis = await startRedis();
    redisUrl = `redis://127.0.0.1:${redis.port}`;
  }
  fleet = await startFleet({ databaseUrl: database.url, redisUrl, apis: 2, workers: 2, workDir });
  proxy = await startHaproxy(
    fleet.apis.map((a) => a.port),
    workDir,
  );
  db = new Database(database.url, 2);
}, 180_000);

afterAll(async () => {
  await proxy?.stop();
  await fleet?.stop();
  await redis?.stop();
  await db?.close();
  await database?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('a fleet of two API processes and two workers', () => {
  it('passes the container health probes: the API liveness route, each worker heartbeat', async () => {
    const probe = (args: string[], env: Record<string, string> = {}) =>
      new Promise<number | null>((resolve) =>
        execFile(process.execPath, [path.join(ROOT, 'bin/healthcheck.mjs'), ...args], { env: { ...process.env, ...env } }, (err) =>
          resolve(err ? ((err as { code?: number }).code ?? 1) : 0),
        ),
      );
    for (const api of fleet.apis) expect(await probe([], { PORT: String(api.port) }), api.name).toBe(0);
    for (const worker of fleet.workers) {
      const file = path.join(workDir, worker.name, WORKER_HEARTBEAT_FILE);
      expect(await probe(['--heartbeat', file, '--max-age', '30']), worker.name).toBe(0);
    }
    // And they fail when they should: no process on the port, no heartbeat.
    expect(await probe([], { PORT: String(await freePort()) })).toBe(1);
    expect(await probe(['--heartbeat', path.join(workDir, 'no-such-worker.heartbeat')])).toBe(1);
  });

  it(
    'concurrent writes from both API nodes: no lost update, no double-claimed job, exact usage counters',
    { timeout: 120_000 },
    async () => {
      const [a, b] = fleet.apis.map((m) => m.port);
      const { token, tenantId } = await register(a, 'consistency');
      const created = await call(b, 'POST', '/api/v1/lattices', token, { shape: [16, 16], name: 'shared' });
      expect(created.status).toBe(201);
      const id = created.body.id;

      // 30 read-modify-write transforms of one lattice, half through each node, all at once.
      const transforms = 30;
      const answers = await Promise.all(
        Array.from({ length: transforms }, (_, i) =>
          call(i % 2 ? a : b, 'POST', `/api/v1/lattices/${id}/transform`, token, {
            transformation_type: 'scale',
            parameters: { factor: 2 },
          }),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(transforms).fill(200));
      // Every version from 2 to 31 handed out once: no two writers built on the same version.
      expect(answers.map((r) => r.body.version).sort((x, y) => x - y)).toEqual(Array.from({ length: transforms }, (_, i) => i + 2));
      for (const port of [a, b]) expect((await call(port, 'GET', `/api/v1/lattices/${id}`, token)).body.version).toBe(transforms + 1);
      const expected = materializeField(createLattice({ shape: [16, 16] })).map((v) => v * 2 ** transforms);
      const stored = await db.systemTransaction((tx) => fields.load(tx, id, transforms + 1));
      expect(checksum(stored!)).toBe(checksum(expected));

      // 24 jobs accepted by both nodes, taken by two workers racing for them.
      const accepted = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          call(i % 2 ? a : b, 'POST', `/api/v1/lattices/${id}/random-walk?async=true`, token, { walkers: 200, steps: 200, seed: i }),
        ),
      );
      expect(accepted.map((r) => r.status)).toEqual(Array(24).fill(202));
      const jobIds = accepted.map((r) => r.body.job_id as string);
      const status = await waitJobs(a, token, jobIds, 90_000);
      expect(Object.values(status)).toEqual(Array(24).fill('succeeded'));
      const runs = await runsPerJob(jobIds);
      expect(runs.attempts).toEqual(Array(24).fill(1));
      expect(runs.operationRows).toEqual(Array(24).fill(1));

      // Usage: every compute operation counted once, whichever node took it, live and once flushed.
      const operations = transforms + 24;
      for (const port of [a, b])
        expect((await call(port, 'GET', '/api/v1/tenants/usage', token)).body.usage.operations.used, `node ${port}`).toBe(operations);
      await sleep(2500);
      const { rows } = await db.systemQuery<{ count: string }>(
        `SELECT count FROM usage_counters WHERE tenant_id = $1 AND metric = 'operations'`,
        [tenantId],
      );
      expect(Number(rows[0].count)).toBe(operations);
    },
  );

  it('rolls the API processes one at a time under steady load through HAProxy without a failed request', { timeout: 150_000 }, async () => {
    const tenants = await Promise.all([0, 1, 2, 3].map((i) => register(proxy.port, `roll-${i}`)));
    const lattices = await Promise.all(
      tenants.map(async (t) => (await call(proxy.port, 'POST', '/api/v1/lattices', t.token, { shape: [12, 12] })).body.id as string),
    );
    const load = startSteadyLoad(
      `http://127.0.0.1:${proxy.port}`,
      latticeMix(tenants.map((t, k) => ({ token: t.token, lattice: lattices[k], side: 12 }))),
      { ratePerSecond: 60, concurrency: 6, maxSeconds: 120 },
    );
    await sleep(1000);
    const restarts = await fleet.rollApis();
    const report = await load.stop();
    console.info(`rolling API restart: ${JSON.stringify({ ...report, restarts })}`);
    expect(restarts.map((r) => r.exitCode)).toEqual([0, 0]);
    expect(report.failures).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.requests).toBeGreaterThan(200);
  });

  it('rolls the workers one at a time with jobs in flight: every job runs to completion exactly once', { timeout: 150_000 }, async () => {
    const [a, b] = fleet.apis.map((m) => m.port);
    const { token } = await register(a, 'worker-roll');
    const id = (await call(a, 'POST', '/api/v1/lattices', token, { shape: [24, 24] })).body.id;
    // Transforms change the lattice: a job that ran twice would show as an extra version.
    const jobs = 16;
    const accepted = [];
    for (let i = 0; i < jobs; i++)
      accepted.push(
        await call(i % 2 ? a : b, 'POST', `/api/v1/lattices/${id}/transform?async=true`, token, {
          transformation_type: 'scale',
          parameters: { factor: 2 },
        }),
      );
    expect(accepted.map((r) => r.status)).toEqual(Array(jobs).fill(202));
    const slow = [];
    for (let i = 0; i < 8; i++)
      slow.push(await call(b, 'POST', `/api/v1/lattices/${id}/random-walk?async=true`, token, { walkers: 2000, steps: 2000, seed: i }));
    const { rows: pending } = await db.systemQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'running')`,
      [[...accepted, ...slow].map((r) => r.body.job_id)],
    );
    // Not vacuous: the workers are stopped with work still to do.
    expect(pending[0].n).toBeGreaterThan(0);
    const restarts = [];
    for (const member of fleet.workers) restarts.push(await fleet.restart(member));
    expect(restarts.map((r) => r.exitCode)).toEqual([0, 0]);

    const jobIds = [...accepted, ...slow].map((r) => r.body.job_id as string);
    const status = await waitJobs(a, token, jobIds, 120_000);
    expect(Object.values(status)).toEqual(Array(jobIds.length).fill('succeeded'));
    expect((await call(a, 'GET', `/api/v1/lattices/${id}`, token)).body.version).toBe(jobs + 1);
    const runs = await runsPerJob(jobIds);
    expect(runs.operationRows).toEqual(Array(jobIds.length).fill(1));
  });
});
