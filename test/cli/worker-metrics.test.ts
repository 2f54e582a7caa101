import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCatalytic, type CatalyticProcess } from '../support/catalytic-process.js';
import { freePort } from '../support/free-port.js';
import { parseExposition } from '../support/prometheus-text.js';
import { createTestDatabase } from '../support/test-database.js';

let database: { url: string; drop(): Promise<void> };
let workDir: string;
let worker: CatalyticProcess | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  workDir = await mkdtemp(path.join(tmpdir(), 'catalytic-worker-metrics-'));
});
afterAll(async () => {
  await worker?.stop(2000);
  await database?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('catalytic worker', () => {
  it('serves /metrics on METRICS_HOST:METRICS_PORT and stops cleanly', { timeout: 150_000 }, async () => {
    const port = await freePort();
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '3',
      METRICS_PORT: String(port),
      DATA_DIR: path.join(workDir, 'data'),
      LOG_LEVEL: 'info',
    };
    if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
    worker = spawnCatalytic('worker', env, workDir);
    const url = `http://127.0.0.1:${port}/metrics`;
    await worker.waitFor(url);
    // Loopback by default, and the log says where.
    expect(worker.output()).toContain(`"metrics":"http://127.0.0.1:${port}/metrics"`);

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(await res.text());
    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      'catalytic_build_info',
      'catalytic_db_pool_total_connections',
      'catalytic_db_pool_max_connections',
      'catalytic_usage_flush_lag_seconds',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(samples.find((s) => s.name === 'catalytic_db_pool_max_connections')?.value).toBe(3);
    if (process.env.REDIS_URL) expect(samples.find((s) => s.name === 'catalytic_redis_connected')?.value).toBe(1);

    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);

    const exit = await worker.stop();
    expect(exit, worker.output()).toEqual({ code: 0, signal: null });
    await expect(fetch(url)).rejects.toThrow();
  });
});
