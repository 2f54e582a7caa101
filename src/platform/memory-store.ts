import type { KeyValueStore } from './key-value-store.js';
import { MemoryKeyspace } from './memory-keyspace.js';

export interface MemoryStoreOptions {
  /** The data this client works on; several clients of one keyspace see each other's writes. Default: its own. */
  keyspace?: MemoryKeyspace;
}

/**
 * A client of the in-process stand-in for Redis, with the same semantics for
 * the calls we use. Like a Redis client it refuses calls once closed; closing
 * it stops the keyspace's sweep only when the keyspace is its own.
 */
export class MemoryStore implements KeyValueStore {
  readonly kind = 'memory' as const;
  private readonly keyspace: MemoryKeyspace;
  private readonly ownsKeyspace: boolean;
  private closed = false;

  constructor(opts: MemoryStoreOptions = {}) {
    this.ownsKeyspace = opts.keyspace === undefined;
    this.keyspace = opts.keyspace ?? new MemoryKeyspace();
  }

  private open(): MemoryKeyspace {
    if (this.closed) throw new Error('The store client is closed');
    return this.keyspace;
  }

  async get(key: string): Promise<string | null> {
    return this.open().live(key)?.value ?? null;
  }

  async mget(keys: string[]): Promise<(string | null)[]> {
    const ks = this.open();
    return keys.map((k) => ks.live(k)?.value ?? null);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    const ks = this.open();
    ks.put(key, value, ttlSeconds && ttlSeconds > 0 ? ks.now() + ttlSeconds * 1000 : Infinity);
  }

  async setMax(key: string, value: number, ttlSeconds: number): Promise<void> {
    const ks = this.open();
    const held = Number(ks.live(key)?.value);
    if (held >= value) return;
    ks.put(key, String(value), ks.now() + ttlSeconds * 1000);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const ks = this.open();
    if (ks.live(key)) return false;
    ks.put(key, value, ks.now() + ttlMs);
    return true;
  }

  async del(...keys: string[]): Promise<void> {
    const ks = this.open();
    for (const k of keys) ks.delete(k);
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const ks = this.open();
    const e = ks.live(key);
    if (!e) {
      ks.put(key, '1', ks.now() + windowMs);
      return { count: 1, resetMs: windowMs };
    }
    e.value = String(Number(e.value) + 1);
    return { count: Number(e.value), resetMs: e.expiresAt - ks.now() };
  }

  async add(key: string, n: number): Promise<number> {
    const ks = this.open();
    const e = ks.live(key);
    const next = (e ? Number(e.value) : 0) + n;
    ks.put(key, String(next), e?.expiresAt ?? Infinity);
    return next;
  }

  async pttl(key: string): Promise<number> {
    const ks = this.open();
    const e = ks.live(key);
    return e && Number.isFinite(e.expiresAt) ? e.expiresAt - ks.now() : 0;
  }

  async incr(key: string): Promise<number> {
    return this.add(key, 1);
  }

  async ping(): Promise<void> {
    this.open();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.ownsKeyspace) this.keyspace.close();
  }
}
