import type { Database, Queryable } from '../../platform/database.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import * as record from './revocation-repository.js';

/**
 * The shared keys that make revocation instant on every node. The
 * authenticator reads all of them for a request in one MGET.
 */
export const revocationKeys = {
  /** API.md contract: a logged-out access token, TTL = its remaining lifetime. */
  blacklist: (jti: string) => `blacklist:${jti}`,
  /** Access tokens of this user issued (claim `iat_ms`) at or before this millisecond are dead. */
  revokedBefore: (userId: string) => `revoked-before:user:${userId}`,
  /**
   * Present while the store holds every revocation PostgreSQL records: set
   * after a rebuild, absent in a store that restarted empty (or that a node
   * failed to write to), which sends every node to PostgreSQL until rebuilt.
   */
  warm: 'revocations:warm',
  /** Held by the one node rebuilding the cache. */
  rebuilding: 'revocations:rebuilding',
  /**
   * Counts the cache writes that failed. A rebuild that sees it move while it
   * runs does not leave the cache marked warm: a write it missed may be one of them.
   */
  missedWrites: 'revocations:missed-writes',
  /** Bumped whenever a cached view of the user, tenant or key goes stale. */
  userEpoch: (userId: string) => `epoch:user:${userId}`,
  tenantEpoch: (tenantId: string) => `epoch:tenant:${tenantId}`,
  apiKeyEpoch: (keyId: string) => `epoch:apikey:${keyId}`,
};

/** Drops logged-out tokens that have expired anyway (the worker's periodic sweep). */
export function purgeExpiredRevocations(db: Database): Promise<number> {
  return db.systemTransaction((tx) => record.purgeExpired(tx));
}

/** Why an access token is refused: it was logged out, or every session of its user was ended. */
export type RevocationVerdict = 'token' | 'sessions' | null;

export interface RevocationOptions {
  db: Database;
  store: KeyValueStore;
  accessTtlSeconds: number;
  clock?: () => number;
  /** A cache write or rebuild failed (the record in PostgreSQL holds; the cache is rebuilt). */
  onError?: (err: unknown, what: string) => void;
  /** Told when every session of a user is ended (for the revocation metrics). */
  onSessionsEnded?: () => void;
}

const REBUILD_BATCH = 500;
const STALE_RETRY_MS = 1000;

/**
 * Revocations: PostgreSQL is the record, written first, in the transaction of
 * the change (logout, a reused refresh token, a password reset, a
 * deactivation); the shared store is a cache of it. While the cache is warm a
 * request costs no database round trip; when it is cold (the store restarted
 * empty) or the store does not answer, the record is read instead, and a cold
 * store is rebuilt from it. A cache write that fails marks the cache cold as
 * soon as the store answers again, so no node trusts a cache that missed one.
 */
export class Revocations {
  private readonly now: () => number;
  private rebuilding: Promise<void> | null = null;
  private staleLoop = false;

  constructor(private readonly o: RevocationOptions) {
    this.now = o.clock ?? Date.now;
  }

  get accessTtlSeconds(): number {
    return this.o.accessTtlSeconds;
  }

  /** The keys whose values `verdict` reads, for the caller's one MGET. */
  cacheKeys(jti: string, userId: string): [string, string, string] {
    return [revocationKeys.blacklist(jti), revocationKeys.revokedBefore(userId), revocationKeys.warm];
  }

  /**
   * Whether the token is revoked: from `cached` (the values of cacheKeys) when
   * the cache is warm, else from PostgreSQL. `cached` null: the store did not answer.
   */
  async verdict(
    t: { jti: string; userId: string; tenantId: string; issuedMs: number },
    cached: readonly (string | null)[] | null,
  ): Promise<RevocationVerdict> {
    let revoked: boolean;
    let beforeMs: number | null;
    if (cached && cached[2] !== null) {
      revoked = cached[0] !== null;
      beforeMs = cached[1] === null ? null : Number(cached[1]);
    } else {
      if (cached) this.rebuild();
      ({ revoked, revokedBeforeMs: beforeMs } = await this.o.db.tenantRead(t.tenantId, (db) => record.lookup(db, t.jti, t.userId)));
    }
    if (revoked) return 'token';
    return beforeMs !== null && t.issuedMs <= beforeMs ? 'sessions' : null;
  }

  /** Reads the cached values, or null when the store does not answer. */
  async cached(jti: string, userId: string): Promise<(string | null)[] | null> {
    return this.o.store.mget(this.cacheKeys(jti, userId)).catch(() => null);
  }

