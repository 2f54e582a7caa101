import type { Queryable } from '../../platform/database.js';
import type { Role } from './principal.js';

export interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  status: 'active' | 'invited' | 'deactivated';
  email_verified_at: Date | null;
  created_at: Date;
}

export interface TenantRow {
  id: string;
  name: string;
  slug: string;
  plan_code: string;
  status: 'active' | 'suspended';
  created_at: Date;
  updated_at: Date;
}

export interface PlanRow {
  code: string;
  name: string;
  max_lattices: number;
  max_dimensions: number;
  max_size: number;
  max_materialized_vertices: string | number;
  requests_per_minute: number;
  compute_per_minute: number;
  monthly_operations: number;
  gpu_allowed: boolean;
  sort_order: number;
}

/** A user together with the tenant and plan it acts in: what a principal is built from. */
export interface AccountRow {
  user: UserRow;
  tenant: TenantRow;
  plan: PlanRow;
}

const ACCOUNT_SELECT = `SELECT row_to_json(u.*) AS user, row_to_json(t.*) AS tenant, row_to_json(p.*) AS plan
  FROM users u JOIN tenants t ON t.id = u.tenant_id JOIN plans p ON p.code = t.plan_code`;

type RawAccount = { user: UserRow; tenant: TenantRow; plan: PlanRow };

function revive(row: RawAccount): AccountRow {
  const dates = (o: Record<string, unknown>, keys: string[]) => {
    for (const k of keys) if (typeof o[k] === 'string') o[k] = new Date(o[k] as string);
  };
  dates(row.user as unknown as Record<string, unknown>, ['email_verified_at', 'created_at']);
  dates(row.tenant as unknown as Record<string, unknown>, ['created_at', 'updated_at']);
  return row;
}

export async function findAccountsByEmail(db: Queryable, email: string): Promise<AccountRow[]> {
  const { rows } = await db.query<RawAccount>(`${ACCOUNT_SELECT} WHERE lower(u.email) = lower($1) ORDER BY u.created_at`, [email]);
  return rows.map(revive);
}

export async function findAccount(db: Queryable, userId: string): Promise<AccountRow | null> {
  const { rows } = await db.query<RawAccount>(`${ACCOUNT_SELECT} WHERE u.id = $1`, [userId]);
  return rows[0] ? revive(rows[0]) : null;
}

export async function emailRegistered(db: Queryable, email: string): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM users WHERE lower(email) = lower($1) AND status <> 'invited' LIMIT 1`, [email]);
  return (rowCount ?? 0) > 0;
}

export async function slugTaken(db: Queryable, slug: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM tenants WHERE slug = $1', [slug]);
  return (rowCount ?? 0) > 0;
}

export async function insertTenant(db: Queryable, t: { id: string; name: string; slug: string; planCode: string }): Promise<void> {
  await db.query('INSERT INTO tenants (id, name, slug, plan_code) VALUES ($1, $2, $3, $4)', [t.id, t.name, t.slug, t.planCode]);
}

export async function insertUser(
  db: Queryable,
  u: { id: string; tenantId: string; email: string; name: string; role: Role; passwordHash: string | null; status: UserRow['status'] },
): Promise<void> {
  await db.query(`INSERT INTO users (id, tenant_id, email, name, role, password_hash, status) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    u.id,
    u.tenantId,
    u.email,
    u.name,
    u.role,
    u.passwordHash,
    u.status,
  ]);
}

export async function planExists(db: Queryable, code: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM plans WHERE code = $1', [code]);
  return (rowCount ?? 0) > 0;
}

export async function setPassword(db: Queryable, userId: string, hash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [userId, hash]);
}

export async function activateInvitedUser(db: Queryable, userId: string, hash: string, name: string | null): Promise<void> {
  await db.query(
    `UPDATE users SET password_hash = $2, name = coalesce($3, name), status = 'active', email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
     WHERE id = $1 AND status = 'invited'`,
    [userId, hash, name],
  );
}

export async function markEmailVerified(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1', [userId]);
}

export async function touchLogin(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE users SET last_login_at = now() WHERE id = $1', [userId]);
}

// Refresh tokens: one row per issued token; a family is one login's chain of rotations.

export async function insertRefreshToken(
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

export interface RefreshRow {
  jti: string;
  family_id: string;
  user_id: string;
  used_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
}

/** Locks the row so two concurrent refreshes of one token cannot both succeed. */
export async function lockRefreshToken(db: Queryable, jti: string): Promise<RefreshRow | null> {
  const { rows } = await db.query<RefreshRow>(
    'SELECT jti, family_id, user_id, used_at, revoked_at, expires_at FROM refresh_tokens WHERE jti = $1 FOR UPDATE',
    [jti],
  );
  return rows[0] ?? null;
}

export async function markRefreshUsed(db: Queryable, jti: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET used_at = now() WHERE jti = $1', [jti]);
}

export async function revokeFamily(db: Queryable, familyId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
}

export async function revokeUserRefreshTokens(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

// Single-use emailed tokens.

export async function insertAuthToken(
  db: Queryable,
  t: { id: string; tenantId: string; userId: string; purpose: string; tokenHash: string; expiresAt: Date },
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
export async function consumeAuthToken(
  db: Queryable,
  tokenHash: string,
  purpose: string,
): Promise<{ user_id: string; tenant_id: string } | null> {
  const { rows } = await db.query<{ user_id: string; tenant_id: string }>(
    `UPDATE auth_tokens SET used_at = now()
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING user_id, tenant_id`,
    [tokenHash, purpose],
  );
  return rows[0] ?? null;
}
