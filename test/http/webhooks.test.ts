import { Webhook } from 'standardwebhooks';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of the API, checked field by field
type Json = Record<string, any>;
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, call, rawDatabase } from '../support/tenant-fixtures.js';
import { createTestApp, type Account, type TestApp } from '../support/test-app.js';
import { startWebhookReceiver, type Received, type WebhookReceiver } from '../support/webhook-receiver.js';

let t: TestApp;
let receiver: WebhookReceiver;

beforeAll(async () => {
  // A per-endpoint limit of 8 keeps the circuit-breaker and hanging-endpoint bounds below tight.
  t = await createTestApp({ env: { WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_ENDPOINT_CONCURRENCY: '8' } });
  t.runtime.webhookDispatcher.start();
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

let pathCounter = 0;
const newPath = () => `/hook-${++pathCounter}`;

async function register(owner: Account, body: Record<string, unknown>): Promise<Json> {
  const res = await call(t, 'POST', '/webhooks', { token: owner.accessToken }, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function createLattice(owner: Account, name = 'grid'): Promise<string> {
  const res = await call(t, 'POST', '/lattices', { token: owner.accessToken }, { name, dimensions: 2, size: 4 });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function deliveries(owner: Account, id: string): Promise<Json[]> {
  const res = await call(t, 'GET', `/webhooks/${id}/deliveries`, { token: owner.accessToken });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const json = (r: Received) => JSON.parse(r.body);

describe('webhook endpoints', () => {
  it('registers an endpoint: the whsec_ secret is shown once and stored sealed; reads never show it', async () => {
    const owner = await t.signup();
    const created = await register(owner, {
      url: `${receiver.url}${newPath()}`,
      events: ['lattice.*', 'job.*'],
      description: 'CI',
      retry_config: { max_retries: 3, retry_delay_seconds: 5 },
    });
    expect(created).toMatchObject({
      url: expect.stringContaining(receiver.url),
      events: ['lattice.*', 'job.*'],
      active: true,
      status: 'active',
      description: 'CI',
      retry_config: { max_retries: 3, retry_delay_seconds: 5 },
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const got = await call(t, 'GET', `/webhooks/${created.id}`, { token: owner.accessToken });
    expect(got.statusCode).toBe(200);
    expect(got.json()).not.toHaveProperty('secret');
    expect(got.body).not.toContain(created.secret.slice(6));
    const list = await call(t, 'GET', '/api/webhooks', { token: owner.accessToken });
    expect(list.statusCode).toBe(200);
    expect(list.headers['x-total-count']).toBe('1');
    expect(list.json().map((w: { id: string }) => w.id)).toEqual([created.id]);
    expect(list.body).not.toContain(created.secret.slice(6));

    const db = await rawDatabase(t);
    try {
      const { rows } = await db.query('SELECT secret_sealed FROM webhook_endpoints WHERE id = $1', [created.id]);
      expect(rows[0].secret_sealed).toMatch(/^v1\./);
      expect(rows[0].secret_sealed).not.toContain(created.secret.slice(6));
    } finally {
      await db.end();
    }

    const given = await register(owner, { url: `${receiver.url}/given`, events: ['*'], secret: 'test_secret' });
    expect(given.secret).toBe('test_secret');
    expect(given.retry_config).toEqual({ max_retries: 10, retry_delay_seconds: 30 });
  });

  it('changes, pauses and deletes an endpoint (204), and audits each change', async () => {
    const owner = await t.signup();
    const created = await register(owner, { url: `${receiver.url}${newPath()}`, events: ['*'] });
    const patched = await call(
      t,
      'PATCH',
      `/webhooks/${created.id}`,
      { token: owner.accessToken },
      { events: ['job.failed'], active: false },
    );
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ events: ['job.failed'], active: false, status: 'paused' });
    expect((await call(t, 'PATCH', `/webhooks/${created.id}`, { token: owner.accessToken }, {})).statusCode).toBe(422);
    const removed = await call(t, 'DELETE', `/webhooks/${created.id}`, { token: owner.accessToken });
    expect(removed.statusCode).toBe(204);
    expect((await call(t, 'GET', `/webhooks/${created.id}`, { token: owner.accessToken })).statusCode).toBe(404);
    const audit = await call(t, 'GET', '/audit-logs?limit=100', { token: owner.accessToken });
    const actions = audit.json().map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['webhook.created', 'webhook.updated', 'webhook.deleted']));
  });

  it('admins manage, members read, viewers are refused (403)', async () => {
    const owner = await t.signup();
    const created = await register(owner, { url: `${receiver.url}${newPath()}`, events: ['*'] });
    const member = await addMember(t, owner, 'member');
    const viewer = await addMember(t, owner, 'viewer');
    expect((await call(t, 'GET', '/webhooks', { token: member.accessToken })).statusCode).toBe(200);
    expect((await call(t, 'GET', `/webhooks/${created.id}/deliveries`, { token: member.accessToken })).statusCode).toBe(200);
    expect((await call(t, 'POST', '/webhooks', { token: member.accessToken }, { url: receiver.url, events: ['*'] })).statusCode).toBe(403);
    expect((await call(t, 'POST', `/webhooks/${created.id}/test`, { token: member.accessToken })).statusCode).toBe(403);
    expect((await call(t, 'DELETE', `/webhooks/${created.id}`, { token: member.accessToken })).statusCode).toBe(403);
    expect((await call(t, 'GET', '/webhooks', { token: viewer.accessToken })).statusCode).toBe(403);
  });

  it('refuses bad input with 422 naming the problem: non-public targets, bad schemes, bad secrets, unknown events', async () => {
    const owner = await t.signup();
    const refuse = async (body: Record<string, unknown>, text: RegExp) => {
      const res = await call(t, 'POST', '/webhooks', { token: owner.accessToken }, { events: ['*'], ...body });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).toMatch(text);
    };
    await refuse({ url: 'http://10.1.2.3/hook' }, /private \(10\.0\.0\.0\/8\)/);
    await refuse({ url: 'http://169.254.169.254/latest/meta-data' }, /link-local/);
    await refuse({ url: 'http://[::ffff:192.168.1.1]/' }, /private \(192\.168\.0\.0\/16\), in IPv6 form/);
    await refuse({ url: 'ftp://example.com/hook' }, /http or https/);
    await refuse({ url: 'not a url' }, /not a valid URL/);
    await refuse({ url: `${receiver.url}/x`, secret: 'short' }, /secret/);
    await refuse({ url: `${receiver.url}/x`, secret: 'whsec_%%%%%%%%%%' }, /base64/);
    await refuse({ url: `${receiver.url}/x`, description: 'nul \u0000 inside' }, /NUL character/);
    await refuse({ url: `${receiver.url}/x`, secret: 'lone \ud800 surrogate' }, /unpaired UTF-16 surrogate/);
    const unknown = await call(
      t,
      'POST',
      '/webhooks',
      { token: owner.accessToken },
      { url: `${receiver.url}/x`, events: ['lattice.exploded'] },
    );
    expect(unknown.statusCode).toBe(422);
    const none = await call(t, 'POST', '/webhooks', { token: owner.accessToken }, { url: `${receiver.url}/x`, events: [] });
    expect(none.statusCode).toBe(422);
  });

  it("answers 404 on every route for another tenant's endpoint and delivery", async () => {
    const a = await t.signup();
    const b = await t.signup();
    const path = newPath();
    const hook = await register(a, { url: `${receiver.url}${path}`, events: ['lattice.created'] });
    await createLattice(a);
    await receiver.waitFor(1, 10_000, path);
    const [delivery] = await until(
      () => deliveries(a, hook.id),
      (d) => d.length === 1,
      5000,
    );
    const own = await register(b, { url: `${receiver.url}${newPath()}`, events: ['*'] });
    const as = { token: b.accessToken };
    const attempts = [
      await call(t, 'GET', `/webhooks/${hook.id}`, as),
      await call(t, 'PATCH', `/webhooks/${hook.id}`, as, { active: false }),
      await call(t, 'DELETE', `/webhooks/${hook.id}`, as),
      await call(t, 'POST', `/webhooks/${hook.id}/test`, as),
      await call(t, 'POST', `/webhooks/${hook.id}/rotate-secret`, as, {}),
      await call(t, 'GET', `/webhooks/${hook.id}/deliveries`, as),
      await call(t, 'POST', `/webhooks/${hook.id}/deliveries/${delivery.id}/retry`, as),
      await call(t, 'POST', `/webhooks/${own.id}/deliveries/${delivery.id}/retry`, as),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    expect((await call(t, 'GET', `/webhooks/${hook.id}`, { token: a.accessToken })).json().active).toBe(true);
  });
});

describe('webhook delivery', () => {
  it('delivers a signed lattice.created that the standardwebhooks package verifies, with the legacy headers', async () => {
    const owner = await t.signup();
    const path = newPath();
    const hook = await register(owner, { url: `${receiver.url}${path}`, events: ['lattice.*'] });
    const latticeId = await createLattice(owner, 'Signed grid');
    const [got] = await receiver.waitFor(1, 10_000, path);
    const body = new Webhook(hook.secret).verify(got.body, got.headers as Record<string, string>) as Json;
    expect(body).toMatchObject({
      type: 'lattice.created',
      event: 'lattice.created',
      tenant_id: owner.tenantId,
      data: { lattice_id: latticeId, tenant_id: owner.tenantId, name: 'Signed grid', dimensions: 2, size: 4 },
    });
    expect(got.headers['webhook-id']).toBe(body.id);
    expect(got.headers['x-webhook-event']).toBe('lattice.created');
    expect(got.headers['x-webhook-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(got.headers['content-type']).toBe('application/json');
    const [d] = await until(
      () => deliveries(owner, hook.id),
      (ds) => ds[0]?.status === 'succeeded',
      5000,
    );
    expect(d).toMatchObject({ event: 'lattice.created', status: 'succeeded', attempts: 1, retry_count: 0, response_status: 200 });
    expect(d.event_id).toBe(body.id);
  });

  it('sends lattice.updated and lattice.deleted, only to subscribers of the event, and webhook.test only to its endpoint', async () => {
    const owner = await t.signup();
    const all = newPath();
    const deletesOnly = newPath();
    const hookAll = await register(owner, { url: `${receiver.url}${all}`, events: ['*'] });
    await register(owner, { url: `${receiver.url}${deletesOnly}`, events: ['lattice.deleted'] });
    const id = await createLattice(owner);
    expect((await call(t, 'PATCH', `/lattices/${id}`, { token: owner.accessToken }, { name: 'renamed' })).statusCode).toBe(200);
    expect((await call(t, 'DELETE', `/lattices/${id}`, { token: owner.accessToken })).statusCode).toBe(204);
    const test = await call(t, 'POST', `/webhooks/${hookAll.id}/test`, { token: owner.accessToken });
    expect(test.statusCode, test.body).toBe(202);
    await receiver.waitFor(4, 10_000, all);
    await receiver.waitFor(1, 10_000, deletesOnly);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      receiver
        .at(all)
        .map((r) => json(r).type)
        .sort(),
    ).toEqual(['lattice.created', 'lattice.deleted', 'lattice.updated', 'webhook.test']);
    expect(receiver.at(all).find((r) => json(r).type === 'lattice.updated')!.body).toContain('renamed');
    expect(receiver.at(deletesOnly).map((r) => json(r).type)).toEqual(['lattice.deleted']);
    expect(json(receiver.at(all).find((r) => json(r).type === 'webhook.test')!).id).toBe(test.json().event_id);
  });

  it('retries a receiver that is down until it is up, with the same webhook-id, within retry_delay_seconds: 1 backoff', async () => {
    const owner = await t.signup();
    const path = newPath();
    const hook = await register(owner, {
      url: `${receiver.url}${path}`,
      events: ['lattice.created'],
      retry_config: { max_retries: 5, retry_delay_seconds: 1 },
    });
    receiver.respond((r) => (r.path === path && receiver.at(path).length <= 2 ? { status: 503 } : { status: 200 }));
    try {
      await createLattice(owner);
      const got = await receiver.waitFor(3, 20_000, path);
      expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
      // Full jitter: retry n waits at most 1·2^(n-1) s; the dispatcher polls every 0.2 s.
      expect(got[1].at - got[0].at).toBeLessThan(1000 + 1500);
      expect(got[2].at - got[1].at).toBeLessThan(2000 + 1500);
      const [d] = await until(
        () => deliveries(owner, hook.id),
        (ds) => ds[0]?.status === 'succeeded',
        5000,
      );
      expect(d).toMatchObject({ status: 'succeeded', attempts: 3, retry_count: 2, response_status: 200, next_attempt_at: null });
      expect(d.last_error).toBe('HTTP 503');
    } finally {
      receiver.respond(() => ({ status: 200 }));
    }
  });

  it('honours Retry-After', async () => {
    const owner = await t.signup();
    const path = newPath();
    await register(owner, {
      url: `${receiver.url}${path}`,
      events: ['lattice.created'],
      retry_config: { max_retries: 3, retry_delay_seconds: 1 },
    });
    receiver.respond((r) =>
      r.path === path && receiver.at(path).length === 1 ? { status: 429, headers: { 'retry-after': '3' } } : { status: 200 },
    );
    try {
      await createLattice(owner);
      const got = await receiver.waitFor(2, 20_000, path);
      // Without Retry-After the first retry would come within a second.
      expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(2900);
      expect(got[1].at - got[0].at).toBeLessThan(3000 + 2000);
    } finally {
      receiver.respond(() => ({ status: 200 }));
    }
  });

  it('marks a delivery dead after max_retries; a manual retry of the dead delivery then succeeds with the same webhook-id', async () => {
    const owner = await t.signup();
    const path = newPath();
    const hook = await register(owner, {
      url: `${receiver.url}${path}`,
      events: ['lattice.created'],
      retry_config: { max_retries: 1, retry_delay_seconds: 1 },
    });
    let failing = true;
    receiver.respond((r) => (r.path === path && failing ? { status: 500 } : { status: 200 }));
    try {
      await createLattice(owner);
      const [dead] = await until(
        () => deliveries(owner, hook.id),
        (ds) => ds[0]?.status === 'dead',
        15_000,
      );
      expect(dead).toMatchObject({ status: 'dead', attempts: 2, response_status: 500, last_error: 'HTTP 500', next_attempt_at: null });
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.at(path)).toHaveLength(2);
      const deadOnly = await call(t, 'GET', `/webhooks/${hook.id}/deliveries?status=dead`, { token: owner.accessToken });
      expect(deadOnly.json()).toHaveLength(1);

      failing = false;
      const retried = await call(t, 'POST', `/webhooks/${hook.id}/deliveries/${dead.id}/retry`, { token: owner.accessToken });
      expect(retried.statusCode, retried.body).toBe(202);
      const got = await receiver.waitFor(3, 10_000, path);
      expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
      const [done] = await until(
        () => deliveries(owner, hook.id),
        (ds) => ds[0]?.status === 'succeeded',
        5000,
      );
      expect(done).toMatchObject({ id: dead.id, status: 'succeeded', attempts: 3, response_status: 200 });
    } finally {
      receiver.respond(() => ({ status: 200 }));
    }
  });

  it('disables the endpoint on 410 Gone: no further deliveries until it is re-activated', async () => {
    const owner = await t.signup();
    const path = newPath();
    const hook = await register(owner, {
      url: `${receiver.url}${path}`,
      events: ['lattice.created'],
      retry_config: { max_retries: 5, retry_delay_seconds: 1 },
    });
    let gone = true;
    receiver.respond((r) => (r.path === path && gone ? { status: 410 } : { status: 200 }));
    try {
      await createLattice(owner);
      const got = await until(
        () => call(t, 'GET', `/webhooks/${hook.id}`, { token: owner.accessToken }).then((r) => r.json()),
        (w) => w.status === 'disabled',
        10_000,
      );
      expect(got).toMatchObject({ active: false, status: 'disabled', disabled_reason: expect.stringContaining('410') });
      const [d] = await deliveries(owner, hook.id);
      expect(d).toMatchObject({ status: 'dead', attempts: 1, response_status: 410 });
      await createLattice(owner);
      await new Promise((r) => setTimeout(r, 2000));
      expect(receiver.at(path)).toHaveLength(1);
      gone = false;
      expect((await call(t, 'PATCH', `/webhooks/${hook.id}`, { token: owner.accessToken }, { active: true })).json().status).toBe('active');
      await createLattice(owner);
      await receiver.waitFor(2, 10_000, path);
    } finally {
      receiver.respond(() => ({ status: 200 }));
    }
  });

  it('does not follow redirects: a 3xx is a failed attempt and the Location is never called', async () => {
    const owner = await t.signup();
    const path = newPath();
    const elsewhere = newPath();
    const hook = await register(owner, {
      url: `${receiver.url}${path}`,
      events: ['lattice.created'],
      retry_config: { max_retries: 0, retry_delay_seconds: 1 },
    });
    receiver.respond((r) => (r.path === path ? { status: 302, headers: { location: `${receiver.url}${elsewhere}` } } : { status: 200 }));
    try {
      await createLattice(owner);
      const [d] = await until(
        () => deliveries(owner, hook.id),
        (ds) => ds[0]?.status === 'dead',
        10_000,
      );
      expect(d).toMatchObject({
        status: 'dead',
        attempts: 1,
        response_status: 302,
        last_error: expect.stringContaining('redirects are not followed'),
      });
      expect(receiver.at(elsewhere)).toHaveLength(0);
    } finally {
      receiver.respond(() => ({ status: 200 }));
    }
  });

  it('opens the circuit of an endpoint that keeps failing: attempts stop instead of hammering it', async () => {
    const owner = await t.signup();
    const path = newPath();
    const hook = await register(owner, {
      url: `${receiver.url}${path}`,
      events: ['lattice.*'],
      retry_config: { max_retries: 20, retry_delay_seconds: 1 },
    });
    receiver.respond((r) => (r.path === path ? { status: 500, delayMs: 200 } : { status: 200 }));
    try {
      const id = await createLattice(owner);
      for (let i = 0; i < 19; i++) await call(t, 'PATCH', `/lattices/${id}`, { token: owner.accessToken }, { name: `n${i}` });
      await until(
        () => deliveries(owner, hook.id),
        (ds) => ds.length === 20,
        5000,
      );
      await new Promise((r) => setTimeout(r, 4000));
      // 20 due deliveries, each retried within seconds: without a breaker the receiver would see 20 first attempts and their
      // retries; with it, five failures and the attempts still in flight when the fifth opened the circuit (at most 7 more).
      expect(receiver.at(path).length).toBeGreaterThanOrEqual(5);
      expect(receiver.at(path).length).toBeLessThanOrEqual(5 + 7);
      const ds = await deliveries(owner, hook.id);
      expect(ds.filter((d) => d.status === 'dead')).toHaveLength(0);
      expect(ds.filter((d) => d.attempts === 0).length).toBeGreaterThanOrEqual(8);
    } finally {
      receiver.respond(() => ({ status: 200 }));
    }
  });

  it('keeps events of a paused endpoint and sends them when it resumes', async () => {
    const owner = await t.signup();
    const path = newPath();
    const hook = await register(owner, { url: `${receiver.url}${path}`, events: ['lattice.created'] });
    await call(t, 'PATCH', `/webhooks/${hook.id}`, { token: owner.accessToken }, { active: false });
    await createLattice(owner);
    await until(
      () => deliveries(owner, hook.id),
      (ds) => ds.length === 1,
      5000,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.at(path)).toHaveLength(0);
    await call(t, 'PATCH', `/webhooks/${hook.id}`, { token: owner.accessToken }, { active: true });
    await receiver.waitFor(1, 10_000, path);
  });

  it('signs with both secrets during a rotation overlap, each verifiable with standardwebhooks; only the new one after it', async () => {
    const owner = await t.signup();
    const path = newPath();
    const hook = await register(owner, { url: `${receiver.url}${path}`, events: ['lattice.created'], secret: 'test_secret_old' });
    const rotated = await call(t, 'POST', `/webhooks/${hook.id}/rotate-secret`, { token: owner.accessToken }, { overlap_seconds: 3600 });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret, previous_secret_expires_at } = rotated.json();
    expect(secret).toMatch(/^whsec_/);
    expect(Date.parse(previous_secret_expires_at) - Date.now()).toBeGreaterThan(3500_000);
    await createLattice(owner);
    const [got] = await receiver.waitFor(1, 10_000, path);
    expect((got.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    const headers = got.headers as Record<string, string>;
    expect(new Webhook(secret).verify(got.body, headers)).toBeTruthy();
    expect(new Webhook('test_secret_old', { format: 'raw' }).verify(got.body, headers)).toBeTruthy();

    const again = await call(t, 'POST', `/webhooks/${hook.id}/rotate-secret`, { token: owner.accessToken }, { overlap_seconds: 0 });
    const newest = again.json().secret;
    expect(again.json().previous_secret_expires_at).toBeNull();
    await createLattice(owner);
    const second = (await receiver.waitFor(2, 10_000, path))[1];
    expect((second.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
    expect(new Webhook(newest).verify(second.body, second.headers as Record<string, string>)).toBeTruthy();
    expect(() => new Webhook(secret).verify(second.body, second.headers as Record<string, string>)).toThrow();
  });

  it("an endpoint that hangs does not delay another tenant's delivery by more than a second", async () => {
    const slow = await t.signup();
    const fast = await t.signup();
    const slowPath = newPath();
    const fastPath = newPath();
    receiver.respond((r) => (r.path === slowPath ? { status: 200, hang: true } : { status: 200 }));
    try {
      await register(slow, { url: `${receiver.url}${slowPath}`, events: ['lattice.*'] });
      await register(fast, { url: `${receiver.url}${fastPath}`, events: ['lattice.created'] });
      // More hanging events than the per-endpoint limit, all in flight or waiting.
      const id = await createLattice(slow);
      for (let i = 0; i < 12; i++) {
        expect((await call(t, 'PATCH', `/lattices/${id}`, { token: slow.accessToken }, { name: `slow ${i}` })).statusCode).toBe(200);
      }
      await receiver.waitFor(8, 10_000, slowPath);
      const committed = Date.now();
      await createLattice(fast);
      const [got] = await receiver.waitFor(1, 5000, fastPath);
      expect(got.at - committed).toBeLessThan(1000);

      // Stopping does not wait out the hanging attempts: they end unrecorded and stay leased, due again later.
      const stopping = Date.now();
      await t.runtime.webhookDispatcher.stop();
      expect(Date.now() - stopping).toBeLessThan(2000);
      const db = await rawDatabase(t);
      try {
        const { rows } = await db.query(
          `SELECT status, attempts, next_attempt_at > now() AS leased FROM webhook_deliveries WHERE tenant_id = $1 AND attempts = 0`,
          [slow.tenantId],
        );
        expect(rows.length).toBeGreaterThanOrEqual(8);
        expect(rows.every((r) => r.status === 'pending')).toBe(true);
        expect(rows.filter((r) => r.leased).length).toBeGreaterThanOrEqual(8);
      } finally {
        await db.end();
        t.runtime.webhookDispatcher.start();
      }
    } finally {
      receiver.respond(() => ({ status: 200 }));
    }
  });
});
