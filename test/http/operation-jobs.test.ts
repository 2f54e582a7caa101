import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerHandle } from '../../src/worker/worker.js';
import { type Account, createTestApp, type TestApp, TEST_ENCRYPTION_KEY, startAppWorker } from '../support/test-app.js';
import { createLattice, get, post, run, stable, until } from './operation-fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function accepted(t: TestApp, token: string, path: string, body: unknown) {
  const res = await post(t, path, { token }, body);
  expect(res.statusCode, res.body).toBe(202);
  const { job_id, status_url, operation_id } = res.json();
  expect(status_url).toBe(`/api/v1/jobs/${job_id}`);
  expect(res.headers.location).toBe(status_url);
  expect(operation_id).toMatch(/^[0-9a-f-]{36}$/);
  return { jobId: job_id as string, operationId: operation_id as string };
}

const job = (t: TestApp, token: string, id: string) => get(t, `/jobs/${id}`, token).then((r) => r.json());

describe('operations as jobs, with a worker in this process', () => {
  let t: TestApp;
  let small: TestApp; // same database, sync threshold lowered
  let worker: WorkerHandle;
  let owner: Account;

  beforeAll(async () => {
    t = await createTestApp({ env: { QUEUE_POLL_INTERVAL_SECONDS: '0.5' } });
    small = await createTestApp({ databaseUrl: t.databaseUrl, store: t.store, env: { SYNC_MAX_WORK: '1000' } });
    worker = await startAppWorker(t);
    owner = await t.signup({ plan: 'enterprise' });
  });
  afterAll(async () => {
    await worker?.stop();
    await small?.close();
    await t?.close();
  });

  it('?async=true answers 202; the job succeeds with the result the synchronous answer gives', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [20, 20] });
    const body = { walkers: 500, steps: 200, seed: 3 };
    const { jobId, operationId } = await accepted(t, owner.accessToken, `/lattices/${id}/random-walk?async=true`, body);
    const done = await until(
      () => job(t, owner.accessToken, jobId),
      (j) => ['succeeded', 'failed'].includes(j.status),
      60_000,
    );
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, kind: 'lattice.operation', operation: 'random-walk', lattice_id: id });
    expect(done.result.operation_id).toBe(operationId);
    const sync = await run(t, owner.accessToken, id, 'random-walk', body, '?async=false');
    expect(stable(done.result)).toEqual(stable(sync));

    const history = (await get(t, `/lattices/${id}/operations`, owner.accessToken)).json().operations;
    expect(history.find((o: { id: string }) => o.id === operationId)).toMatchObject({
      status: 'succeeded',
      job_id: jobId,
      type: 'random-walk',
    });
  });

  it('a transform as a job bumps the version and records the run', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [16, 16] });
    const { jobId, operationId } = await accepted(t, owner.accessToken, `/lattices/${id}/transform?async=true`, {
      transformation_type: 'xor',
      parameters: { key: 'job' },
    });
    const done = await until(
      () => job(t, owner.accessToken, jobId),
      (j) => ['succeeded', 'failed'].includes(j.status),
      30_000,
    );
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.result).toMatchObject({ operation_id: operationId, version: 2, reversible: true });
    expect((await get(t, `/lattices/${id}`, owner.accessToken)).json().version).toBe(2);
    const history = (await get(t, `/lattices/${id}/transformations`, owner.accessToken)).json().operations;
    expect(history).toEqual([expect.objectContaining({ id: operationId, status: 'succeeded', job_id: jobId })]);
  });

  it('a large operation becomes a job without being asked; async=false then refuses it', async () => {
    const id = await createLattice(small, owner.accessToken, { shape: [30, 30] });
    const diffusion = { steps: 50, initial: 'zero', sources: [{ vertex: [15, 15], amount: 10 }] };
    const { jobId } = await accepted(small, owner.accessToken, `/lattices/${id}/diffusion`, diffusion);
    const done = await until(
      () => job(small, owner.accessToken, jobId),
      (j) => ['succeeded', 'failed'].includes(j.status),
      60_000,
    );
    expect(done.status).toBe('succeeded');
    expect(done.result.final.mass).toBeCloseTo(10, 9);
    const refused = await post(small, `/lattices/${id}/diffusion?async=false`, { token: owner.accessToken }, diffusion);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].location).toBe('query.async');
    // Small work still answers at once.
    expect((await run(small, owner.accessToken, id, 'path', { start: [0, 0], end: [1, 1] })).hops).toBe(2);
  });

  it('cancelling a running job stops it and marks its history row cancelled', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [50, 50] });
    const { jobId, operationId } = await accepted(t, owner.accessToken, `/lattices/${id}/random-walk?async=true`, {
      walkers: 100_000,
      steps: 100_000,
      seed: 1,
    });
    await until(
      () => job(t, owner.accessToken, jobId),
      (j) => j.status === 'running',
      30_000,
    );
    const cancel = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/jobs/${jobId}`,
      headers: { authorization: `Bearer ${owner.accessToken}` },
    });
    expect(cancel.json().status).toBe('cancelled');
    const row = await until(
      async () =>
        (await get(t, `/lattices/${id}/operations`, owner.accessToken)).json().operations.find((o: { id: string }) => o.id === operationId),
      (o) => o.status === 'cancelled',
      30_000,
    );
    expect(row.status).toBe('cancelled');
  });
});

describe('a job cancelled while it is still queued', () => {
  // No worker runs here: the job can only be queued when it is cancelled.
  let t: TestApp;
  let owner: Account;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.signup({ plan: 'enterprise' });
  });
  afterAll(() => t?.close());

  it('has its history row cancelled at once, in the same transaction as the job', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [20, 20] });
    const { jobId, operationId } = await accepted(t, owner.accessToken, `/lattices/${id}/random-walk?async=true`, {
      walkers: 10,
      steps: 10,
      seed: 5,
    });
    const history = async () =>
      (await get(t, `/lattices/${id}/operations`, owner.accessToken)).json().operations.find((o: { id: string }) => o.id === operationId);
    expect((await history()).status).toBe('queued');
    const cancel = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/jobs/${jobId}`,
      headers: { authorization: `Bearer ${owner.accessToken}` },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().status).toBe('cancelled');
    expect(await history()).toMatchObject({ status: 'cancelled', job_id: jobId });
    expect((await job(t, owner.accessToken, jobId)).status).toBe('cancelled');

    // A worker that starts later skips the job and leaves both rows cancelled.
    const worker = await startAppWorker(t);
    try {
      await new Promise((r) => setTimeout(r, 1500));
      expect((await history()).status).toBe('cancelled');
      expect((await job(t, owner.accessToken, jobId)).status).toBe('cancelled');
    } finally {
      await worker.stop();
    }
  });
});

