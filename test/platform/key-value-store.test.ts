/**
 * The contract of KeyValueStore, run against both implementations: the
 * in-memory stand-in and Redis. Redis is the one at REDIS_URL (each test on a
 * key prefix of its own) or, when REDIS_URL is unset, a redis-server this
 * suite starts on a free port, so both pass over the same assertions.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/platform/key-value-store.js';
import { MemoryKeyspace } from '../../src/platform/memory-keyspace.js';
import { MemoryStore } from '../../src/platform/memory-store.js';
import { RedisStore } from '../../src/platform/redis-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

interface Backend {
  /** `n` clients linked to one fresh, empty keyspace (a new key prefix on Redis). */
  clients(n: number): KeyValueStore[];
}

let server: RedisServer | undefined;
let redisUrl: string;
beforeAll(async () => {
  if (process.env.REDIS_URL) redisUrl = process.env.REDIS_URL;
  else {
    server = await startRedisServer();
    redisUrl = server.url;
  }
});
afterAll(async () => {
  await server?.stop();
});

const BACKENDS: [string, Backend][] = [
  [
    'MemoryStore',
    {
      clients: (n) => {
        const keyspace = new MemoryKeyspace();
        return Array.from({ length: n }, () => new MemoryStore({ keyspace }));
      },
    },
  ],
  [
    'RedisStore',
    {
      clients: (n) => {
        const prefix = `test:kv-contract:${randomBytes(6).toString('hex')}:`;
        return Array.from({ length: n }, () => new RedisStore(redisUrl, prefix));
      },
    },
  ],
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BACKENDS)('%s', (_name, backend) => {
  /** Runs `fn` with `n` linked clients and closes them afterwards. */
  async function using(n: number, fn: (...stores: KeyValueStore[]) => Promise<void>): Promise<void> {
    const stores = backend.clients(n);
    try {
      await fn(...stores);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  }

  it('reads back what it wrote; an unknown key is null; set replaces', () =>
    using(1, async (s) => {
      expect(await s.get('absent')).toBeNull();
      await s.set('k', 'one');
      expect(await s.get('k')).toBe('one');
      await s.set('k', 'two');
      expect(await s.get('k')).toBe('two');
    }));

  it('mget answers in the order asked, null for missing keys, [] for none', () =>
    using(1, async (s) => {
      await s.set('a', '1');
      await s.set('c', '3');
      expect(await s.mget(['a', 'b', 'c'])).toEqual(['1', null, '3']);
      expect(await s.mget([])).toEqual([]);
    }));

  it('forgets a key set with a TTL once it expires, and reports the time left before', () =>
    using(1, async (s) => {
      await s.set('short', 'v', 1);
      const left = await s.pttl('short');
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(1000);
      await sleep(1150);
      expect(await s.get('short')).toBeNull();
      expect(await s.pttl('short')).toBe(0);
    }));

  it('del removes every key named, absent ones included', () =>
    using(1, async (s) => {
      await s.set('x', '1');
      await s.set('y', '2');
      await s.del('x', 'y', 'never-set');
      expect(await s.mget(['x', 'y'])).toEqual([null, null]);
      await s.del();
    }));

  it('hit counts within a window that starts at the first hit, then starts over', () =>
    using(1, async (s) => {
      const first = await s.hit('window', 300);
      expect(first.count).toBe(1);
      expect(first.resetMs).toBeGreaterThan(0);
      expect(first.resetMs).toBeLessThanOrEqual(300);
      const second = await s.hit('window', 300);
      expect(second.count).toBe(2);
      expect(second.resetMs).toBeLessThanOrEqual(first.resetMs);
      await sleep(400);
      expect((await s.hit('window', 300)).count).toBe(1);
    }));

  it('add adds to a counter and keeps its expiry; on a new key it starts from 0 without one', () =>
    using(1, async (s) => {
      await s.hit('counted', 60_000);
      expect(await s.add('counted', 41)).toBe(42);
      expect(await s.get('counted')).toBe('42');
      expect(await s.pttl('counted')).toBeGreaterThan(0);
      expect(await s.add('fresh', 5)).toBe(5);
      expect(await s.pttl('fresh')).toBe(0);
    }));

  it('setMax keeps the larger number, whichever write lands last, and sets the TTL when it writes', () =>
    using(2, async (a, b) => {
      await a.setMax('end', 1_796_306_393_947, 60);
      await b.setMax('end', 1_796_306_393_900, 600);
      expect(await a.get('end')).toBe('1796306393947');
      expect(await a.pttl('end')).toBeLessThanOrEqual(60_000);
      await b.setMax('end', 1_796_306_394_003, 120);
      expect(await a.get('end')).toBe('1796306394003');
      expect(await a.pttl('end')).toBeGreaterThan(60_000);
      await a.set('text', 'not a number');
      await a.setMax('text', 5, 60);
      expect(await b.get('text')).toBe('5');
      await Promise.all([a.setMax('raced', 2, 60), b.setMax('raced', 3, 60), a.setMax('raced', 1, 60)]);
      expect(await b.get('raced')).toBe('3');
    }));

  it('incr counts up a value that never expires; pttl is 0 for it and for absent keys', () =>
    using(1, async (s) => {
      expect(await s.incr('epoch')).toBe(1);
      expect(await s.incr('epoch')).toBe(2);
      expect(await s.get('epoch')).toBe('2');
      expect(await s.pttl('epoch')).toBe(0);
      expect(await s.pttl('absent')).toBe(0);
    }));

  it('setIfAbsent writes only when the key is absent, across clients, with its TTL', () =>
    using(2, async (a, b) => {
      const results = await Promise.all([a.setIfAbsent('seed', 'a', 60_000), b.setIfAbsent('seed', 'b', 60_000)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.get('seed')).toBe(results[0] ? 'a' : 'b');
      expect(await b.pttl('seed')).toBeGreaterThan(50_000);
      expect(await b.setIfAbsent('seed', 'c', 60_000)).toBe(false);
    }));

  it('links its clients: what one writes, counts or deletes, the other sees at once', () =>
    using(2, async (a, b) => {
      expect(a).not.toBe(b);
      await a.set('shared', 'from-a', 60);
      expect(await b.get('shared')).toBe('from-a');
      await a.hit('logins', 60_000);
      await a.hit('logins', 60_000);
      expect((await b.hit('logins', 60_000)).count).toBe(3);
      await b.incr('epoch:user:1');
      expect(await a.mget(['epoch:user:1', 'shared'])).toEqual(['1', 'from-a']);
      await b.del('shared');
      expect(await a.get('shared')).toBeNull();
    }));

  it('answers ping; a closed client refuses calls while the others go on', () =>
    using(2, async (a, b) => {
      await a.ping();
      await a.set('still-there', 'yes');
      await a.close();
      await expect(a.get('still-there')).rejects.toThrow();
      expect(await b.get('still-there')).toBe('yes');
    }));
});
