import type { Queryable } from '../../platform/database.js';

/**
 * The record of revocations (`revoked_access_tokens`, `session_revocations`):
 * PostgreSQL keeps them; the shared store only caches them (revocation.ts).
 */

/** A logged-out access token, kept until it would have expired anyway. */
export async function recordToken(db: Queryable, t: { jti: string; tenantId: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.query(
    `INSERT INTO revoked_access_tokens (jti, tenant_id, user_id, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (jti) DO NOTHING`,
    [t.jti, t.tenantId, t.userId, t.expiresAt],
  );
}

/** Every access token of the user issued at or before `before` is dead (a later revocation only moves it forward). */
export async function recordSessionsEnd(db: Queryable, s: { tenantId: string; userId: string; before: Date }): Promise<void> {
  await db.query(
    `INSERT INTO session_revocations (user_id, tenant_id, revoked_before) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET revoked_before = GREATEST(session_revocations.revoked_before, EXCLUDED.revoked_before)`,
    [s.userId, s.tenantId, s.before],
  );
}

/** Whether this token was logged out, and the user's revoked-before in milliseconds (null: none). */
export async function lookup(db: Queryable, jti: string, userId: string): Promise<{ revoked: boolean; revokedBeforeMs: number | null }> {
  const { rows } = await db.query<{ revoked: boolean; before_ms: string | null }>(
    `SELECT EXISTS (SELECT 1 FROM revoked_access_tokens WHERE jti = $1) AS revoked,
            (SELECT floor(extract(epoch FROM revoked_before) * 1000)::bigint FROM session_revocations WHERE user_id = $2) AS before_ms`,
    [jti, userId],
  );
  return { revoked: rows[0].revoked, revokedBeforeMs: rows[0].before_ms === null ? null : Number(rows[0].before_ms) };
}

/** Every revocation that can still refuse a token (system scope): what the cache is rebuilt from. */
export async function listLive(
  db: Queryable,
  sessionsSince: Date,
): Promise<{ tokens: { jti: string; expMs: number }[]; sessions: { userId: string; beforeMs: number }[] }> {
  const tokens = await db.query<{ jti: string; exp_ms: string }>(
    `SELECT jti, floor(extract(epoch FROM expires_at) * 1000)::bigint AS exp_ms FROM revoked_access_tokens WHERE expires_at > now()`,
  );
  const sessions = await db.query<{ user_id: string; before_ms: string }>(
    `SELECT user_id, floor(extract(epoch FROM revoked_before) * 1000)::bigint AS before_ms FROM session_revocations WHERE revoked_before > $1`,
    [sessionsSince],
  );
  return {
    tokens: tokens.rows.map((r) => ({ jti: r.jti, expMs: Number(r.exp_ms) })),
    sessions: sessions.rows.map((r) => ({ userId: r.user_id, beforeMs: Number(r.before_ms) })),
  };
}

/** Drops logged-out tokens that have expired anyway (system scope). */
export async function purgeExpired(db: Queryable): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM revoked_access_tokens WHERE expires_at < now()');
  return rowCount ?? 0;
}
