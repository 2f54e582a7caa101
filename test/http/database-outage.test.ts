import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/platform/database.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/platform/embedded-postgres.js';
import { DatabaseUnavailable } from '../../src/platform/database-errors.js';
import { JobQueue } from '../../src/platform/job-queue.js';
import { migrateUp } from '../../src/platform/migrations.js';
import { freePort } from '../support/free-port.js';
import { bearer, createTestApp, type Account, type TestApp } from '../support/test-app.js';

// A PostgreSQL of the test's own (not the shared one), which the test shuts
// down and starts again: writes answer 503 + Retry-After, never 500; /health
// and /health/ready report it; the service recovers by itself.
const dataDir = path.resolve(`.catalytic/test-outage-postgres-${process.pid}-${randomBytes(3).toString('hex')}`);
let port: number;
let server: EmbeddedDatabase | null = null;
let t: TestApp;
let owner: Account;
let queue: JobQueue | null = null;

const start = async () => {
  server = await startEmbeddedPostgres({ dataDir, port, database: 'catalytic', persistent: true });
  return server;
};

beforeAll(async () => {
  port = await freePort();
  await start();
}, 180_000);
afterAll(async () => {
  await queue?.stop().catch(() => undefined);
  await t?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

const get = (url: string) => t.app.inject({ method: 'GET', url });
const createLattice = (name: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/lattices', headers: bearer(owner.accessToken), payload: { name, shape: [4, 4] } });

function expectUnavailable(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(res.json()).toMatchObject({ status: 503, code: 'service_unavailable' });
}

describe('the application role', () => {
  it('SET ROLE is awaited: when it fails, the transaction fails instead of running without row-level security', async () => {
    // A fresh cluster: no migrations yet, so the role catalytic_app does not exist and dropping to it fails.
    const db = new Database(server!.url, 2);
    try {
      await expect(db.tenantTransaction(randomUUID(), (q) => q.query('SELECT current_user'))).rejects.toThrow(/catalytic_app/);
      await expect(db.systemQuery('SELECT current_user')).rejects.toThrow(/catalytic_app/);
    } finally {
      await db.close();
    }
  });
});

describe('a PostgreSQL shutdown', () => {
  beforeAll(async () => {
    await migrateUp(server!.url);
    t = await createTestApp({ databaseUrl: server!.url });
    owner = await t.signup();
    expect((await createLattice('before')).statusCode).toBe(201);
  }, 120_000);

  it('concurrent writes while it shuts down answer 201 or 503, never 500', { timeout: 120_000 }, async () => {
    const writes: Promise<LightMyRequestResponse>[] = [];
    const stopping = server!.stop();
    for (let i = 0; i < 12; i++) {
      writes.push(createLattice(`during-${i}`));
      await new Promise((r) => setTimeout(r, 25));
    }
    await stopping;
    server = null;
    for (let i = 0; i < 6; i++) writes.push(createLattice(`after-${i}`));
    const codes = (await Promise.all(writes)).map((r) => r.statusCode);
    expect(codes.filter((c) => c !== 201 && c !== 503)).toEqual([]);
    // The ones sent after the shutdown finished cannot have succeeded.
    expect(codes.slice(-6)).toEqual(Array(6).fill(503));
  });

  it('while it is down: a write answers 503 with Retry-After, fast; /health and /health/ready report it', async () => {
    const started = performance.now();
    expectUnavailable(await createLattice('down'));
    expect(performance.now() - started).toBeLessThan(8_000);
    const health = await get('/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unhealthy', checks: { database: 'error' } });
    const ready = await get('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().unavailable).toContain('database');
    // The job queue's start fails typed, and is not remembered as failed (see the recovery below).
    queue = new JobQueue({
      connectionString: t.databaseUrl,
      timeoutSeconds: 60,
      retryLimit: 0,
      maintenanceIntervalSeconds: 60,
      pollingIntervalSeconds: 1,
    });
    await expect(queue.start()).rejects.toBeInstanceOf(DatabaseUnavailable);
    // A public route that needs the database answers 503 too.
    expectUnavailable(
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: owner.email, password: owner.password } }),
    );
  });

  it('recovers by itself when it is back', { timeout: 120_000 }, async () => {
    await start();
    const deadline = Date.now() + 30_000;
    while ((await get('/health/ready')).statusCode !== 200) {
      if (Date.now() > deadline) throw new Error('not ready again');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await get('/health')).json().status).not.toBe('unhealthy');
    expect((await createLattice('after-recovery')).statusCode).toBe(201);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: owner.email, password: owner.password },
    });
    expect(login.statusCode, login.body).toBe(200);
    await queue!.start();
    expect(await queue!.ping()).toBe('running');
  });
});
