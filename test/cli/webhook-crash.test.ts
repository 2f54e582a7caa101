/**
 * Webhook delivery survives SIGKILL of any process: the worker killed in the
 * middle of a burst of 500 events delivers every one after its restart (the
 * receiver counts distinct webhook-ids: 500), and the API killed right after
 * answering 201 leaves the event committed with the change, so it is
 * delivered.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/domain/outbox/events.js';
import { spawnCatalytic, type CatalyticProcess } from '../support/catalytic-process.js';
import { freePort } from '../support/free-port.js';
import { call, rawDatabase } from '../support/tenant-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const ENCRYPTION_KEY = randomBytes(32).toString('base64');
const BURST = 500;

let database: { url: string; drop(): Promise<void> };
let workDir: string;
let t: TestApp;
let receiver: WebhookReceiver;
const spawned: CatalyticProcess[] = [];

function env(extra: Record<string, string>): Record<string, string> {
  const e: Record<string, string> = {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '4',
    DATA_DIR: path.join(workDir, 'data'),
    ENCRYPTION_KEY,
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    ...extra,
  };
  if (process.env.REDIS_URL) e.REDIS_URL = process.env.REDIS_URL;
  return e;
}

async function startWorkerProcess(): Promise<CatalyticProcess> {
  const port = await freePort();
  const worker = spawnCatalytic('worker', env({ METRICS_PORT: String(port) }), workDir);
  spawned.push(worker);
  await worker.waitFor(`http://127.0.0.1:${port}/metrics`);
  return worker;
}

const distinctIds = () => new Set(receiver.received.map((r) => r.headers['webhook-id'] as string));

async function until(what: string, ms: number, ok: () => boolean | Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  workDir = await mkdtemp(path.join(tmpdir(), 'catalytic-webhook-crash-'));
  // The in-process app only registers endpoints and writes events; it runs no dispatcher.
  t = await createTestApp({ databaseUrl: database.url, env: { ENCRYPTION_KEY, WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  receiver = await startWebhookReceiver();
  // Slow enough that a burst takes seconds, so the kill lands in its middle.
  receiver.respond(() => ({ status: 200, delayMs: 100 }));
});

afterAll(async () => {
  for (const p of spawned) await p.stop(2000);
  await receiver?.close();
  await t?.close();
  await database?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('webhook delivery across crashes', () => {
  it('a worker killed with SIGKILL mid-burst delivers all 500 events after its restart, none lost', { timeout: 240_000 }, async () => {
    const owner = await t.signup({ plan: 'enterprise' });
    const res = await call(t, 'POST', '/webhooks', { token: owner.accessToken }, { url: `${receiver.url}/burst`, events: ['*'] });
    expect(res.statusCode, res.body).toBe(201);
    const webhookId = res.json().id;

    // 500 committed events, written the way the domain writes them (in transactions of their changes).
    for (let batch = 0; batch < BURST / 50; batch++) {
      await t.runtime.db.tenantTransaction(owner.tenantId, async (tx) => {
        for (let i = 0; i < 50; i++) {
          await recordEvent(tx, owner.tenantId, 'lattice.updated', { lattice_id: null, seq: batch * 50 + i });
        }
      });
    }

    const first = await startWorkerProcess();
    await until('a part of the burst delivered', 120_000, () => distinctIds().size >= 50);
    const before = distinctIds().size;
    first.proc.kill('SIGKILL');
    await first.stop();
    expect(before, 'the kill landed mid-burst').toBeLessThan(BURST);

    await startWorkerProcess();
    await until(`all ${BURST} delivered (got ${distinctIds().size})`, 150_000, () => distinctIds().size >= BURST);
    const ids = distinctIds();
    expect(ids.size).toBe(BURST);
    const seqs = new Set(receiver.at('/burst').map((r) => JSON.parse(r.body).data.seq as number));
    expect(seqs.size).toBe(BURST);

    const db = await rawDatabase(t);
    try {
      await until('every delivery recorded as succeeded', 30_000, async () => {
        const { rows } = await db.query(
          `SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY status`,
          [webhookId],
        );
        return rows.length === 1 && rows[0].status === 'succeeded' && rows[0].n === BURST;
      });
    } finally {
      await db.end();
    }
  });

  it('the API killed with SIGKILL right after a 201 leaves an event that is delivered', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const api = spawnCatalytic('api', env({ PORT: String(port), HOST: '127.0.0.1' }), workDir);
    spawned.push(api);
    const base = `http://127.0.0.1:${port}`;
    await api.waitFor(`${base}/health/ready`);
    const owner = await t.signup({ plan: 'enterprise' });
    const auth = { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'application/json' };
    const hook = await fetch(`${base}/api/webhooks`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url: `${receiver.url}/after-kill`, events: ['lattice.created'] }),
    });
    expect(hook.status).toBe(201);

    const created = await fetch(`${base}/api/v1/lattices`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'killed', dimensions: 2, size: 3 }),
    });
    expect(created.status).toBe(201);
    api.proc.kill('SIGKILL');
    const latticeId = ((await created.json()) as { id: string }).id;
    await api.stop();

    // A worker (the one left from the first test, or a new one) delivers the committed event.
    if (spawned.filter((p) => p.proc.exitCode === null && p.proc.signalCode === null).length === 0) await startWorkerProcess();
    const [got] = await receiver.waitFor(1, 60_000, '/after-kill');
    expect(JSON.parse(got.body)).toMatchObject({ type: 'lattice.created', data: { lattice_id: latticeId, name: 'killed' } });
  });
});
