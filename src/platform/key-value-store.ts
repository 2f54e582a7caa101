/**
 * The shared state every API node must agree on: token revocation, login
 * failure counters, rate-limit windows, principal cache epochs. Backed by Redis
 * when configured, by an in-process map otherwise (single node only).
 */
export interface KeyValueStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  mget(keys: string[]): Promise<(string | null)[]>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /**
   * Sets `key` to the number `value` with a TTL unless it already holds a
   * number at least as large, atomically: of two writers racing, the larger
   * value stays, whichever lands last.
   */
  setMax(key: string, value: number, ttlSeconds: number): Promise<void>;
  /** Sets `key` only when it is absent (SET NX); true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(...keys: string[]): Promise<void>;
  /** Increments a counter; the first increment starts its window of `windowMs`. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /** Milliseconds until `key` expires; 0 when it is absent or has no expiry. */
  pttl(key: string): Promise<number>;
  /** Adds `n` to a counter, keeping its expiry; returns the new value. */
  add(key: string, n: number): Promise<number>;
  /** Increments a value that never expires (epochs). */
  incr(key: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The shared store did not answer (down, unreachable, or slower than its
 * command timeout). Requests that need it answer 503 with Retry-After; the
 * client reconnects by itself.
 */
export class StoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The shared store is unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'StoreUnavailable';
  }
}
