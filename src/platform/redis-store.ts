import { Redis } from 'ioredis';
import type { KeyValueStore } from './key-value-store.js';

// INCR and the window's expiry in one atomic step; returns [count, pttl].
const HIT_SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {c, t}`;

export class RedisStore implements KeyValueStore {
  readonly kind = 'redis' as const;
  private readonly client: Redis;

  constructor(url: string, keyPrefix = '') {
    // enableAutoPipelining batches concurrent commands into one write: most of
    // the hot path's cost at high request rates is round trips, not Redis work.
    this.client = new Redis(url, { keyPrefix, enableAutoPipelining: true, maxRetriesPerRequest: 2, lazyConnect: false });
    this.client.on('error', () => undefined);
    this.client.defineCommand('catalyticHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(key);
  }

  async mget(keys: string[]): Promise<(string | null)[]> {
    return keys.length === 0 ? [] : this.client.mget(keys);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    if (ttlSeconds && ttlSeconds > 0) await this.client.set(key, value, 'EX', Math.ceil(ttlSeconds));
    else await this.client.set(key, value);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async del(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.client.del(...keys);
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const [count, ttl] = await (this.client as unknown as { catalyticHit(k: string, w: number): Promise<[number, number]> }).catalyticHit(
      key,
      windowMs,
    );
    return { count, resetMs: ttl };
  }

  async add(key: string, n: number): Promise<number> {
    return this.client.incrby(key, n);
  }

  async pttl(key: string): Promise<number> {
    return Math.max(0, await this.client.pttl(key));
  }

  async incr(key: string): Promise<number> {
    return this.client.incr(key);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