describe('a job survives its worker killed with SIGKILL', () => {
  const JOB_ENV = { JOB_TIMEOUT_SECONDS: '3', JOB_MAINTENANCE_INTERVAL_SECONDS: '1', QUEUE_POLL_INTERVAL_SECONDS: '0.5' };
  let t: TestApp;
  const children: ChildProcess[] = [];
  let stderr = '';

  function workerProcess(): ChildProcess {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: t.databaseUrl,
      // It opens the signing keys the test app sealed.
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      LOG_LEVEL: 'warn',
      // Any free port for its /metrics: other workers of the suite may hold the default one.
      METRICS_PORT: '0',
      ...JOB_ENV,
    };
    if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
    const child = spawn(process.execPath, ['bin/catalytic.mjs', 'worker'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    // Drained, so a chatty worker never blocks on a full pipe; the tail explains a failure.
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    t = await createTestApp({ env: JOB_ENV });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await t?.close();
  });

  it('is retried by a second worker and succeeds, attempts ≥ 2', { timeout: 180_000 }, async () => {
    const owner = await t.signup({ plan: 'enterprise' });
    // A bidirectional BFS has no worker-pool form: it runs in the worker's own thread for about a second.
    const id = await createLattice(t, owner.accessToken, { shape: [80, 80, 80] });
    const first = workerProcess();
    const { jobId, operationId } = await accepted(t, owner.accessToken, `/lattices/${id}/path?async=true`, {
      start: [0, 0, 0],
      end: [79, 79, 79],
      algorithm: 'bidirectional',
    });
    const status = async () =>
      (await t.runtime.db.systemQuery<{ status: string; attempts: number }>('SELECT status, attempts FROM jobs WHERE id = $1', [jobId]))
        .rows[0];
    const running = await until(status, (s) => s.status !== 'queued', 90_000);
    expect(running.status, stderr).toBe('running');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    workerProcess();
    const done = await until(
      () => job(t, owner.accessToken, jobId),
      (j) => ['succeeded', 'failed'].includes(j.status),
      120_000,
    );
    expect(done.status, `${JSON.stringify(done.error)}\n${stderr}`).toBe('succeeded');
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(done.result).toMatchObject({ operation_id: operationId, reachable: true, hops: 237 });
    const history = (await get(t, `/lattices/${id}/operations`, owner.accessToken)).json().operations;
    expect(history).toEqual([expect.objectContaining({ id: operationId, status: 'succeeded', job_id: jobId })]);
  });
});
