import type { TenantRow, UserRow } from './identity-repository.js';

export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling, resolved once per request by the auth plugin. */
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

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export const roleAtLeast = (role: Role, required: Role): boolean => RANK[role] >= RANK[required];

/** The API-key scope a route needing `role` asks for: read for viewers, write for members, admin above. */
export function scopeFor(role: Role): Scope {
  return role === 'viewer' ? 'read' : role === 'member' ? 'write' : 'admin';
}

/** The role an API key acts with: the highest its scopes allow. */
export function roleForScopes(scopes: readonly Scope[]): Role {
  if (scopes.includes('admin')) return 'admin';
  if (scopes.includes('write')) return 'member';
  return 'viewer';
}

export function actorOf(p: Principal): { actorId: string | null; actorType: 'user' | 'api_key' } {
  return p.kind === 'user' ? { actorId: p.userId, actorType: 'user' } : { actorId: p.apiKeyId, actorType: 'api_key' };
}
