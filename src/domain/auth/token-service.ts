import { randomUUID } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { SIGNING_ALGORITHM, type JsonWebKeySet, type SigningKeySet } from './signing-keys.js';
import { TokenError } from './token-errors.js';

export type TokenType = 'access' | 'refresh';

/** Claims of a token that passed every check. Frozen: cached claims are shared between callers. */
export interface TokenClaims {
  readonly sub: string;
  readonly tenant_id: string;
  readonly role: string;
  readonly type: TokenType;
  readonly jti: string;
  readonly iss: string;
  readonly aud: string | readonly string[];
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  /** Refresh family: shared by every refresh token of one login, so reuse of a spent one can revoke them all. */
  readonly fam?: string;
  readonly [claim: string]: unknown;
}

/** Input for an access token; extra members become extra claims. */
export interface AccessTokenInput {
  sub: string;
  tenant_id: string;
  role: string;
  /** The refresh family of the session, so logout can revoke both from the access token. */
  family?: string;
  [claim: string]: unknown;
}

export interface RefreshTokenInput {
  sub: string;
  tenant_id: string;
  role: string;
  family: string;
}

export interface IssuedToken {
  token: string;
  jti: string;
  expiresAt: Date;
}

export interface TokenServiceOptions {
  keys: SigningKeySet;
  issuer: string;
  audience: string;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  /** Leeway for exp/nbf against clock skew between nodes; 0 keeps expiry exact. */
  clockToleranceSeconds?: number;
  /** Verified tokens remembered; each entry is the token string plus its claims (~1 KB). */
  cacheSize?: number;
  /** Milliseconds since the epoch; injected so tests can move time. */
  clock?: () => number;
}

export interface TokenCacheStats {
  size: number;
  capacity: number;
  hits: number;
  misses: number;
  evictions: number;
}

interface CachedToken {
  claims: TokenClaims;
  nbf: number;
  exp: number;
}

// Claims the service sets itself; letting callers pass them would let a
// caller mint, say, an access token that claims to be a refresh token.
const RESERVED_CLAIMS = new Set(['iss', 'aud', 'iat', 'nbf', 'exp', 'jti', 'type', 'fam']);
const REQUIRED_CLAIMS = ['sub', 'tenant_id', 'role', 'type', 'jti', 'iss', 'aud', 'iat', 'nbf', 'exp'];
const STRING_CLAIMS = ['sub', 'tenant_id', 'role', 'type', 'jti'] as const;
// Subjects and tenants are database ids; anything else would reach SQL as a malformed uuid.
const UUID_CLAIMS = ['sub', 'tenant_id'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Real tokens are ~400 bytes; the cap keeps hostile input from being parsed or cached.
const MAX_TOKEN_LENGTH = 4096;
const WITH_ARTICLE: Readonly<Record<TokenType, string>> = { access: 'an access', refresh: 'a refresh' };
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`Token claim ${name} must be a non-empty string`);
  }
  return value;
}

function requirePositiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer`);
  return value;
}

/**
 * Issues and verifies the API's JWTs. Verification is pinned to EdDSA and to
 * keys in the set (looked up by `kid`; headers such as `jwk` or `jku` are never
 * trusted). Revocation is not decided here: callers check the `jti` against
 * the shared blacklist after `verify` succeeds.
 */
export class TokenService {
  readonly issuer: string;
  readonly audience: string;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
  #keys: SigningKeySet;
  readonly #tolerance: number;
  readonly #clock: () => number;
  readonly #capacity: number;
  // A Map iterates in insertion order, so deleting and re-inserting on every
  // hit makes the first key the least recently used: an LRU without a library.
  readonly #cache = new Map<string, CachedToken>();
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(options: TokenServiceOptions) {
    this.#keys = options.keys;
    this.issuer = requireText(options.issuer, 'issuer');
    this.audience = requireText(options.audience, 'audience');
    this.accessTtlSeconds = requirePositiveInteger(options.accessTtlSeconds ?? 900, 'accessTtlSeconds');
    this.refreshTtlSeconds = requirePositiveInteger(options.refreshTtlSeconds ?? 604_800, 'refreshTtlSeconds');
    this.#tolerance = options.clockToleranceSeconds ?? 0;
    if (!Number.isInteger(this.#tolerance) || this.#tolerance < 0) {
      throw new TypeError('clockToleranceSeconds must be a non-negative integer');
    }
    this.#capacity = requirePositiveInteger(options.cacheSize ?? 10_000, 'cacheSize');
    this.#clock = options.clock ?? Date.now;
  }

  /** Signs a short-lived access token. */
  async issueAccess(input: AccessTokenInput): Promise<IssuedToken> {
    const { sub, tenant_id, role, family, ...extra } = input;
    for (const name of Object.keys(extra)) {
      if (RESERVED_CLAIMS.has(name)) throw new TypeError(`Claim ${name} is set by the token service`);
    }
    const claims: Record<string, unknown> = { ...extra, sub, tenant_id, role };
    if (family !== undefined) claims.fam = requireText(family, 'family');
    return this.#issue(claims, 'access', this.accessTtlSeconds);
  }

  /** Signs a long-lived refresh token that belongs to `family`. */
  async issueRefresh(input: RefreshTokenInput): Promise<IssuedToken> {
    const { sub, tenant_id, role, family } = input;
    return this.#issue({ sub, tenant_id, role, fam: requireText(family, 'family') }, 'refresh', this.refreshTtlSeconds);
  }

  async #issue(claims: Record<string, unknown>, type: TokenType, ttlSeconds: number): Promise<IssuedToken> {
    const signing = this.#keys.signing;
    if (signing === undefined) throw new Error('The signing key set holds no private key; this node can only verify');
    for (const name of ['sub', 'tenant_id', 'role']) requireText(claims[name], name);
    const jti = randomUUID();
    const now = Math.floor(this.#clock() / 1000);
    const token = await new SignJWT({ ...claims, type, jti })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: signing.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(signing.privateKey);
    return { token, jti, expiresAt: new Date((now + ttlSeconds) * 1000) };
  }

  /**
   * Returns the claims of a valid token of `expectedType`, or throws
   * TokenError. A token verified before is answered from the cache without the
   * ~100-200 µs signature check; exp and nbf are still checked on every call.
   */
  async verify(token: string, expectedType: TokenType): Promise<TokenClaims> {
    const nowSeconds = Math.floor(this.#clock() / 1000);
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw new TokenError('malformed');
    const cached = this.#cache.get(token);
    if (cached !== undefined) {
      this.#hits += 1;
      if (cached.exp <= nowSeconds - this.#tolerance) {
        this.#cache.delete(token);
        throw new TokenError('expired');
      }
      if (cached.nbf > nowSeconds + this.#tolerance) throw new TokenError('not_yet_valid');
      this.#cache.delete(token);
      this.#cache.set(token, cached);
      return checkType(cached.claims, expectedType);
    }
    this.#misses += 1;
    const keys = this.#keys;
    const claims = await this.#verifyUncached(token, keys, nowSeconds);
    // A rotation that landed while this check awaited must not let the old key's verdict into the cache.
    if (keys === this.#keys) this.#remember(token, claims);
    return checkType(claims, expectedType);
  }

  async #verifyUncached(token: string, keys: SigningKeySet, nowSeconds: number): Promise<TokenClaims> {
    if (!COMPACT_JWS.test(token)) throw new TokenError('malformed');
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch (cause) {
      throw new TokenError('malformed', undefined, { cause });
    }
    // Checked before any key is touched, so `none`, HS256-with-the-public-key
    // and foreign RS/ES tokens fail for the reason they really fail.
    if (header.alg !== SIGNING_ALGORITHM) throw new TokenError('algorithm_not_allowed');
    if (typeof header.kid !== 'string') throw new TokenError('unknown_key', 'Token does not name its signing key');
    const key = keys.verificationKey(header.kid);
    if (key === undefined) throw new TokenError('unknown_key');

    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [SIGNING_ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: REQUIRED_CLAIMS,
        clockTolerance: this.#tolerance,
        currentDate: new Date(nowSeconds * 1000),
      }));
    } catch (error) {
      throw toTokenError(error);
    }
    return checkShape(payload);
  }

  #remember(token: string, claims: TokenClaims): void {
    this.#cache.set(token, { claims, nbf: claims.nbf, exp: claims.exp });
    if (this.#cache.size > this.#capacity) {
      const oldest = this.#cache.keys().next().value as string;
      this.#cache.delete(oldest);
      this.#evictions += 1;
    }
  }

  /** Swaps in a rotated key set; forgets cached tokens so a dropped key's tokens stop working at once. */
  replaceKeys(keys: SigningKeySet): void {
    this.#keys = keys;
    this.#cache.clear();
  }

  /** Public keys for `/.well-known/jwks.json`. */
  jwks(): JsonWebKeySet {
    return this.#keys.jwks();
  }

  cacheStats(): TokenCacheStats {
    return {
      size: this.#cache.size,
      capacity: this.#capacity,
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
    };
  }
}

function checkShape(payload: Record<string, unknown>): TokenClaims {
  for (const name of STRING_CLAIMS) {
    if (typeof payload[name] !== 'string' || payload[name] === '') {
      throw new TokenError('invalid_claims', `Token claim ${name} must be a non-empty string`);
    }
  }
  for (const name of UUID_CLAIMS) {
    if (!UUID.test(payload[name] as string)) throw new TokenError('invalid_claims', `Token claim ${name} must be a UUID`);
  }
  if (payload.type !== 'access' && payload.type !== 'refresh') {
    throw new TokenError('wrong_type', 'Token type is neither access nor refresh');
  }
  if (payload.type === 'refresh' && (typeof payload.fam !== 'string' || payload.fam === '')) {
    throw new TokenError('missing_claims', 'Token is missing required claims: fam');
  }
  if (Array.isArray(payload.aud)) Object.freeze(payload.aud);
  return Object.freeze(payload) as TokenClaims;
}

function checkType(claims: TokenClaims, expected: TokenType): TokenClaims {
  if (claims.type !== expected) {
    throw new TokenError('wrong_type', `Token is ${WITH_ARTICLE[claims.type]} token, expected ${WITH_ARTICLE[expected]} token`);
  }
  return claims;
}

function toTokenError(error: unknown): TokenError {
  const options = { cause: error };
  if (error instanceof joseErrors.JWTExpired) return new TokenError('expired', undefined, options);
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new TokenError('invalid_signature', undefined, options);
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return new TokenError('algorithm_not_allowed', undefined, options);
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') {
      return new TokenError('missing_claims', `Token is missing required claims: ${error.claim}`, options);
    }
    if (error.claim === 'nbf' && error.reason === 'check_failed') return new TokenError('not_yet_valid', undefined, options);
    if (error.claim === 'iss') return new TokenError('invalid_claims', 'Token was issued by an untrusted issuer', options);
    if (error.claim === 'aud') return new TokenError('invalid_claims', 'Token is not meant for this audience', options);
    return new TokenError('invalid_claims', `Token claim ${error.claim} is invalid`, options);
  }
  return new TokenError('malformed', undefined, options);
}
