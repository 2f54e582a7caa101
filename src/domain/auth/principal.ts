import type { TenantRow } from '../tenants/tenant-repository.js';
import type { UserRow } from '../tenants/user-repository.js';
import type { Role, Scope } from './roles.js';

/** Who is calling, resolved once per request by the authenticator. */
export interface Principal {
  kind: 'user' | 'api_key';
  tenantId: string;
  /** The user behind the call: the token's subject, or the API key's creator. */
  userId: string | null;
  apiKeyId: string | null;
  role: Role;
  scopes: readonly Scope[];
  /** Access-token id and expiry (seconds), for logout. */
  jti: string | null;
  tokenExp: number | null;
  /** The refresh family of the session the access token belongs to. */
  sessionFamily: string | null;
  /** The tenant's plan, for limits; cached with the principal. */
  planCode: string;
  /**
   * The tenant and (for bearer tokens) user rows as last loaded, kept fresh by
   * the resolver's epochs: reads of "who am I" need no database round trip.
   */
  snapshot: { tenant: TenantRow; user: UserRow | null };
}

/** Who a change is recorded as: the user, or the API key that acted. */
export interface Actor {
  actorId: string | null;
  actorType: 'user' | 'api_key' | 'system';
}

export function actorOf(p: Principal): { actorId: string | null; actorType: 'user' | 'api_key' } {
  return p.kind === 'user' ? { actorId: p.userId, actorType: 'user' } : { actorId: p.apiKeyId, actorType: 'api_key' };
}
