import type { KeyValueStore } from '../../platform/key-value-store.js';

/**
 * The shared keys that make revocation instant on every node. The
 * authenticator reads all of them for a request in one MGET.
 */
export const revocationKeys = {
  /** API.md contract: a logged-out access token, TTL = its remaining lifetime. */
  blacklist: (jti: string) => `blacklist:${jti}`,
  /** Access tokens of this user issued (claim `iat_ms`) at or before this millisecond are dead. */
  revokedBefore: (userId: string) => `revoked-before:user:${userId}`,
  /** Bumped whenever a cached view of the user, tenant or key goes stale. */
  userEpoch: (userId: string) => `epoch:user:${userId}`,
  tenantEpoch: (tenantId: string) => `epoch:tenant:${tenantId}`,
  apiKeyEpoch: (keyId: string) => `epoch:apikey:${keyId}`,
};

export async function blacklistToken(store: KeyValueStore, jti: string, expSeconds: number, nowMs: number): Promise<void> {
  const ttl = Math.max(1, Math.ceil(expSeconds - nowMs / 1000));
  await store.set(revocationKeys.blacklist(jti), 'revoked', ttl);
}

/** Kills every access token the user holds now, and makes cached views of the user stale. */
export async function revokeUserSessions(store: KeyValueStore, userId: string, nowMs: number, accessTtlSeconds: number): Promise<void> {
  await store.set(revocationKeys.revokedBefore(userId), String(nowMs), accessTtlSeconds + 60);
  await store.incr(revocationKeys.userEpoch(userId));
}
