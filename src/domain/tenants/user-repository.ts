import type { Queryable } from '../../platform/database.js';
import type { Role } from '../auth/roles.js';
import { POSITION_SQL } from '../page-position-sql.js';
import type { PageRequest, Positioned } from '../page.js';

export type UserStatus = 'active' | 'invited' | 'deactivated';

/** A user as services see it; the password hash never leaves the account repository. */
export interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  email_verified_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** Whether the user also administers the platform; carried by the account rows the resolver loads. */
  platform_admin?: boolean;
}

export interface UserChanges {
  role?: Role;
  status?: UserStatus;
  name?: string;
}

export interface NewUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  /** null for an invited user, who sets a password on accepting. */
  passwordHash: string | null;
  status: UserStatus;
}

const COLUMNS = 'id, tenant_id, email, name, role, status, email_verified_at, last_login_at, created_at, updated_at';

/*
 * The `users` table. Every statement of a tenant filters on tenant_id itself;
 * RLS on the tenant transaction is the second wall, not the first.
 */

/** One page of the tenant's users, oldest first, plus the total; `limit + 1` rows tell whether a next page exists. */
export async function list(
  db: Queryable,
  tenantId: string,
  statuses: readonly UserStatus[],
  page: PageRequest,
): Promise<{ rows: Positioned<UserRow>[]; total: number }> {
  const where = 'tenant_id = $1 AND status = ANY($2::text[])';
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE ${where}`, [tenantId, statuses])).rows[0].n;
  const values: unknown[] = [tenantId, statuses, page.limit + 1];
  let after = '';
  if (page.after) {
    values.push(page.after.createdAt, page.after.id);
    after = 'AND (created_at, id) > ($4::timestamptz, $5::uuid)';
  }
  const { rows } = await db.query<Positioned<UserRow>>(
    `SELECT ${COLUMNS}, ${POSITION_SQL} AS position_at FROM users WHERE ${where} ${after} ORDER BY created_at, id LIMIT $3`,
    values,
  );
  return { rows, total };
}

export async function findById(db: Queryable, tenantId: string, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return rows[0] ?? null;
}

export async function emailTaken(db: Queryable, tenantId: string, email: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = lower($2)', [tenantId, email]);
  return rows.length > 0;
}

/** Whether an address belongs to a registered (not merely invited) user of any tenant (system scope). */
export async function emailRegistered(db: Queryable, email: string): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM users WHERE lower(email) = lower($1) AND status <> 'invited' LIMIT 1`, [email]);
  return (rowCount ?? 0) > 0;
}

export async function insert(db: Queryable, u: NewUser): Promise<UserRow> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (id, tenant_id, email, name, role, password_hash, status) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [u.id, u.tenantId, u.email, u.name, u.role, u.passwordHash, u.status],
  );
  return rows[0];
}

export async function update(db: Queryable, tenantId: string, id: string, changes: UserChanges): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET role = coalesce($3, role), status = coalesce($4, status), name = coalesce($5, name), updated_at = now()
     WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [tenantId, id, changes.role ?? null, changes.status ?? null, changes.name ?? null],
  );
  return rows[0] ?? null;
}

export async function setPassword(db: Queryable, userId: string, hash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [userId, hash]);
}

/** An invited user becomes active with a password (and a name, when given); accepting proves the address. */
export async function activateInvited(db: Queryable, userId: string, hash: string, name: string | null): Promise<void> {
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

/**
 * Serialises membership changes within one tenant until the transaction
 * ends, so two admins demoting the last two owners at once cannot both
 * see "another owner remains".
 */
export async function lockMembership(db: Queryable, tenantId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('tenant-membership:' || $1, 0))`, [tenantId]);
}

/** Serialises registrations of one address until the transaction ends, so a uniqueness check cannot race. */
export async function lockEmail(db: Queryable, email: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext(lower($1)))', [email]);
}

export async function countActiveOwners(db: Queryable, tenantId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND role = 'owner' AND status = 'active'`,
    [tenantId],
  );
  return rows[0].n;
}

/** The users with this address across tenants, for the operator's grant (system scope). */
export async function findAllByEmail(db: Queryable, email: string): Promise<(UserRow & { tenant_slug: string })[]> {
  const { rows } = await db.query<UserRow & { tenant_slug: string }>(
    `SELECT ${COLUMNS.split(', ')
      .map((c) => `u.${c}`)
      .join(', ')}, u.platform_admin, t.slug AS tenant_slug
     FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE lower(u.email) = lower($1) ORDER BY u.created_at`,
    [email],
  );
  return rows;
}

export async function setPlatformAdmin(db: Queryable, userId: string, granted: boolean): Promise<void> {
  await db.query('UPDATE users SET platform_admin = $2, updated_at = now() WHERE id = $1', [userId, granted]);
}
