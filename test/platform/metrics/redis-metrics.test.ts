import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inMemoryMetrics, type InMemoryMetrics } from '../../../src/platform/metrics.js';
import { RedisStore } from '../../../src/platform/redis-store.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';

let redis: RedisServer;
let store: RedisStore;
let metrics: InMemoryMetrics;

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const by = Date.now() + ms;
  while (!check()) {
    if (Date.now() > by) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  redis = await startRedisServer();
  metrics = inMemoryMetrics();
  store = new RedisStore(redis.url, 'metrics-test:', metrics);
});
afterAll(async () => {
  await store?.close();
  await redis?.kill();
});

describe('RedisStore instrumentation', () => {
  it('times every call by name and follows the connection state', async () => {
    await store.ping();
    await until(() => metrics.value('redisConnected') === 1);
    await store.set('a', '1', 60);
    await store.get('a');
    await store.mget(['a', 'b']);
    await store.hit('w', 1000);
    await store.add('w', 2);
    await store.pttl('w');
    await store.incr('epoch');
    await store.del('a');
    for (const command of ['ping', 'set', 'get', 'mget', 'hit', 'add', 'pttl', 'incr', 'del']) {
      const seen = metrics.observations('redisDuration', { command });
      expect(seen.length, command).toBeGreaterThanOrEqual(1);
      for (const s of seen) expect(s).toBeGreaterThan(0);
    }
    expect(metrics.value('redisErrors')).toBe(0);
    expect(metrics.unknownLabelValues).toEqual([]);
  });

  it('counts failed calls and reports the connection down while Redis is killed, then up again', async () => {
    await redis.kill();
    await until(() => metrics.value('redisConnected') === 0);
    await expect(store.get('a')).rejects.toThrow();
    expect(metrics.value('redisErrors', { command: 'get' })).toBeGreaterThanOrEqual(1);
    await redis.start();
    await until(() => metrics.value('redisConnected') === 1, 20_000);
    await store.get('a');
  }, 40_000);
});
