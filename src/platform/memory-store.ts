import type { KeyValueStore } from './key-value-store.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/** The in-process stand-in for Redis, with the same semantics for the calls we use. */
export class MemoryStore implements KeyValueStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    // Expired keys are dropped lazily on read; the sweep bounds memory for keys never read again.
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.entries) if (e.expiresAt <= t) this.entries.delete(k);
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async mget(keys: string[]): Promise<(string | null)[]> {
    return keys.map((k) => this.live(k)?.value ?? null);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    const expiresAt = ttlSeconds && ttlSeconds > 0 ? this.now() + ttlSeconds * 1000 : Infinity;
    this.entries.set(key, { value, expiresAt });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async del(...keys: string[]): Promise<void> {
    for (const k of keys) this.entries.delete(k);
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const e = this.live(key);
    if (!e) {
      this.entries.set(key, { value: '1', expiresAt: this.now() + windowMs });
      return { count: 1, resetMs: windowMs };
    }
    e.value = String(Number(e.value) + 1);
    return { count: Number(e.value), resetMs: e.expiresAt - this.now() };
  }

  async add(key: string, n: number): Promise<number> {
    const e = this.live(key);
    const next = (e ? Number(e.value) : 0) + n;
    this.entries.set(key, { value: String(next), expiresAt: e?.expiresAt ?? Infinity });
    return next;
  }

  async pttl(key: string): Promise<number> {
    const e = this.live(key);
    return e && Number.isFinite(e.expiresAt) ? e.expiresAt - this.now() : 0;
  }

  async incr(key: string): Promise<number> {
    const e = this.live(key);
    const next = (e ? Number(e.value) : 0) + 1;
    this.entries.set(key, { value: String(next), expiresAt: e?.expiresAt ?? Infinity });
    return next;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}
