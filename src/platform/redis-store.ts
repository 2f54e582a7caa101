import { Redis } from 'ioredis';
import { type KeyValueStore, StoreUnavailable } from './key-value-store.js';
import type { Metrics } from './metrics.js';
import { REDIS_COMMANDS } from './metrics/label-sets.js';

type Command = (typeof REDIS_COMMANDS.values)[number];
type Instruments = Record<Command, { duration: { observe(v: number): void }; errors: { inc(): void } }>;

// INCR and the window's expiry in one atomic step; returns [count, pttl].
const HIT_SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {c, t}`;

// SET with EX unless the key holds a number at least as large (a missing or non-numeric value is replaced).
const SET_MAX_SCRIPT = `
local held = tonumber(redis.call('GET', KEYS[1]))
if held and held >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

export class RedisStore implements KeyValueStore {
  readonly kind = 'redis' as const;
  private readonly client: Redis;
  private readonly instruments: Instruments | null;

  /**
   * With `metrics`, every call's latency and failures are recorded, and the connection state is a gauge.
   * `commandTimeoutMs`: a command not answered in this time (Redis down, hung or unreachable) fails with
   * StoreUnavailable instead of waiting for a reconnect; the client keeps reconnecting by itself.
   */
  constructor(url: string, keyPrefix = '', metrics?: Metrics, { commandTimeoutMs = 500 }: { commandTimeoutMs?: number } = {}) {
    // enableAutoPipelining batches concurrent commands into one write: most of
    // the hot path's cost at high request rates is round trips, not Redis work.
    // The offline queue stays (commands issued while connecting wait for it),
    // but commandTimeout bounds every wait there too.
    this.client = new Redis(url, {
      keyPrefix,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 1,
      commandTimeout: commandTimeoutMs,
      connectTimeout: Math.max(1000, commandTimeoutMs * 2),
      lazyConnect: false,
    });
    this.client.on('error', () => undefined);
    this.client.defineCommand('catalyticHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.client.defineCommand('catalyticSetMax', { numberOfKeys: 1, lua: SET_MAX_SCRIPT });
    this.instruments = metrics ? instrument(this.client, metrics) : null;
  }

  /** Runs one call, timing it and counting its failure when metrics were given; a failure is StoreUnavailable. */
  private async call<T>(command: Command | null, run: () => Promise<T>): Promise<T> {
    const i = command ? this.instruments?.[command] : undefined;
    const started = performance.now();
    try {
      return await run();
    } catch (err) {
      i?.errors.inc();
      throw new StoreUnavailable(err);
    } finally {
      i?.duration.observe((performance.now() - started) / 1000);
    }
  }

  async get(key: string): Promise<string | null> {
    return this.call('get', () => this.client.get(key));
  }

  async mget(keys: string[]): Promise<(string | null)[]> {
    return keys.length === 0 ? [] : this.call('mget', () => this.client.mget(keys));
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    await this.call('set', () =>
      ttlSeconds && ttlSeconds > 0 ? this.client.set(key, value, 'EX', Math.ceil(ttlSeconds)) : this.client.set(key, value),
    );
  }

  async setMax(key: string, value: number, ttlSeconds: number): Promise<void> {
    const scripted = this.client as unknown as { catalyticSetMax(k: string, v: string, ttl: number): Promise<number> };
    await this.call('set', () => scripted.catalyticSetMax(key, String(value), Math.max(1, Math.ceil(ttlSeconds))));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.call(null, () => this.client.set(key, value, 'PX', ttlMs, 'NX'))) === 'OK';
  }

  async del(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.call('del', () => this.client.del(...keys));
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const scripted = this.client as unknown as { catalyticHit(k: string, w: number): Promise<[number, number]> };
    const [count, ttl] = await this.call('hit', () => scripted.catalyticHit(key, windowMs));
    return { count, resetMs: ttl };
  }

  async add(key: string, n: number): Promise<number> {
    return this.call('add', () => this.client.incrby(key, n));
  }

  async pttl(key: string): Promise<number> {
    return Math.max(0, await this.call('pttl', () => this.client.pttl(key)));
  }

  async incr(key: string): Promise<number> {
    return this.call('incr', () => this.client.incr(key));
  }

  async ping(): Promise<void> {
    await this.call('ping', () => this.client.ping());
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** Children resolved once per call name, and the connection state followed through the client's events. */
function instrument(client: Redis, metrics: Metrics): Instruments {
  const connected = (up: boolean) => metrics.redisConnected.set({}, up ? 1 : 0);
  connected(client.status === 'ready');
  client.on('ready', () => connected(true));
  client.on('close', () => connected(false));
  client.on('end', () => connected(false));
  return Object.fromEntries(
    REDIS_COMMANDS.values.map((command) => {
      const errors = metrics.redisErrors.child({ command });
      // Present at 0 from the start, so error rates read 0 rather than "no data".
      errors.inc(0);
      return [command, { duration: metrics.redisDuration.child({ command }), errors }];
    }),
  ) as Instruments;
}
