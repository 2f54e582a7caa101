import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { freePort } from '../support/free-port.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/catalytic.mjs');
const GRACE_MS = 8000;

type Outcome = { status: number; body: string } | { error: string };

/** One GET on a fresh connection (no agent, so no reused keep-alive socket). */
function get(port: number, urlPath: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 15_000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let database: { url: string; drop(): Promise<void> };
let workDir: string;
let child: ChildProcess | undefined;
let output = '';

beforeAll(async () => {
  database = await createTestDatabase();
  workDir = await mkdtemp(path.join(tmpdir(), 'catalytic-shutdown-'));
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await database?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('catalytic serve, graceful shutdown', () => {
  it('finishes in-flight requests, refuses new ones and exits 0 on SIGTERM', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '4',
      HOST: '127.0.0.1',
      PORT: String(port),
      TESTING_MODE: 'true',
      LOG_LEVEL: 'warn',
      DATA_DIR: path.join(workDir, 'data'),
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    };
    if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
    const proc = spawn(process.execPath, [BIN, 'serve'], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      proc.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
    );

    // Start-up loads the sources through tsx and migrates: slow on a busy machine.
    const readyBy = Date.now() + 90_000;
    let ready: Outcome = { error: 'not tried' };
    while (Date.now() < readyBy && proc.exitCode === null) {
      ready = await get(port, '/health/ready');
      if ('status' in ready && ready.status === 200) break;
      await sleep(200);
    }
    expect(ready, output).toEqual({ status: 200, body: JSON.stringify({ status: 'ready' }) });

    const slowStarted = Date.now();
    const slow = get(port, '/api/testing/slow?delay_seconds=2');
    await sleep(400);
    const signalledAt = Date.now();
    proc.kill('SIGTERM');
    await sleep(400);

    const during = await get(port, '/health/ready');
    if ('status' in during) {
      expect(during.status, during.body).toBe(503);
    } else {
      expect(['ECONNREFUSED', 'ECONNRESET']).toContain(during.error);
    }

    const slowResult = await slow;
    expect(slowResult, output).toEqual({ status: 200, body: JSON.stringify({ delayed_seconds: 2 }) });
    expect(Date.now() - slowStarted).toBeGreaterThanOrEqual(1900);

    const exit = await Promise.race([exited, sleep(GRACE_MS + 5000).then(() => null)]);
    expect(exit, `did not exit; output:\n${output}`).not.toBeNull();
    expect(exit!.signal, output).toBeNull();
    expect(exit!.code, output).toBe(0);
    expect(exit!.at - signalledAt).toBeLessThan(GRACE_MS);

    const after = await get(port, '/health/live');
    expect('error' in after && after.error).toBe('ECONNREFUSED');
  });
});
