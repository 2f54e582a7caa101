import type { CacheKey } from '../../engine/knowledge-cache-key.js';
import type { KnowledgeCache, KnowledgeCacheStats } from '../../engine/knowledge-cache.js';
import type { Database, Queryable } from '../../platform/database.js';
import { decodeCachedValue, encodeCachedValue } from './cached-value-codec.js';
import * as entries from './knowledge-cache-repository.js';

/** Where one operation's cache entries belong and what of them it needs. */
export interface CacheScope {
  tenantId: string;
  latticeId: string;
  /** The lattice's version and updated_at as read: together they change with any change to it. */
  version: number;
  updatedAt: string;
  operation: string;
  /** Trims what is stored (e.g. drops per-vertex arrays no response shows). */
  prepare?: (value: unknown) => unknown;
}

export interface KnowledgeStoreOptions {
  /** Byte budget of the whole table; 0 turns the cache off. */
  maxBytes: number;
  /** Told about a failed cache read or write; the operation itself goes on without the cache. */
  onError?: (err: unknown) => void;
}

interface Pending {
  value: unknown;
  done: Promise<void>;
}

const versionTag = (scope: CacheScope): string => `${scope.version}:${scope.updatedAt}`;
// Eviction scans the table: it runs once this process has written this share of the budget, or this long after the last.
const EVICT_EVERY_SHARE = 64;
const EVICT_EVERY_MS = 5000;

// One entry may take at most this share of the budget, so a few huge fields cannot flush everything else.
const MAX_ENTRY_SHARE = 16;
/**
 * Entries waiting to be written hold their value and its encoding in memory:
 * at most this share of the budget at once. Beyond it an entry is not cached
 * (a slow database must not make a process hold every large answer).
 */
const MAX_PENDING_SHARE = 8;

/**
 * The engine's KnowledgeCache persisted in PostgreSQL (`knowledge_cache`), so
 * every API and worker process shares one cache that outlives them. Writes
 * happen after the answer (write-behind): a response never waits for a
 * multi-megabyte insert, and until the row lands this process serves the
 * entry from memory. Least recently hit rows are evicted past the budget.
 */
export class KnowledgeStore {
  private readonly pending = new Map<string, Pending>();
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  /** Encoded bytes of the entries in `pending`. */
  private pendingBytes = 0;
  private writtenSinceEviction = 0;
  private lastEviction = 0;

  constructor(
    private readonly db: Database,
    private readonly o: KnowledgeStoreOptions,
  ) {}

  get enabled(): boolean {
    return this.o.maxBytes > 0;
  }

  /** A KnowledgeCache for one run of one operation on one lattice version. */
  forScope(scope: CacheScope): KnowledgeCache {
    return {
      get: (key) => this.get(scope, key),
      set: (key, value) => this.set(scope, key, value),
      invalidateLattice: () => this.db.tenantTransaction(scope.tenantId, (tx) => this.invalidate(tx, scope.tenantId, scope.latticeId)),
      stats: () => this.stats(),
    };
  }

  /** Drops every entry of the lattice, in the caller's transaction (e.g. the one that changes its field). */
  async invalidate(tx: Queryable, tenantId: string, latticeId: string): Promise<number> {
    for (const [id, entry] of this.pending) {
      if (id.startsWith(`${tenantId}:${latticeId}:`)) {
        this.pending.delete(id);
        entry.value = undefined;
      }
    }
    return entries.deleteForLattice(tx, tenantId, latticeId);
  }

  async stats(): Promise<KnowledgeCacheStats> {
    const { entries: count, bytes } = await this.db.systemTransaction((tx) => entries.totals(tx));
    const lookups = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: count,
      bytes,
      maxBytes: this.o.maxBytes,
      hitRatio: lookups === 0 ? 0 : this.hits / lookups,
    };
  }

  /** Resolves once every write-behind has landed (or failed); called before the pool closes. */
  async drain(): Promise<void> {
    await Promise.all([...this.pending.values()].map((p) => p.done));
  }

  private pendingId(scope: CacheScope, key: CacheKey): string {
    return `${scope.tenantId}:${scope.latticeId}:${key.entry}`;
  }

  private async get(scope: CacheScope, key: CacheKey): Promise<unknown | undefined> {
    if (!this.enabled) return undefined;
    const pending = this.pending.get(this.pendingId(scope, key));
    if (pending?.value !== undefined) {
      this.hits++;
      return pending.value;
    }
    try {
      const row = await this.db.selfScoped((db) =>
        entries.hit(db, { tenantId: scope.tenantId, key: key.entry, latticeId: scope.latticeId, latticeVersion: versionTag(scope) }),
      );
      if (row === undefined) {
        this.misses++;
        return undefined;
      }
      this.hits++;
      return decodeCachedValue(row.result, row.blob);
    } catch (err) {
      this.o.onError?.(err);
      this.misses++;
      return undefined;
    }
  }

  private async set(scope: CacheScope, key: CacheKey, value: unknown): Promise<void> {
    if (!this.enabled) return;
    const stored = scope.prepare ? scope.prepare(value) : value;
    const encoded = encodeCachedValue(stored);
    if (encoded.bytes > this.o.maxBytes / MAX_ENTRY_SHARE) return;
    if (this.pendingBytes + encoded.bytes > this.o.maxBytes / MAX_PENDING_SHARE) return;
    const id = this.pendingId(scope, key);
    const entry: Pending = { value: stored, done: Promise.resolve() };
    this.pendingBytes += encoded.bytes;
    entry.done = this.write(scope, key, encoded)
      .catch((err) => this.o.onError?.(err))
      .finally(() => {
        this.pendingBytes -= encoded.bytes;
        if (this.pending.get(id) === entry) this.pending.delete(id);
      });
    this.pending.set(id, entry);
  }

  private async write(scope: CacheScope, key: CacheKey, encoded: ReturnType<typeof encodeCachedValue>): Promise<void> {
    const written = await this.db.tenantTransaction(scope.tenantId, (tx) =>
      entries.write(tx, {
        tenantId: scope.tenantId,
        key: key.entry,
        latticeId: scope.latticeId,
        latticeVersion: versionTag(scope),
        operation: scope.operation,
        result: encoded.text,
        blob: encoded.blob,
        bytes: encoded.bytes,
        version: scope.version,
        updatedAt: scope.updatedAt,
      }),
    );
    if (!written) return;
    this.writtenSinceEviction += encoded.bytes;
    if (this.writtenSinceEviction >= this.o.maxBytes / EVICT_EVERY_SHARE || Date.now() - this.lastEviction >= EVICT_EVERY_MS) {
      this.writtenSinceEviction = 0;
      this.lastEviction = Date.now();
      await this.evict();
    }
  }

  /** Deletes the least recently hit rows until the table fits the budget; one statement. */
  private async evict(): Promise<void> {
    this.evictions += await this.db.systemTransaction((tx) => entries.evictBeyond(tx, this.o.maxBytes));
  }
}
