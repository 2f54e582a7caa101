import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClientTool, libpqTarget, runClientTool, serverMajor } from '../../src/platform/postgres-tools.js';
import type { WorkerHandle } from '../../src/worker/worker.js';
import { call, rawDatabase } from '../support/tenant-fixtures.js';
import { createTestApp, type Account, type TestApp, startAppWorker } from '../support/test-app.js';
import { startWebhookReceiver, type Received, type WebhookReceiver } from '../support/webhook-receiver.js';

let t: TestApp;
let worker: WorkerHandle;
let receiver: WebhookReceiver;

beforeAll(async () => {
  t = await createTestApp({ env: { WEBHOOK_ALLOW_LOOPBACK: 'true', QUEUE_POLL_INTERVAL_SECONDS: '0.5' } });
  worker = await startAppWorker(t);
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
  await t?.close();
});

const types = (rs: Received[]) => rs.map((r) => JSON.parse(r.body).type as string);

async function hook(
  owner: Account,
  events: string[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; secret: string; path: string }> {
  const p = `/events-${Math.random().toString(36).slice(2)}`;
  const res = await call(t, 'POST', '/webhooks', { token: owner.accessToken }, { url: `${receiver.url}${p}`, events, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, secret: res.json().secret, path: p };
}

async function lattice(owner: Account): Promise<string> {
  const res = await call(t, 'POST', '/lattices', { token: owner.accessToken }, { name: 'events', dimensions: 2, size: 6 });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('events from the domain', () => {
  it('a synchronous operation sends operation.completed; a transform sends transformation.completed', async () => {
    const owner = await t.signup();
    const h = await hook(owner, ['operation.completed', 'transformation.*']);
    const id = await lattice(owner);
    const op = await call(t, 'POST', `/lattices/${id}/path`, { token: owner.accessToken }, { start: [0, 0], end: [5, 5] });
    expect(op.statusCode, op.body).toBe(200);
    const tr = await call(t, 'POST', `/lattices/${id}/transform`, { token: owner.accessToken }, { transformation_type: 'normalize' });
    expect(tr.statusCode, tr.body).toBe(200);
    const got = await receiver.waitFor(2, 10_000, h.path);
    expect(types(got).sort()).toEqual(['operation.completed', 'transformation.completed']);
    const bodies = got.map((r) => new Webhook(h.secret).verify(r.body, r.headers as Record<string, string>) as Record<string, unknown>);
    expect(bodies.find((b) => b.type === 'operation.completed')?.data).toMatchObject({ lattice_id: id, type: 'path', job_id: null });
    expect(bodies.find((b) => b.type === 'transformation.completed')?.data).toMatchObject({
      lattice_id: id,
      transformation_type: 'normalize',
      operation_id: tr.json().operation_id,
      version: tr.json().version,
    });
  });

  it('a job sends job.completed (and its operation.completed) when the worker finishes it', async () => {
    const owner = await t.signup();
    const h = await hook(owner, ['job.*', 'operation.completed']);
    const id = await lattice(owner);
    const queued = await call(t, 'POST', `/lattices/${id}/components?async=true`, { token: owner.accessToken }, {});
    expect(queued.statusCode, queued.body).toBe(202);
    const jobId = queued.json().job_id ?? queued.json().id;
    const got = await receiver.waitFor(2, 20_000, h.path);
    expect(types(got).sort()).toEqual(['job.completed', 'operation.completed']);
    const job = JSON.parse(got.find((r) => JSON.parse(r.body).type === 'job.completed')!.body);
    expect(job.data).toMatchObject({ job_id: jobId, lattice_id: id, status: 'succeeded', tenant_id: owner.tenantId });
  });

  it('an event exists only when its change commits: a refused change writes none', async () => {
    const owner = await t.signup();
    const h = await hook(owner, ['lattice.*']);
    for (let i = 0; i < 5; i++) await lattice(owner);
    // The free plan's sixth lattice is refused inside the transaction that would have written the event.
    const refused = await call(t, 'POST', '/lattices', { token: owner.accessToken }, { name: 'one too many', dimensions: 2, size: 3 });
    expect(refused.statusCode).toBe(403);
    const missing = await call(t, 'PATCH', '/lattices/0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b', { token: owner.accessToken }, { name: 'x' });
    expect(missing.statusCode).toBe(404);
    await receiver.waitFor(5, 10_000, h.path);
    const db = await rawDatabase(t);
    try {
      const { rows } = await db.query(`SELECT event_type FROM outbox WHERE topic = 'event' AND tenant_id = $1`, [owner.tenantId]);
      expect(rows.map((r) => r.event_type)).toEqual(Array(5).fill('lattice.created'));
    } finally {
      await db.end();
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(types(receiver.at(h.path))).toEqual(Array(5).fill('lattice.created'));
  });
});

describe('secrets at rest', () => {
  it('a pg_dump of the database holds no webhook secret and no queued mail token in plain text', async () => {
    const owner = await t.signup();
    const given = 'my-very-own-receiver-secret-42';
    const generated = (await hook(owner, ['*'])).secret;
    const own = await hook(owner, ['*'], { secret: given });
    const rotated = await call(t, 'POST', `/webhooks/${own.id}/rotate-secret`, { token: owner.accessToken }, {});
    const third = rotated.json().secret as string;
    // A password reset queues a mail holding a token; the dump runs before the worker could send it, or after: either way sealed or gone.
    await worker.stop();
    const reset = await call(t, 'POST', '/auth/password-reset', {}, { email: owner.email });
    expect(reset.statusCode).toBe(202);

    const tool = await findClientTool('pg_dump', await serverMajor(t.databaseUrl));
    const file = path.join(tmpdir(), `webhook-secrets-${process.pid}-${Date.now()}.sql`);
    const target = libpqTarget(t.databaseUrl);
    let dump = '';
    try {
      await runClientTool(tool.path, ['--no-owner', '--data-only', '-f', file, target.dbname], target.env);
      dump = await readFile(file, 'utf8');
      expect(dump).toContain('webhook_endpoints');
      for (const secret of [generated, generated.slice(6), given, third, third.slice(6)]) expect(dump).not.toContain(secret);
      expect(dump).not.toContain('reset-password?token=');
    } finally {
      await rm(file, { force: true });
      worker = await startAppWorker(t);
    }
    // The queued reset mail still goes out (opened with the key), and the outbox keeps nothing of it after.
    await expect
      .poll(() => t.mailbox.messages(owner.email).filter((m) => m.text.includes('reset-password?token=')).length, { timeout: 10_000 })
      .toBe(1);
    // The very token the mail carries was nowhere in the dump. (Matching a token-like pattern instead found
    // "rst_" inside the random base64url of a sealed message once.)
    const mailed = t.mailbox.messages(owner.email).find((m) => m.text.includes('reset-password?token='))!;
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mailed.text)![1];
    expect(token).toMatch(/^rst_[A-Za-z0-9_-]{20,}$/);
    expect(dump).not.toContain(token);
    const db = await rawDatabase(t);
    try {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE topic = 'mail' AND sealed IS NOT NULL AND tenant_id = $1`,
        [owner.tenantId],
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('mail moved over from the old mail table (plain JSON, migration 009) is still sent, then cleared', async () => {
    const owner = await t.signup();
    const db = await rawDatabase(t);
    try {
      const id = '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a01';
      const legacy = { to: 'moved@example.com', subject: 'Queued before the upgrade', text: 'hello', html: null };
      await db.query(`INSERT INTO outbox (id, tenant_id, topic, sealed) VALUES ($1, $2, 'mail', $3)`, [
        id,
        owner.tenantId,
        JSON.stringify(legacy),
      ]);
      await expect.poll(() => t.mailbox.messages('moved@example.com').length, { timeout: 10_000 }).toBe(1);
      expect(t.mailbox.latest('moved@example.com')).toMatchObject({ subject: 'Queued before the upgrade', text: 'hello' });
      const { rows } = await db.query('SELECT status, sealed FROM outbox WHERE id = $1', [id]);
      expect(rows[0]).toEqual({ status: 'done', sealed: null });
    } finally {
      await db.end();
    }
  });
});
