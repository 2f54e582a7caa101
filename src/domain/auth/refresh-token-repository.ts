import type { Queryable } from '../../platform/database.js';

/** One issued refresh token; a family is one login's chain of rotations. */
export interface RefreshRow {
  jti: string;
  family_id: string;
  user_id: string;
  used_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
}

/** The `refresh_tokens` table. */

export async function insert(
  db: Queryable,
  t: { jti: string; familyId: string; userId: string; tenantId: string; expiresAt: Date },
): Promise<void> {
  await db.query('INSERT INTO refresh_tokens (jti, family_id, user_id, tenant_id, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    t.jti,
    t.familyId,
    t.userId,
    t.tenantId,
    t.expiresAt,
  ]);
}

/** Locks the row so two concurrent refreshes of one token cannot both succeed. */
export async function lock(db: Queryable, jti: string): Promise<RefreshRow | null> {
  const { rows } = await db.query<RefreshRow>(
    'SELECT jti, family_id, user_id, used_at, revoked_at, expires_at FROM refresh_tokens WHERE jti = $1 FOR UPDATE',
    [jti],
  );
  return rows[0] ?? null;
}

/** The row without a lock (verification only). */
export async function find(db: Queryable, jti: string): Promise<RefreshRow | null> {
  const { rows } = await db.query<RefreshRow>(
    'SELECT jti, family_id, user_id, used_at, revoked_at, expires_at FROM refresh_tokens WHERE jti = $1',
    [jti],
  );
  return rows[0] ?? null;
}

export async function markUsed(db: Queryable, jti: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET used_at = now() WHERE jti = $1', [jti]);
}

export async function revokeFamily(db: Queryable, familyId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
}

export async function revokeForUser(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

/** Within a tenant's transaction: the user's every live refresh token. */
export async function revokeForTenantUser(db: Queryable, tenantId: string, userId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL', [
    tenantId,
    userId,
  ]);
}
