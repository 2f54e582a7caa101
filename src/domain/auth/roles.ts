/** Highest first, as the API documents them; roleAtLeast compares by rank. */
export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** The roles an invitation may grant: owners are made by promotion, never by invitation. */
export const INVITABLE_ROLES = ROLES.filter((r): r is Exclude<Role, 'owner'> => r !== 'owner');

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
