import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredRevocations, revocationKeys } from '../../src/domain/auth/revocation.js';
import { MemoryStore } from '../../src/platform/memory-store.js';
import { RedisStore } from '../../src/platform/redis-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { bearer, createTestApp, type Account, type TestApp } from '../support/test-app.js';

// PostgreSQL is the record of revocations and the shared store only a cache:
// a store that comes back empty (a Redis restart, or the embedded store of a
// restarted process) must not bring a logged-out token back to life.
let redis: RedisServer;
let store: RedisStore;
let t: TestApp;

beforeAll(async () => {
  redis = await startRedisServer();
  store = new RedisStore(redis.url);
  t = await createTestApp({ store });
});
afterAll(async () => {
  await t?.close();
  await store?.close();
  await redis?.stop();
});

const me = (app: TestApp, token: string) => app.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
const refresh = (app: TestApp, token: string) =>
  app.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: token } });

async function logout(account: Account): Promise<void> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(account.accessToken) });
  expect(res.statusCode, res.body).toBe(200);
}

/** Restarts the private Redis empty and waits until the app's client is connected again. */
async function restartRedisEmpty(): Promise<void> {
  await redis.kill();
  await redis.start();
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await store.ping();
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  expect(await store.get(revocationKeys.warm)).toBeNull();
}

function expectRevoked(res: { statusCode: number; body: string; json(): { code: string } }): void {
  expect(res.statusCode, res.body).toBe(401);
  expect(res.json().code).toBe('token_revoked');
}

describe('revocations outlive an empty store', () => {
  it('a logged-out token is still refused after Redis restarts empty, and the cache is rebuilt from PostgreSQL', async () => {
    const account = await t.signup();
    const other = await t.signup();
    expect((await me(t, account.accessToken)).statusCode).toBe(200);
    // That read found the store cold and started a rebuild in the background: let it finish, or it
    // could mark the store emptied below warm (a read is one round trip: the test outruns it).
    const warmBy = Date.now() + 10_000;
    while ((await store.get(revocationKeys.warm)) === null && Date.now() < warmBy) await new Promise((r) => setTimeout(r, 50));
    expect(await store.get(revocationKeys.warm)).not.toBeNull();
    await logout(account);
    expectRevoked(await me(t, account.accessToken));

    await restartRedisEmpty();
    expect(
      await store.get(revocationKeys.blacklist(JSON.parse(Buffer.from(account.accessToken.split('.')[1], 'base64url').toString()).jti)),
    ).toBeNull();
    expectRevoked(await me(t, account.accessToken));
    expectRevoked(await refresh(t, account.refreshToken));
    // Other sessions still work while the cache is cold.
    expect((await me(t, other.accessToken)).statusCode).toBe(200);

    // The cold read started a rebuild: the store is warm again and holds the revocation.
    const deadline = Date.now() + 10_000;
    while ((await store.get(revocationKeys.warm)) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await store.get(revocationKeys.warm)).not.toBeNull();
    const jti = JSON.parse(Buffer.from(account.accessToken.split('.')[1], 'base64url').toString()).jti;
    expect(await store.get(revocationKeys.blacklist(jti))).toBe('revoked');
    expectRevoked(await me(t, account.accessToken));
    expect((await me(t, other.accessToken)).statusCode).toBe(200);
  });

  it('a reused refresh token ends every session, and that holds after Redis restarts empty (revoked-before)', async () => {
    const account = await t.signup();
    const second = await t.login(account.email, account.password);
    const rotated = await refresh(t, account.refreshToken);
    expect(rotated.statusCode, rotated.body).toBe(200);
    // Reuse of the spent token: theft; every access token of the user dies.
    expectRevoked(await refresh(t, account.refreshToken));
    expectRevoked(await me(t, second.accessToken));

    await restartRedisEmpty();
    expectRevoked(await me(t, second.accessToken));
    expectRevoked(await me(t, rotated.json().access_token));
    // A login after the revocation works.
    const fresh = await t.login(account.email, account.password);
    expect((await me(t, fresh.accessToken)).statusCode).toBe(200);
  });

  it('a restarted process with the embedded store (empty) still refuses a logged-out token', async () => {
    const account = await t.signup();
    await logout(account);
    const restarted = await createTestApp({ databaseUrl: t.databaseUrl, store: new MemoryStore() });
    try {
      expectRevoked(await me(restarted, account.accessToken));
      expectRevoked(await refresh(restarted, account.refreshToken));
    } finally {
      await restarted.close();
      await restarted.store.close();
    }
  });
});

describe('POST /auth/verify reports revoked tokens as invalid', () => {
  const verify = (token: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/verify', payload: { token } });

  it('a logged-out access token and its refresh token', async () => {
    const account = await t.signup();
    expect((await verify(account.accessToken)).statusCode).toBe(200);
    expect((await verify(account.refreshToken)).statusCode).toBe(200);
    await logout(account);
    expectRevoked(await verify(account.accessToken));
    expectRevoked(await verify(account.refreshToken));
  });

  it('an access token of a user whose sessions ended (revoked-before), and a spent refresh token', async () => {
    const account = await t.signup();
    const rotated = await refresh(t, account.refreshToken);
    expect(rotated.statusCode).toBe(200);
    expectRevoked(await verify(account.refreshToken));
    expect((await verify(rotated.json().access_token)).statusCode).toBe(200);
    expectRevoked(await refresh(t, account.refreshToken));
    expectRevoked(await verify(rotated.json().access_token));
    expectRevoked(await verify(account.accessToken));
  });
});

describe('the record is swept', () => {
  it('logged-out tokens that have expired anyway are purged; live ones stay', async () => {
    const account = await t.signup();
    await logout(account);
    const live = JSON.parse(Buffer.from(account.accessToken.split('.')[1], 'base64url').toString()).jti;
    await t.runtime.db.systemQuery(
      `INSERT INTO revoked_access_tokens (jti, tenant_id, user_id, expires_at) VALUES ('expired-jti', $1, $2, now() - interval '1 second')`,
      [account.tenantId, account.userId],
    );
    expect(await purgeExpiredRevocations(t.runtime.db)).toBeGreaterThanOrEqual(1);
    const { rows } = await t.runtime.db.systemQuery<{ jti: string }>('SELECT jti FROM revoked_access_tokens WHERE jti = ANY($1)', [
      ['expired-jti', live],
    ]);
    expect(rows.map((r) => r.jti)).toEqual([live]);
  });
});
