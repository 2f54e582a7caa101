import type { CacheKey } from '../../engine/knowledge-cache-key.js';
import type { KnowledgeCache, KnowledgeCacheStats } from '../../engine/knowledge-cache.js';
import type pg from 'pg';
import type { Database, Queryable } from '../../platform/database.js';
import { decodeCachedValue, encodeCachedValue } from './cached-value-codec.js';

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_DIGEST = /^[0-9a-f]{64}$/;
const VERSION_TAG = /^\d+:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// Eviction scans the table: it runs once this process has written this share of the budget, or this long after the last.
const EVICT_EVERY_SHARE = 64;
const EVICT_EVERY_MS = 5000;

// One entry may take at most this share of the budget, so a few huge fields cannot flush everything else.
const MAX_ENTRY_SHARE = 16;

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
    const { rowCount } = await tx.query('DELETE FROM knowledge_cache WHERE tenant_id = $1 AND lattice_id = $2', [tenantId, latticeId]);
    return rowCount ?? 0;
  }

  async stats(): Promise<KnowledgeCacheStats> {
    const { rows } = await this.db.systemQuery<{ entries: number; bytes: string | null }>(
      'SELECT count(*)::int AS entries, sum(bytes) AS bytes FROM knowledge_cache',
    );
    const lookups = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: rows[0].entries,
      bytes: Number(rows[0].bytes ?? 0),
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
      const row = await this.lookup(scope, key);
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

  /**
   * The row for `key`, its hit counted, in ONE round trip: every synchronous
   * operation pays this lookup, so the transaction, its tenant scope and the
   * statement travel as one simple-protocol message. That protocol takes no
   * parameters; each value written into the text is first checked to be a
   * UUID, a hex digest or a version tag, so none can carry SQL. Cache rows are
   * disposable, so neither this hit count nor a write waits for the WAL flush.
   */
  private async lookup(scope: CacheScope, key: CacheKey): Promise<{ result: unknown; blob: Buffer | null } | undefined> {
    const tag = versionTag(scope);
    if (!UUID.test(scope.tenantId) || !UUID.test(scope.latticeId) || !HEX_DIGEST.test(key.entry) || !VERSION_TAG.test(tag)) {
      throw new Error('knowledge cache scope has an unexpected shape');
    }
    const client = await this.db.pool.connect();
    try {
      const results = (await client.query(
        `BEGIN; SET LOCAL synchronous_commit = off; SELECT set_config('app.tenant_id', '${scope.tenantId}', true);
         UPDATE knowledge_cache SET hits = hits + 1, last_hit_at = now()
         WHERE tenant_id = '${scope.tenantId}' AND key = '${key.entry}' AND lattice_id = '${scope.latticeId}' AND lattice_version = '${tag}'
         RETURNING result, blob;
         COMMIT`,
      )) as unknown as pg.QueryResult<{ result: unknown; blob: Buffer | null }>[];
      return results[3].rows[0];
    } catch (err) {
      // A failed statement leaves the transaction open and aborted: end it before the connection goes back.
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async set(scope: CacheScope, key: CacheKey, value: unknown): Promise<void> {
    if (!this.enabled) return;
    const stored = scope.prepare ? scope.prepare(value) : value;
    const encoded = encodeCachedValue(stored);
    if (encoded.bytes > this.o.maxBytes / MAX_ENTRY_SHARE) return;
    const id = this.pendingId(scope, key);
    const entry: Pending = { value: stored, done: Promise.resolve() };
    entry.done = this.write(scope, key, encoded)
      .catch((err) => this.o.onError?.(err))
      .finally(() => {
        if (this.pending.get(id) === entry) this.pending.delete(id);
      });
    this.pending.set(id, entry);
  }

  private async write(scope: CacheScope, key: CacheKey, encoded: ReturnType<typeof encodeCachedValue>): Promise<void> {
    // One statement: only while the lattice is still at the scope's version (it may have changed or gone
    // meanwhile) is the row written, and then rows of its older versions, never to be served again, go too.
    const { rowCount } = await this.db.tenantTransaction(scope.tenantId, async (tx) => {
      await tx.query('SET LOCAL synchronous_commit = off');
      return tx.query(
        `WITH current AS (
         SELECT 1 FROM lattices WHERE tenant_id = $1 AND id = $3 AND version = $9
           AND to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') = $10
       ), stale AS (
         DELETE FROM knowledge_cache WHERE tenant_id = $1 AND lattice_id = $3 AND lattice_version <> $4 AND EXISTS (SELECT 1 FROM current)
       )
       INSERT INTO knowledge_cache (tenant_id, key, lattice_id, lattice_version, operation, result, blob, bytes)
       SELECT $1, $2, $3, $4, $5, $6::jsonb, $7, $8 WHERE EXISTS (SELECT 1 FROM current)
       ON CONFLICT (tenant_id, key) DO UPDATE SET lattice_id = EXCLUDED.lattice_id, lattice_version = EXCLUDED.lattice_version,
         operation = EXCLUDED.operation, result = EXCLUDED.result, blob = EXCLUDED.blob, bytes = EXCLUDED.bytes, last_hit_at = now()`,
        [
          scope.tenantId,
          key.entry,
          scope.latticeId,
          versionTag(scope),
          scope.operation,
          encoded.text,
          encoded.blob,
          encoded.bytes,
          scope.version,
          scope.updatedAt,
        ],
      );
    });
    if ((rowCount ?? 0) === 0) return;
    this.writtenSinceEviction += encoded.bytes;
    if (this.writtenSinceEviction >= this.o.maxBytes / EVICT_EVERY_SHARE || Date.now() - this.lastEviction >= EVICT_EVERY_MS) {
      this.writtenSinceEviction = 0;
      this.lastEviction = Date.now();
      await this.evict();
    }
  }

  /** Deletes the least recently hit rows until the table fits the budget; one statement. */
  private async evict(): Promise<void> {
    const { rowCount } = await this.db.systemQuery(
      `DELETE FROM knowledge_cache k USING (
         SELECT tenant_id, key FROM (
           SELECT tenant_id, key, sum(bytes) OVER (ORDER BY last_hit_at DESC, key) AS running FROM knowledge_cache
         ) ranked WHERE running > $1
       ) old WHERE k.tenant_id = old.tenant_id AND k.key = old.key`,
      [this.o.maxBytes],
    );
    this.evictions += rowCount ?? 0;
  }
}
