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
import { type Revocations, revocationKeys } from './revocation.js';
import { tokenFailure } from './token-failure.js';
import { isTokenError } from './token-errors.js';
import { UNREPORTED, type AuthEvents, type PresentedCredential, type RefusalReason } from './auth-events.js';

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
  revocations: Revocations;
  clock?: () => number;
  /** Upper bound on how long a cached view may live even when no epoch changes. */
  maxAgeMs?: number;
  capacity?: number;
  /** Refused credentials and API-key uses, as they happen (metrics). */
  events?: AuthEvents;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The credential is genuine but its tenant may not use the API: 403, not 401, so clients do not sign in again in a loop. */
export const tenantSuspended = (): AppError =>
  new AppError(
    'account_disabled',
    'This tenant is suspended; its tokens and API keys are refused until a platform administrator reactivates it',
  );

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
  private readonly events: AuthEvents;

  constructor(private readonly o: ResolverOptions) {
    this.now = o.clock ?? Date.now;
    this.maxAgeMs = o.maxAgeMs ?? 60_000;
    this.events = o.events ?? UNREPORTED;
    this.accounts = new Lru(o.capacity ?? 10_000);
    this.keys = new Lru(o.capacity ?? 10_000);
  }

  async authenticate(creds: { bearer?: string; apiKey?: string }, onTenant?: (tenantId: string) => void): Promise<Principal> {
    if (creds.bearer) return this.fromBearer(creds.bearer, onTenant);
    if (creds.apiKey) {
      try {
        const principal = await this.fromApiKey(creds.apiKey, onTenant);
        this.events.apiKeyUse('accepted');
        return principal;
      } catch (err) {
        // Only a refusal of the key counts as rejected; a store or database failure is neither.
        if (err instanceof AppError && err.code !== 'service_unavailable') this.events.apiKeyUse('rejected');
        throw err;
      }
    }
    throw this.refused('none', 'missing_credentials', 'Authentication required: send "Authorization: Bearer <token>" or "X-API-Key"');
  }

  /** Reports a refused credential and returns the error to throw. */
  private refused(credential: PresentedCredential, reason: RefusalReason, error: AppError | string): AppError {
    this.events.credentialRefused(credential, reason);
    return typeof error === 'string' ? new AppError('unauthenticated', error) : error;
  }

  private async fromBearer(token: string, onTenant?: (tenantId: string) => void): Promise<Principal> {
    let claims;
    try {
      claims = await this.o.tokens.verify(token, 'access');
    } catch (err) {
      throw this.refused('access_token', isTokenError(err) ? err.reason : 'malformed', tokenFailure(err));
    }
    // Issued in the same tick as the MGET below, so the store client sends both in one write.
    onTenant?.(claims.tenant_id);
    // null: the store did not answer; revocations then come from PostgreSQL and no cached view is trusted.
    const values = await this.read([
      ...this.o.revocations.cacheKeys(claims.jti, claims.sub),
      revocationKeys.userEpoch(claims.sub),
      revocationKeys.tenantEpoch(claims.tenant_id),
    ]);
    const issuedMs = typeof claims.iat_ms === 'number' ? claims.iat_ms : claims.iat * 1000;
    const verdict = await this.o.revocations.verdict(
      { jti: claims.jti, userId: claims.sub, tenantId: claims.tenant_id, issuedMs },
      values && values.slice(0, 3),
    );
    if (verdict === 'token') throw this.refused('access_token', 'revoked', new AppError('token_revoked', 'Token has been revoked'));
    if (verdict === 'sessions') {
      throw this.refused(
        'access_token',
        'revoked',
        new AppError('token_revoked', 'Token has been revoked: every session of this user was ended'),
      );
    }
    const [userEpoch, tenantEpoch] = values ? values.slice(3) : [null, null];

    let cached = this.accounts.get(claims.sub);
    if (
      !values ||
      !cached ||
      cached.userEpoch !== userEpoch ||
      cached.tenantEpoch !== tenantEpoch ||
      this.now() - cached.loadedAt > this.maxAgeMs
    ) {
      const account = await this.o.db.tenantTransaction(claims.tenant_id, (tx) => accounts.find(tx, claims.sub));
      if (!account) throw this.refused('access_token', 'unknown_subject', new AppError('token_invalid', 'Token subject no longer exists'));
      cached = { account, userEpoch, tenantEpoch, loadedAt: this.now() };
      if (values) this.accounts.set(claims.sub, cached);
    }
    const { user, tenant } = cached.account;
    if (user.tenant_id !== claims.tenant_id)
      throw this.refused('access_token', 'invalid_claims', new AppError('token_invalid', 'Token tenant does not match its subject'));
    if (user.status !== 'active') throw this.refused('access_token', 'account_disabled', 'This user account is deactivated');
    if (tenant.status !== 'active') throw this.refused('access_token', 'account_disabled', tenantSuspended());
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
    if (!parsed) throw this.refused('api_key', 'api_key_invalid', 'The API key is malformed');
    const cacheKey = hashToken(key);
    let cached = this.keys.get(cacheKey);
    const epochKeys = (r: KeyCredentials) => [
      revocationKeys.apiKeyEpoch(r.id),
      revocationKeys.tenantEpoch(r.tenant_id),
      revocationKeys.userEpoch(r.created_by ?? 'none'),
    ];
    if (cached) onTenant?.(cached.row.tenant_id);
    // null: the store did not answer, so the cached row is not trusted.
    const epochs = cached ? await this.read(epochKeys(cached.row)) : [];
    if (!cached || !epochs || epochs.some((e, i) => e !== cached!.epochs[i]) || this.now() - cached.loadedAt > this.maxAgeMs) {
      const row = await this.loadKey(parsed.prefix);
      if (!row || !tokenMatchesHash(key, row.key_hash)) throw this.refused('api_key', 'api_key_invalid', 'The API key is not valid');
      if (!cached) onTenant?.(row.tenant_id);
      const fresh = await this.read(epochKeys(row));
      cached = { row, epochs: fresh ?? [], loadedAt: this.now() };
      if (fresh) this.keys.set(cacheKey, cached);
    }
    const { row } = cached;
    if (row.revoked_at) throw this.refused('api_key', 'api_key_revoked', 'The API key has been revoked');
    if (row.expires_at && row.expires_at.getTime() <= this.now())
      throw this.refused('api_key', 'api_key_expired', 'The API key has expired');
    if (row.tenant.status !== 'active') throw this.refused('api_key', 'account_disabled', tenantSuspended());
    // A key acts for its creator: it dies with the creator's account and never outranks them.
    if (row.creator_status !== null && row.creator_status !== 'active')
      throw this.refused('api_key', 'account_disabled', 'The user who created this API key is deactivated');
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

  /** The store's values, or null when it does not answer (an outage must not lock everyone out, nor let a revoked token in). */
  private read(keys: string[]): Promise<(string | null)[] | null> {
    return this.o.store.mget(keys).catch(() => null);
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
