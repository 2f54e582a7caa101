import type { Queryable } from '../../platform/database.js';
import type { TenantRow } from '../tenants/tenant-repository.js';
import type { UserRow } from '../tenants/user-repository.js';

/** A user with the tenant it acts in: what a principal is built from, and what a login checks. */
export interface Account {
  user: UserRow;
  tenant: TenantRow;
}

/** An account with the user's password hash, for login only. */
export interface LoginAccount extends Account {
  passwordHash: string | null;
}

type RawAccount = { user: UserRow & { password_hash?: string | null }; tenant: TenantRow };

const ACCOUNT_SELECT = `SELECT row_to_json(u.*) AS user, row_to_json(t.*) AS tenant FROM users u JOIN tenants t ON t.id = u.tenant_id`;

// row_to_json leaves timestamps as strings.
function dates<T>(o: T, keys: (keyof T)[]): void {
  for (const k of keys) if (typeof o[k] === 'string') o[k] = new Date(o[k] as string) as T[keyof T];
}

/** Revives the JSON rows; the hash is taken out of the user, so a cached principal never holds it. */
function revive(raw: RawAccount): LoginAccount {
  const { password_hash: passwordHash = null, ...user } = raw.user;
  dates(user, ['email_verified_at', 'last_login_at', 'created_at', 'updated_at']);
  dates(raw.tenant, ['created_at', 'updated_at']);
  return { user, tenant: raw.tenant, passwordHash };
}

/** Every account with this address, oldest first, across tenants (system scope). */
export async function findByEmail(db: Queryable, email: string): Promise<LoginAccount[]> {
  const { rows } = await db.query<RawAccount>(`${ACCOUNT_SELECT} WHERE lower(u.email) = lower($1) ORDER BY u.created_at`, [email]);
  return rows.map(revive);
}

export async function find(db: Queryable, userId: string): Promise<Account | null> {
  const { rows } = await db.query<RawAccount>(`${ACCOUNT_SELECT} WHERE u.id = $1`, [userId]);
  if (!rows[0]) return null;
  const { user, tenant } = revive(rows[0]);
  return { user, tenant };
}
