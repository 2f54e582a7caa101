interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The data of the in-process stand-in for Redis: what a Redis server holds.
 * Clients (MemoryStore) read and write it; one keyspace shared by several
 * clients links them the way one Redis server links its clients.
 */
export class MemoryKeyspace {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(readonly now: () => number = Date.now) {
    // Expired keys are dropped lazily on read; the sweep bounds memory for keys never read again.
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** The live entry of `key`; an expired one is dropped on sight. */
  live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Stores `value`, expiring at `expiresAt` (Infinity: never). */
  put(key: string, value: string, expiresAt: number): void {
    this.entries.set(key, { value, expiresAt });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Stops the sweep; the data stays readable. */
  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.entries) if (e.expiresAt <= t) this.entries.delete(k);
  }
}
