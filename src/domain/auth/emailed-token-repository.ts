import type { Queryable } from '../../platform/database.js';

export type EmailedTokenPurpose = 'email_verification' | 'password_reset' | 'invitation';

/** The `auth_tokens` table: single-use emailed tokens, stored as hashes only. */

export async function insert(
  db: Queryable,
  t: { id: string; tenantId: string; userId: string; purpose: EmailedTokenPurpose; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.query('INSERT INTO auth_tokens (id, tenant_id, user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    t.id,
    t.tenantId,
    t.userId,
    t.purpose,
    t.tokenHash,
    t.expiresAt,
  ]);
}

/** Spends a live token of `purpose` atomically; null when unknown, spent or expired. */
export async function consume(
  db: Queryable,
  tokenHash: string,
  purpose: EmailedTokenPurpose,
): Promise<{ user_id: string; tenant_id: string } | null> {
  const { rows } = await db.query<{ user_id: string; tenant_id: string }>(
    `UPDATE auth_tokens SET used_at = now()
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING user_id, tenant_id`,
    [tokenHash, purpose],
  );
  return rows[0] ?? null;
}

/** Within a tenant's transaction: spends every unused token of the user (invitation, reset, verification). */
export async function spendAllForUser(db: Queryable, tenantId: string, userId: string): Promise<void> {
  await db.query('UPDATE auth_tokens SET used_at = now() WHERE tenant_id = $1 AND user_id = $2 AND used_at IS NULL', [tenantId, userId]);
}

/** Spends every live token of one purpose of the user: an older reset link dies when a newer one is issued or used. */
export async function spendPurposeForUser(db: Queryable, userId: string, purpose: EmailedTokenPurpose): Promise<void> {
  await db.query('UPDATE auth_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL', [userId, purpose]);
}
