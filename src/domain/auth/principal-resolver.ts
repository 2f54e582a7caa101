import type { Database } from '../../platform/database.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { hashToken, parseApiKey, tokenMatchesHash } from './opaque-tokens.js';
import type { TokenService } from './token-service.js';
import { AppError } from '../errors.js';
import * as apiKeys from '../tenants/api-key-repository.js';
import type { KeyCredentials } from '../tenants/api-key-repository.js';
import * as accounts from './account-repository.js';
import type { Account } from './account-repository.js';
import type { Principal } from './principal.js';
import { roleAtLeast, roleForScopes } from './roles.js';
import { revocationKeys } from './revocation.js';
import { tokenFailure } from './token-failure.js';

interface CachedAccount {
  account: Account;
  userEpoch: string | null;
  tenantEpoch: string | null;
  loadedAt: number;
}

interface CachedKey {
  row: KeyCredentials;
  /** The key's, its tenant's and its creator's epochs when the row was loaded. */
  epochs: (string | null)[];
  loadedAt: number;
}

export interface ResolverOptions {
  db: Database;
  store: KeyValueStore;
  tokens: TokenService;
  clock?: () => number;
  /** Upper bound on how long a cached view may live even when no epoch changes. */
  maxAgeMs?: number;
  capacity?: number;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** A Map used as a bounded LRU: re-insertion moves a key to the back. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(k: K): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: K, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
}

/**
 * Turns credentials into a Principal without a signature check or a database
 * round trip on the hot path: verified tokens and loaded accounts are cached
 * locally, and one MGET against the shared store per request tells whether
 * anything was revoked or changed since (blacklist, revoked-before, epochs).
 * So logout, deactivation and suspension still take effect at once on every node.
 */
export class PrincipalResolver {
  private readonly accounts: Lru<string, CachedAccount>;
  private readonly keys: Lru<string, CachedKey>;
  private readonly now: () => number;
  private readonly maxAgeMs: number;

  constructor(private readonly o: ResolverOptions) {
    this.now = o.clock ?? Date.now;
    this.maxAgeMs = o.maxAgeMs ?? 60_000;
    this.accounts = new Lru(o.capacity ?? 10_000);
    this.keys = new Lru(o.capacity ?? 10_000);
  }

  async authenticate(creds: { bearer?: string; apiKey?: string }, onTenant?: (tenantId: string) => void): Promise<Principal> {
    if (creds.bearer) return this.fromBearer(creds.bearer, onTenant);
    if (creds.apiKey) return this.fromApiKey(creds.apiKey, onTenant);
    throw new AppError('unauthenticated', 'Authentication required');
  }

  private async fromBearer(token: string, onTenant?: (tenantId: string) => void): Promise<Principal> {
    let claims;
    try {
      claims = await this.o.tokens.verify(token, 'access');
    } catch (err) {
      throw tokenFailure(err);
    }
    // Issued in the same tick as the MGET below, so the store client sends both in one write.
    onTenant?.(claims.tenant_id);
    const [blacklisted, revokedBefore, userEpoch, tenantEpoch] = await this.o.store.mget([
      revocationKeys.blacklist(claims.jti),
      revocationKeys.revokedBefore(claims.sub),
      revocationKeys.userEpoch(claims.sub),
      revocationKeys.tenantEpoch(claims.tenant_id),
    ]);
    if (blacklisted) throw new AppError('token_revoked', 'Token has been revoked');
    const issuedMs = typeof claims.iat_ms === 'number' ? claims.iat_ms : claims.iat * 1000;
    if (revokedBefore && issuedMs <= Number(revokedBefore))
      throw new AppError('token_revoked', 'Token has been revoked: every session of this user was ended');

    let cached = this.accounts.get(claims.sub);
    if (!cached || cached.userEpoch !== userEpoch || cached.tenantEpoch !== tenantEpoch || this.now() - cached.loadedAt > this.maxAgeMs) {
      const account = await this.o.db.tenantTransaction(claims.tenant_id, (tx) => accounts.find(tx, claims.sub));
      if (!account) throw new AppError('token_invalid', 'Token subject no longer exists');
      cached = { account, userEpoch, tenantEpoch, loadedAt: this.now() };
      this.accounts.set(claims.sub, cached);
    }
    const { user, tenant } = cached.account;
    if (user.tenant_id !== claims.tenant_id) throw new AppError('token_invalid', 'Token tenant does not match its subject');
    if (user.status !== 'active') throw new AppError('unauthenticated', 'This user account is deactivated');
    if (tenant.status !== 'active') throw new AppError('unauthenticated', 'This tenant is suspended');
    return {
      kind: 'user',
      tenantId: tenant.id,
      userId: user.id,
      apiKeyId: null,
      // The current role from the database, not the token's: a demotion applies at once.
      role: user.role,
      scopes: ['read', 'write', 'admin'],
      jti: claims.jti,
      tokenExp: claims.exp,
      sessionFamily: typeof claims.fam === 'string' ? claims.fam : null,
      planCode: tenant.plan_code,
      snapshot: { tenant, user },
    };
  }

