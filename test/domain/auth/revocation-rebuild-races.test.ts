import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Revocations, revocationKeys } from '../../../src/domain/auth/revocation.js';
import type { KeyValueStore } from '../../../src/platform/key-value-store.js';
import { StoreUnavailable } from '../../../src/platform/key-value-store.js';
import { MemoryKeyspace } from '../../../src/platform/memory-keyspace.js';
import { MemoryStore } from '../../../src/platform/memory-store.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

/*
 * A node refills a cold revocation cache from PostgreSQL while other nodes
 * keep revoking. Each test holds the refill between its snapshot and its
 * first cache write, lets the other node act, then lets the refill finish:
 * whatever the other node revoked must still be refused from the warm cache.
 */

const ACCESS_TTL_SECONDS = 900;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** A store whose writes to one key wait, once, until released: the refill held after its snapshot. */
function holdFirstWriteTo(inner: KeyValueStore, key: string) {
  let reached!: () => void;
  let release!: () => void;
  const atWrite = new Promise<void>((r) => (reached = r));
  const released = new Promise<void>((r) => (release = r));
  let armed = true;
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (armed && (prop === 'set' || prop === 'setMax') && args[0] === key) {
          armed = false;
          reached();
          await released;
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, atWrite, release };
}

/** A node whose cache writes fail (its link to the store drops them) while reads and deletes go through. */
function droppingWrites(inner: KeyValueStore): KeyValueStore {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'set' || prop === 'setMax') return async () => Promise.reject(new StoreUnavailable(new Error('dropped')));
      return value.bind(target);
    },
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the failing node's `n`th failed cache write, then for its follow-up on the (in-memory, so immediate) store. */
async function untilReported(errors: string[], n: number): Promise<void> {
  const by = Date.now() + 10_000;
  while (errors.length < n) {
    if (Date.now() > by) throw new Error(`only ${errors.length} of ${n} failed cache writes reported`);
    await sleep(5);
  }
  expect(errors[n - 1]).toBe('revocation cache write');
  await sleep(50);
}

/**
 * A new user, one store keyspace (`shared` reads it), and a node whose first
 * write of that user's end of sessions is held (`held`).
 */
async function twoNodes() {
  const account = await t.signup();
  const keyspace = new MemoryKeyspace();
  const held = holdFirstWriteTo(new MemoryStore({ keyspace }), revocationKeys.revokedBefore(account.userId));
  const heldNode = new Revocations({ db: t.runtime.db, store: held.store, accessTtlSeconds: ACCESS_TTL_SECONDS });
  return { account, keyspace, shared: new MemoryStore({ keyspace }), held, heldNode };
}

describe('refilling the revocation cache while other nodes revoke', () => {
  it('keeps a later end of sessions that another node cached during the refill, not the older snapshot', async () => {
    const { account, shared, held, heldNode: refilling, keyspace } = await twoNodes();
    const other = new Revocations({ db: t.runtime.db, store: new MemoryStore({ keyspace }), accessTtlSeconds: ACCESS_TTL_SECONDS });

    // Sessions ended once and recorded; the cache is cold (as after a Redis restart).
    await other.endSessions(account.tenantId, account.userId);
    const firstEndMs = Number(await shared.get(revocationKeys.revokedBefore(account.userId)));
    await shared.del(revocationKeys.revokedBefore(account.userId), revocationKeys.warm);

    // A request on the refilling node finds the cache cold: it reads PostgreSQL and starts the refill.
    const probe = { jti: 'not-logged-out', userId: account.userId, tenantId: account.tenantId, issuedMs: firstEndMs - 1 };
    expect(await refilling.verdict(probe, await refilling.cached(probe.jti, probe.userId))).toBe('sessions');
    await held.atWrite;

    // While the refill holds its snapshot (the first end), the user's sessions end again elsewhere.
    await sleep(5);
    await other.endSessions(account.tenantId, account.userId);
    const secondEndMs = Number(await shared.get(revocationKeys.revokedBefore(account.userId)));
    expect(secondEndMs).toBeGreaterThan(firstEndMs);

    held.release();
    await refilling.settled();
    expect(await shared.get(revocationKeys.warm)).not.toBeNull();
    expect(Number(await shared.get(revocationKeys.revokedBefore(account.userId)))).toBe(secondEndMs);
    // A token issued between the two ends is refused from the warm cache.
    const between = { ...probe, issuedMs: secondEndMs - 1 };
    const cached = await other.cached(between.jti, between.userId);
    expect(cached?.[2]).not.toBeNull();
    expect(await other.verdict(between, cached)).toBe('sessions');
  });

  it('two nodes ending sessions at once leave the later end cached, whichever write lands last', async () => {
    const { account, shared, held, heldNode: slow, keyspace } = await twoNodes();
    const fast = new Revocations({ db: t.runtime.db, store: new MemoryStore({ keyspace }), accessTtlSeconds: ACCESS_TTL_SECONDS });

    const slowEnd = slow.endSessions(account.tenantId, account.userId);
    await held.atWrite;
    await sleep(5);
    await fast.endSessions(account.tenantId, account.userId);
    const laterMs = Number(await shared.get(revocationKeys.revokedBefore(account.userId)));
    held.release();
    await slowEnd;
    expect(Number(await shared.get(revocationKeys.revokedBefore(account.userId)))).toBe(laterMs);
  });

  it('does not mark the cache warm when another node failed to cache a revocation while the refill ran', async () => {
    const { account, shared, held, heldNode: refilling, keyspace } = await twoNodes();
    const errors: string[] = [];
    const failing = new Revocations({
      db: t.runtime.db,
      store: droppingWrites(new MemoryStore({ keyspace })),
      accessTtlSeconds: ACCESS_TTL_SECONDS,
      onError: (_err, what) => errors.push(what),
    });

    // Something for the refill to write (so it can be held), then a cold cache.
    await failing.endSessions(account.tenantId, account.userId);
    await untilReported(errors, 1);
    const probe = { jti: 'any', userId: account.userId, tenantId: account.tenantId, issuedMs: Date.now() + 60_000 };
    await refilling.verdict(probe, await refilling.cached(probe.jti, probe.userId));
    await held.atWrite;

    // During the refill, after its snapshot: a logout on the failing node is recorded but not cached.
    await failing.cacheToken('logged-out-during-refill', Math.floor(Date.now() / 1000) + ACCESS_TTL_SECONDS);
    await untilReported(errors, 2);

    held.release();
    await refilling.settled();
    // The refill's snapshot cannot hold that logout, so the cache must stay cold: every node reads PostgreSQL.
    expect(await shared.get(revocationKeys.warm)).toBeNull();
  });
});