  /** In the caller's transaction: records a logged-out access token. */
  recordToken(db: Queryable, t: { jti: string; tenantId: string; userId: string; expSeconds: number }): Promise<void> {
    return record.recordToken(db, { ...t, expiresAt: new Date(t.expSeconds * 1000) });
  }

  /** In the caller's transaction: records that every access token the user holds now is dead. Returns the instant. */
  async recordSessionsEnd(db: Queryable, s: { tenantId: string; userId: string }): Promise<number> {
    const nowMs = this.now();
    await record.recordSessionsEnd(db, { ...s, before: new Date(nowMs) });
    return nowMs;
  }

  /** After the commit: caches a logged-out token. Never throws (see the class). */
  async cacheToken(jti: string, expSeconds: number): Promise<void> {
    const ttl = Math.max(1, Math.ceil(expSeconds - this.now() / 1000));
    await this.o.store.set(revocationKeys.blacklist(jti), 'revoked', ttl).catch((err) => this.markStale(err));
  }

  /** After the commit: caches the end of the user's sessions and makes cached views of the user stale. Never throws. */
  async cacheSessionsEnd(userId: string, nowMs: number): Promise<void> {
    try {
      // The later end wins, whichever write lands last (another node's, or a rebuild's older snapshot).
      await this.o.store.setMax(revocationKeys.revokedBefore(userId), nowMs, this.o.accessTtlSeconds + 60);
      await this.o.store.incr(revocationKeys.userEpoch(userId));
    } catch (err) {
      this.markStale(err);
    }
  }

  /** Both steps, for a caller outside a transaction: record, then cache. */
  async endSessions(tenantId: string, userId: string): Promise<void> {
    const nowMs = await this.o.db.tenantTransaction(tenantId, (db) => this.recordSessionsEnd(db, { tenantId, userId }));
    this.o.onSessionsEnded?.();
    await this.cacheSessionsEnd(userId, nowMs);
  }

  /** Fills a cold store from the record, once per node at a time and, through a short lock, once across nodes. */
  private rebuild(): void {
    if (this.rebuilding) return;
    this.rebuilding = this.fill()
      .catch((err) => this.o.onError?.(err, 'revocation cache rebuild'))
      .finally(() => (this.rebuilding = null));
  }

  /** Waits for a rebuild this node started, if any (tests, shutdown). */
  async settled(): Promise<void> {
    await this.rebuilding;
  }

  private async fill(): Promise<void> {
    if (!(await this.o.store.setIfAbsent(revocationKeys.rebuilding, String(this.now()), 30_000))) return;
    try {
      const missedBefore = await this.o.store.get(revocationKeys.missedWrites);
      const startedMs = this.now();
      const live = await this.o.db.systemTransaction(async (db) => {
        await record.purgeExpired(db);
        return record.listLive(db, new Date(startedMs - (this.o.accessTtlSeconds + 60) * 1000));
      });
      const writes: (() => Promise<unknown>)[] = [
        ...live.tokens.map(
          ({ jti, expMs }) =>
            () =>
              this.o.store.set(revocationKeys.blacklist(jti), 'revoked', Math.max(1, Math.ceil((expMs - startedMs) / 1000))),
        ),
        ...live.sessions.map(
          ({ userId, beforeMs }) =>
            () =>
              // Never over a later end of sessions cached while this snapshot was being written.
              this.o.store.setMax(revocationKeys.revokedBefore(userId), beforeMs, this.o.accessTtlSeconds + 60),
        ),
      ];
      for (let i = 0; i < writes.length; i += REBUILD_BATCH) await Promise.all(writes.slice(i, i + REBUILD_BATCH).map((w) => w()));
      await this.o.store.set(revocationKeys.warm, String(startedMs));
      // A write that failed on some node while this ran dropped the warm mark, maybe before it was set
      // just now; its count tells. markStale counts before it drops the mark, so either order is caught.
      if ((await this.o.store.get(revocationKeys.missedWrites)) !== missedBefore) await this.o.store.del(revocationKeys.warm);
    } finally {
      await this.o.store.del(revocationKeys.rebuilding).catch(() => undefined);
    }
  }

  /** A cache write failed: once the store answers again, drop the warm mark so every node reads the record until rebuilt. */
  private markStale(err: unknown): void {
    this.o.onError?.(err, 'revocation cache write');
    if (this.staleLoop) return;
    this.staleLoop = true;
    const attempt = () =>
      this.o.store
        .incr(revocationKeys.missedWrites)
        .then(() => this.o.store.del(revocationKeys.warm))
        .then(
          () => (this.staleLoop = false),
          () => setTimeout(attempt, STALE_RETRY_MS).unref(),
        );
    void attempt();
  }
}
