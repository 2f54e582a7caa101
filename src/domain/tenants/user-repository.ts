import type { Queryable } from '../../platform/database.js';
import type { Role } from '../identity/principal.js';
import { POSITION_SQL, type PageRequest } from '../page.js';

export type UserStatus = 'active' | 'invited' | 'deactivated';

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
  position_at: string;
}

export interface UserChanges {
  role?: Role;
  status?: UserStatus;
  name?: string;
}

export interface NewInvitedUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
}

export interface NewInvitationToken {
  id: string;
  tenantId: string;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
}

const COLUMNS = `id, tenant_id, email, name, role, status, email_verified_at, last_login_at, created_at, updated_at, ${POSITION_SQL} AS position_at`;

/**
 * Tenant management queries on users. Every statement filters on tenant_id
 * itself; RLS on the tenant transaction is the second wall, not the first.
 */
export class UserRepository {
  /** One page of the tenant's users, oldest first, plus the total; `limit + 1` rows tell whether a next page exists. */
  async list(
    db: Queryable,
    tenantId: string,
    statuses: readonly UserStatus[],
    page: PageRequest,
  ): Promise<{ rows: UserRow[]; total: number }> {
    const where = 'tenant_id = $1 AND status = ANY($2::text[])';
    const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE ${where}`, [tenantId, statuses])).rows[0].n;
    const values: unknown[] = [tenantId, statuses, page.limit + 1];
    let after = '';
    if (page.after) {
      values.push(page.after.createdAt, page.after.id);
      after = 'AND (created_at, id) > ($4::timestamptz, $5::uuid)';
    }
    const { rows } = await db.query<UserRow>(
      `SELECT ${COLUMNS} FROM users WHERE ${where} ${after} ORDER BY created_at, id LIMIT $3`,
      values,
    );
    return { rows, total };
  }

  async findById(db: Queryable, tenantId: string, id: string): Promise<UserRow | null> {
    const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return rows[0] ?? null;
  }

  async emailTaken(db: Queryable, tenantId: string, email: string): Promise<boolean> {
    const { rows } = await db.query('SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = lower($2)', [tenantId, email]);
    return rows.length > 0;
  }

  async update(db: Queryable, tenantId: string, id: string, changes: UserChanges): Promise<UserRow | null> {
    const { rows } = await db.query<UserRow>(
      `UPDATE users SET role = coalesce($3, role), status = coalesce($4, status), name = coalesce($5, name), updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [tenantId, id, changes.role ?? null, changes.status ?? null, changes.name ?? null],
    );
    return rows[0] ?? null;
  }

  /**
   * Serialises membership changes within one tenant until the transaction
   * ends, so two admins demoting the last two owners at once cannot both
   * see "another owner remains".
   */
  async lockMembership(db: Queryable, tenantId: string): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('tenant-membership:' || $1, 0))`, [tenantId]);
  }

  async countActiveOwners(db: Queryable, tenantId: string): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND role = 'owner' AND status = 'active'`,
      [tenantId],
    );
    return rows[0].n;
  }

  async createInvited(db: Queryable, u: NewInvitedUser): Promise<UserRow> {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (id, tenant_id, email, name, role, status) VALUES ($1, $2, $3, $4, $5, 'invited') RETURNING ${COLUMNS}`,
      [u.id, u.tenantId, u.email, u.name, u.role],
    );
    return rows[0];
  }

  /** Stores only the hash of the emailed invitation token. */
  async createInvitationToken(db: Queryable, t: NewInvitationToken): Promise<void> {
    await db.query(
      `INSERT INTO auth_tokens (id, tenant_id, user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, 'invitation', $4, $5)`,
      [t.id, t.tenantId, t.userId, t.tokenHash, t.expiresAt],
    );
  }

  /** Ends every way back in for a user: refresh tokens and unused emailed tokens (invitation, reset, verification). */
  async revokeCredentials(db: Queryable, tenantId: string, userId: string): Promise<void> {
    await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL', [
      tenantId,
      userId,
    ]);
    await db.query('UPDATE auth_tokens SET used_at = now() WHERE tenant_id = $1 AND user_id = $2 AND used_at IS NULL', [tenantId, userId]);
  }
}
