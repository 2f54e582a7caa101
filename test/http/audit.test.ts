import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Revocations } from '../../src/domain/auth/revocation.js';
import { UserAdminService } from '../../src/domain/tenants/user-admin-service.js';
import type { KeyValueStore } from '../../src/platform/key-value-store.js';
import { addMember, call, rawDatabase } from '../support/tenant-fixtures.js';
import { type Account, createTestApp, newTestStore, type TestApp, uniqueEmail } from '../support/test-app.js';

/** A store whose epoch increments can be made to fail, as when Redis goes away mid-change. */
function flakyStore(inner: KeyValueStore): { store: KeyValueStore; failIncr: { on: boolean } } {
  const failIncr = { on: false };
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'incr' && failIncr.on) return () => Promise.reject(new Error('store down'));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, failIncr };
}

const { store, failIncr } = flakyStore(newTestStore());
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ store });
});
afterAll(async () => {
  await t?.close();
  await store.close();
});

type Entry = {
  id: string;
  action: string;
  actor_id: string | null;
  created_at: string;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
};

async function allEntries(owner: Account, query = ''): Promise<Entry[]> {
  const res = await call(t, 'GET', `/audit-logs?limit=100${query}`, { token: owner.accessToken });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /audit-logs', () => {
  it("lists the tenant's entries newest first, and only that tenant's", async () => {
    const owner = await t.signup();
    const stranger = await t.signup();
    await call(t, 'PATCH', '/tenants/current', { token: stranger.accessToken }, { name: 'Stranger Things' });
    await call(t, 'PATCH', '/tenants/current', { token: owner.accessToken }, { name: 'First' });
    await call(t, 'PUT', '/tenants/subscription', { token: owner.accessToken }, { plan_code: 'starter' });
    const entries = await allEntries(owner);
    const actions = entries.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['tenant.plan_changed', 'tenant.updated']);
    const times = entries.map((e) => Date.parse(e.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(JSON.stringify(entries)).not.toContain('Stranger Things');
    expect(entries[0]).toMatchObject({
      actor_id: owner.userId,
      actor_type: 'user',
      target_type: 'tenant',
      target_id: owner.tenantId,
      details: { from: 'free', to: 'starter' },
    });
    expect(entries[0].ip).toBeTruthy();
    expect(entries[0].request_id).toBeTruthy();
  });

  it('filters by action, actor and time', async () => {
    const owner = await t.signup();
    const admin = await addMember(t, owner, 'admin');
    const before = new Date(Date.now() - 1000).toISOString();
    await call(t, 'POST', '/tenants/users', { token: admin.accessToken }, { email: uniqueEmail(), role: 'viewer' });
    await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email: uniqueEmail(), role: 'viewer' });

    const invites = await allEntries(owner, '&action=user.invited');
    expect(invites).toHaveLength(3);
    expect(invites.every((e) => e.action === 'user.invited')).toBe(true);
    const byAdmin = await allEntries(owner, `&actor_id=${admin.userId}`);
    expect(byAdmin.map((e) => e.action)).toEqual(['user.invited', 'user.invitation_accepted']);
    expect(byAdmin.every((e) => e.actor_id === admin.userId)).toBe(true);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await allEntries(owner, `&since=${encodeURIComponent(future)}`)).toEqual([]);
    const recent = await allEntries(owner, `&since=${encodeURIComponent(before)}&until=${encodeURIComponent(future)}`);
    expect(recent.length).toBeGreaterThanOrEqual(2);
    expect(await allEntries(owner, `&until=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).toEqual([]);
    // A leap second is a valid RFC 3339 time that a JavaScript Date cannot hold: read, as PostgreSQL does, as the next minute.
    expect(await allEntries(owner, `&until=${encodeURIComponent('2016-12-31T23:59:60Z')}`)).toEqual([]);
    expect(await allEntries(owner, `&since=${encodeURIComponent('2016-12-31T23:59:60Z')}`)).toEqual(await allEntries(owner, ''));

    for (const bad of ['actor_id=nope', 'since=yesterday', 'limit=0', 'limit=101', 'cursor=%%%']) {
      expect((await call(t, 'GET', `/audit-logs?${bad}`, { token: owner.accessToken })).statusCode, bad).toBe(422);
    }
  });

  // Registration writes two entries in one transaction, so they share created_at to the microsecond:
  // the cursor must keep those microseconds, or a page boundary between them skips entries.
  it('pages through every entry exactly once with Link and X-Total-Count', async () => {
    const owner = await t.signup();
    for (let i = 0; i < 3; i++)
      await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email: uniqueEmail(), role: 'viewer' });
    const all = (await allEntries(owner)).map((e) => e.id);
    const seen: string[] = [];
    let url: string | null = '/api/v1/audit-logs?limit=1';
    while (url) {
      const res = await call(t, 'GET', url, { token: owner.accessToken });
      expect(res.headers['x-total-count']).toBe(String(all.length));
      seen.push(...res.json().map((e: Entry) => e.id));
      const link = res.headers.link as string | undefined;
      url = link ? ((u) => u.pathname + u.search)(new URL(/^<([^>]+)>; rel="next"$/.exec(link)![1])) : null;
    }
    expect(seen).toEqual(all);
  });

  it('is for admins only', async () => {
    const owner = await t.signup();
    const member = await addMember(t, owner, 'member');
    expect((await call(t, 'GET', '/audit-logs', { token: member.accessToken })).statusCode).toBe(403);
  });
});

describe('audit rows', () => {
  it('can be neither updated nor deleted, not even by the database login', async () => {
    const owner = await t.signup();
    await call(t, 'PATCH', '/tenants/current', { token: owner.accessToken }, { name: 'Audited' });
    const db = await rawDatabase(t);
    try {
      const { rows } = await db.query('SELECT id FROM audit_logs WHERE tenant_id = $1 LIMIT 1', [owner.tenantId]);
      const id = rows[0].id;
      await expect(db.query(`UPDATE audit_logs SET action = 'forged' WHERE id = $1`, [id])).rejects.toThrow(/cannot be update/);
      await expect(db.query('DELETE FROM audit_logs WHERE id = $1', [id])).rejects.toThrow(/cannot be delete/);
      await expect(db.query('TRUNCATE audit_logs')).rejects.toThrow(/cannot be truncate/);
      // The role the application's connections run as has no UPDATE or DELETE grant at all.
      await db.query('SET ROLE catalytic_app');
      await db.query(`SELECT set_config('app.tenant_id', $1, false)`, [owner.tenantId]);
      await expect(db.query(`UPDATE audit_logs SET action = 'forged' WHERE id = $1`, [id])).rejects.toThrow(/permission denied/);
      await expect(db.query('DELETE FROM audit_logs WHERE id = $1', [id])).rejects.toThrow(/permission denied/);
      await db.query('RESET ROLE');
      const after = await db.query('SELECT action FROM audit_logs WHERE id = $1', [id]);
      expect(after.rows[0].action).not.toBe('forged');
    } finally {
      await db.end();
    }
  });

  it('roll back with the change: a change that fails after its audit row leaves neither behind', async () => {
    const owner = await t.signup();
    const failingMail = new UserAdminService({
      db: t.runtime.db,
      store,
      publicUrl: 'http://localhost:8000',
      revocations: new Revocations({ db: t.runtime.db, store, accessTtlSeconds: 900 }),
      enqueueMail: async () => {
        throw new Error('outbox unavailable');
      },
    });
    const principal = await t.runtime.resolver.authenticate({ bearer: owner.accessToken });
    const email = uniqueEmail('rolled-back');
    await expect(failingMail.invite({ principal, ip: '127.0.0.1', requestId: 'test' }, { email, role: 'member' })).rejects.toThrow(
      'outbox unavailable',
    );
    expect(await allEntries(owner, '&action=user.invited')).toEqual([]);
    const users = (await call(t, 'GET', '/tenants/users', { token: owner.accessToken })).json();
    expect(users.map((u: { email: string }) => u.email)).not.toContain(email);
  });

  it('roll back with the change when the change cannot reach every server (503), and nothing changes', async () => {
    const owner = await t.signup();
    const member = await addMember(t, owner, 'member');
    const auditedBefore = (await allEntries(owner)).length;
    failIncr.on = true;
    try {
      const res = await call(t, 'PATCH', `/tenants/users/${member.userId}`, { token: owner.accessToken }, { role: 'admin' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      failIncr.on = false;
    }
    expect((await allEntries(owner)).length).toBe(auditedBefore);
    const users = (await call(t, 'GET', '/tenants/users', { token: owner.accessToken })).json();
    expect(users.find((u: { id: string }) => u.id === member.userId).role).toBe('member');
  });
});