  private async fromApiKey(key: string, onTenant?: (tenantId: string) => void): Promise<Principal> {
    const parsed = parseApiKey(key);
    if (!parsed) throw new AppError('unauthenticated', 'The API key is malformed');
    const cacheKey = hashToken(key);
    let cached = this.keys.get(cacheKey);
    const epochKeys = (r: KeyCredentials) => [
      revocationKeys.apiKeyEpoch(r.id),
      revocationKeys.tenantEpoch(r.tenant_id),
      revocationKeys.userEpoch(r.created_by ?? 'none'),
    ];
    if (cached) onTenant?.(cached.row.tenant_id);
    const epochs = cached ? await this.o.store.mget(epochKeys(cached.row)) : [];
    if (!cached || epochs.some((e, i) => e !== cached!.epochs[i]) || this.now() - cached.loadedAt > this.maxAgeMs) {
      const row = await this.loadKey(parsed.prefix);
      if (!row || !tokenMatchesHash(key, row.key_hash)) throw new AppError('unauthenticated', 'The API key is not valid');
      if (!epochs.length) onTenant?.(row.tenant_id);
      cached = { row, epochs: await this.o.store.mget(epochKeys(row)), loadedAt: this.now() };
      this.keys.set(cacheKey, cached);
    }
    const { row } = cached;
    if (row.revoked_at) throw new AppError('unauthenticated', 'The API key has been revoked');
    if (row.expires_at && row.expires_at.getTime() <= this.now()) throw new AppError('unauthenticated', 'The API key has expired');
    if (row.tenant.status !== 'active') throw new AppError('unauthenticated', 'This tenant is suspended');
    // A key acts for its creator: it dies with the creator's account and never outranks them.
    if (row.creator_status !== null && row.creator_status !== 'active')
      throw new AppError('unauthenticated', 'The user who created this API key is deactivated');
    const scopeRole = roleForScopes(row.scopes);
    await this.noteUse(row);
    return {
      kind: 'api_key',
      tenantId: row.tenant_id,
      userId: row.created_by,
      apiKeyId: row.id,
      role: row.creator_role && !roleAtLeast(row.creator_role, scopeRole) ? row.creator_role : scopeRole,
      scopes: row.scopes,
      jti: null,
      tokenExp: null,
      sessionFamily: null,
      planCode: row.tenant.plan_code,
      snapshot: { tenant: row.tenant, user: null },
    };
  }

  private loadKey(prefix: string): Promise<KeyCredentials | null> {
    return this.o.db.systemTransaction((tx) => apiKeys.findCredentials(tx, prefix));
  }

  /** last_used_at at minute resolution: at most one write per key per minute per node, not one per request. */
  private async noteUse(row: KeyCredentials): Promise<void> {
    const now = this.now();
    if (row.last_used_at && now - row.last_used_at.getTime() < LAST_USED_RESOLUTION_MS) return;
    row.last_used_at = new Date(now);
    const at = row.last_used_at;
    await this.o.db.tenantTransaction(row.tenant_id, (tx) => apiKeys.touchLastUsed(tx, row.id, at));
  }
}
