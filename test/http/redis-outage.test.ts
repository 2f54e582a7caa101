import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revocationKeys } from '../../src/domain/auth/revocation.js';
import { RedisStore } from '../../src/platform/redis-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { bearer, createTestApp, type Account, type TestApp } from '../support/test-app.js';

// A Redis outage, on a private Redis the test freezes (SIGSTOP: commands hang,
// the case a command timeout exists for) and kills: requests fail fast with
// 503 + Retry-After, readiness says so, a logout still revokes (PostgreSQL
// first), and everything recovers by itself when Redis is back.
const COMMAND_TIMEOUT_MS = 300;
/** Generous for a loaded machine, far below the 15 s a request hung before. */
const FAIL_FAST_MS = 4_000;

let redis: RedisServer;
let store: RedisStore;
let t: TestApp;
let paused = false;

beforeAll(async () => {
  redis = await startRedisServer();
  store = new RedisStore(redis.url, '', undefined, { commandTimeoutMs: COMMAND_TIMEOUT_MS });
  t = await createTestApp({ store, env: { REDIS_URL: redis.url } });
});
afterAll(async () => {
  if (paused) redis.resume();
  await t?.close();
  await store?.close();
  await redis?.kill();
});

const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
const me = (token: string) => get('/api/v1/auth/me', token);

async function timed(run: () => Promise<LightMyRequestResponse>): Promise<{ res: LightMyRequestResponse; ms: number }> {
  const started = performance.now();
  const res = await run();
  return { res, ms: performance.now() - started };
}

function expectUnavailable({ res, ms }: { res: LightMyRequestResponse; ms: number }): void {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(res.json()).toMatchObject({ status: 503, code: 'service_unavailable' });
  expect(ms).toBeLessThan(FAIL_FAST_MS);
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ready = async () => (await get('/health/ready')).statusCode === 200;

describe('a Redis outage', () => {
  let a: Account;
  let b: Account;

  beforeAll(async () => {
    a = await t.signup();
    b = await t.signup();
    expect((await me(a.accessToken)).statusCode).toBe(200);
    // The revocation cache is warm: the outage below is of a Redis that still holds everything.
    await until(async () => (await store.get(revocationKeys.warm)) !== null, 'a warm revocation cache');
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('frozen: authenticated requests answer 503 with Retry-After at once, concurrently, never 500', async () => {
    redis.pause();
    paused = true;
    const all = await Promise.all(Array.from({ length: 8 }, () => timed(() => me(b.accessToken))));
    for (const r of all) expectUnavailable(r);
    const health = (await get('/health')).json();
    expect(health.checks.redis).toBe('error');
    expect(health.status).toBe('degraded');
  });

  it('frozen: /health/ready reports not ready, naming Redis', async () => {
    const res = await get('/health/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', unavailable: ['redis'] });
  });

  it('frozen: a logout still revokes, in PostgreSQL first, so its refresh token dies', async () => {
    const { res } = await timed(() => t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(a.accessToken) }));
    expect(res.statusCode, res.body).toBe(200);
    const refresh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: a.refreshToken } });
    expect(refresh.statusCode, refresh.body).toBe(401);
    expect(refresh.json().code).toBe('token_revoked');
  });

  it('thawed: recovers by itself, and the token logged out during the outage stays refused', async () => {
    redis.resume();
    paused = false;
    await until(ready, 'ready again');
    expect((await me(b.accessToken)).statusCode).toBe(200);
    // Redis kept its data, including the warm mark, but missed the logout: the node that failed to
    // cache it marked the cache cold, so the record in PostgreSQL is read and the cache rebuilt.
    const res = await me(a.accessToken);
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json().code).toBe('token_revoked');
  });

  it('killed, then back empty: 503 while down, then recovers, the logout still holding', async () => {
    await redis.kill();
    expectUnavailable(await timed(() => me(b.accessToken)));
    expect((await get('/health/ready')).statusCode).toBe(503);
    await redis.start();
    await until(ready, 'ready again');
    expect((await me(b.accessToken)).statusCode).toBe(200);
    expect((await me(a.accessToken)).statusCode).toBe(401);
  });
});
