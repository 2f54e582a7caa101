import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/platform/key-value-store.js';
import { MemoryKeyspace } from '../../src/platform/memory-keyspace.js';
import { MemoryStore } from '../../src/platform/memory-store.js';
import { RedisStore } from '../../src/platform/redis-store.js';
import { bearer, createTestApp, STRONG_PASSWORD, uniqueEmail, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

// Two API nodes on one database, each with a store client of its own (as two
// processes would have): with Redis two clients on one key prefix; without it
// two MemoryStore clients of one in-process keyspace, linked the way Redis
// links its clients. Node-local state therefore cannot pass for propagation.
let database: { url: string; drop(): Promise<void> };
let stores: KeyValueStore[];
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  const url = process.env.REDIS_URL;
  const prefix = `test:two-nodes:${randomBytes(6).toString('hex')}:`;
  stores = url ? [new RedisStore(url, prefix), new RedisStore(url, prefix)] : linkedMemoryStores();
  a = await createTestApp({ databaseUrl: database.url, store: stores[0] });
  b = await createTestApp({ databaseUrl: database.url, store: stores[1] });
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await Promise.all((stores ?? []).map((s) => s.close()));
  await database?.drop();
});

/** Two MemoryStore clients of one keyspace. */
function linkedMemoryStores(): KeyValueStore[] {
  const keyspace = new MemoryKeyspace();
  return [new MemoryStore({ keyspace }), new MemoryStore({ keyspace })];
}

const me = (node: TestApp, token: string) => node.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

describe('two nodes starting at the same moment', () => {
  it('both come up on a fresh database, open the job queue and agree on one signing key', { timeout: 60_000 }, async () => {
    // Start-up races (signing key, queue schema, grants) show only sometimes: a few rounds make them likely.
    for (let round = 0; round < 3; round++) {
      const fresh = await createTestDatabase();
      const linked = linkedMemoryStores();
      const started = await Promise.allSettled(linked.map((store) => createTestApp({ databaseUrl: fresh.url, store })));
      const nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      try {
        const failures = started.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
        expect(failures, `round ${round}: runtimes`).toEqual([]);
        // What `catalytic serve` does next on each node: install and open the job queue.
        const queues = await Promise.allSettled(nodes.map((n) => n.runtime.queue.start()));
        expect(
          queues.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : [])),
          `round ${round}: queues`,
        ).toEqual([]);
        const [x, y] = nodes.map((n) => n.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }));
        expect((await x).json()).toEqual((await y).json());
      } finally {
        await Promise.all(nodes.map((n) => n.close()));
        await Promise.all(linked.map((s) => s.close()));
        await fresh.drop();
      }
    }
  });
});

describe('two nodes, one database, one shared store', () => {
  it('run with separate store clients', () => {
    expect(stores[0]).not.toBe(stores[1]);
    expect(stores[0].kind).toBe(process.env.REDIS_URL ? 'redis' : 'memory');
  });

  it('share signing keys: a token from A is valid on B and the JWKS match', async () => {
    const jwksA = (await a.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const jwksB = (await b.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwksA.keys).toHaveLength(1);
    expect(jwksB).toEqual(jwksA);
    const acct = await a.signup();
    const res = await me(b, acct.accessToken);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(acct.userId);
    const fromB = await b.login(acct.email, acct.password);
    expect((await me(a, fromB.accessToken)).statusCode).toBe(200);
  });

  it('let a user registered on A log in on B', async () => {
    const email = uniqueEmail('two-nodes');
    const reg = await a.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: STRONG_PASSWORD } });
    expect(reg.statusCode).toBe(201);
    const login = await b.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: STRONG_PASSWORD } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.id).toBe(reg.json().user_id);
    const dup = await b.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: STRONG_PASSWORD } });
    expect(dup.statusCode).toBe(409);
  });

  it('revoke on B at once after a logout on A, although B had the token cached', async () => {
    const acct = await a.signup();
    for (let i = 0; i < 3; i++) expect((await me(b, acct.accessToken)).statusCode).toBe(200);
    const out = await a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(acct.accessToken) });
    expect(out.statusCode).toBe(200);
    for (const node of [b, a]) {
      const res = await me(node, acct.accessToken);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('token_revoked');
      expect(res.json().detail).toContain('revoked');
    }
    const refresh = await b.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: acct.refreshToken } });
    expect(refresh.statusCode).toBe(401);
  });

  it('revoke every session on both nodes when A sees a refresh token reused', async () => {
    const acct = await a.signup();
    expect((await me(b, acct.accessToken)).statusCode).toBe(200);
    const rotated = await b.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: acct.refreshToken } });
    expect(rotated.statusCode).toBe(200);
    const reuse = await a.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: acct.refreshToken } });
    expect(reuse.statusCode).toBe(401);
    expect((await me(b, acct.accessToken)).statusCode).toBe(401);
    expect((await me(b, rotated.json().access_token)).statusCode).toBe(401);
  });

  it('stop a user deactivated through A on B at once', async () => {
    const acct = await a.signup();
    expect((await me(b, acct.accessToken)).statusCode).toBe(200);
    await a.runtime.db.systemQuery(`UPDATE users SET status = 'deactivated' WHERE id = $1`, [acct.userId]);
    await a.store.incr(`epoch:user:${acct.userId}`);
    expect((await me(b, acct.accessToken)).statusCode).toBe(401);
  });

  it('suspend a tenant through the admin route on A: B refuses its token and API key at once; reactivation on B lets them back on A', async () => {
    const operator = await a.signup();
    await a.runtime.services.platformAdmin.grant(operator.email);
    const victim = await b.signup();
    const key = (
      await b.app.inject({
        method: 'POST',
        url: '/api/v1/tenants/api-keys',
        headers: bearer(victim.accessToken),
        payload: { name: 'two-nodes', scopes: ['read'] },
      })
    ).json().key as string;
    const current = (node: TestApp, headers: Record<string, string>) =>
      node.app.inject({ method: 'GET', url: '/api/v1/tenants/current', headers });
    // Both nodes have the tenant's principals cached before the suspension.
    for (const node of [a, b]) {
      expect((await current(node, bearer(victim.accessToken))).statusCode).toBe(200);
      expect((await current(node, { 'x-api-key': key })).statusCode).toBe(200);
    }
    const admin = (node: TestApp, action: string) =>
      node.app.inject({ method: 'POST', url: `/api/v1/admin/tenants/${victim.tenantId}/${action}`, headers: bearer(operator.accessToken) });
    expect((await admin(a, 'suspend')).statusCode).toBe(200);
    for (const node of [b, a]) {
      for (const headers of [bearer(victim.accessToken), { 'x-api-key': key }]) {
        const res = await current(node, headers);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('account_disabled');
      }
    }
    expect((await admin(b, 'reactivate')).statusCode).toBe(200);
    for (const headers of [bearer(victim.accessToken), { 'x-api-key': key }]) expect((await current(a, headers)).statusCode).toBe(200);
  });

  it('count failed logins across both nodes: 3 on A + 2 on B lock the account on either', async () => {
    const acct = await a.signup();
    for (const [node, n] of [
      [a, 3],
      [b, 2],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const res = await node.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: acct.email, password: `Wrong-Pass-${i}x` },
        });
        expect(res.statusCode).toBe(401);
      }
    }
    for (const node of [a, b]) {
      const locked = await node.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: acct.email, password: acct.password },
      });
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(locked.json().code).toBe('rate_limited');
    }
  });
});
