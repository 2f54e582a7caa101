import type { Queryable } from '../../platform/database.js';
import type { Role, Scope } from '../auth/roles.js';
import { POSITION_SQL } from '../page-position-sql.js';
import type { PageRequest, Positioned } from '../page.js';
import type { TenantRow } from './tenant-repository.js';

export interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_by: string | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

export interface NewApiKeyRow {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: readonly Scope[];
  createdBy: string | null;
  expiresAt: Date | null;
}

/** What authenticating a key needs: its hash, its tenant, and its creator's role and status. */
export interface KeyCredentials {
  id: string;
  tenant_id: string;
  key_hash: string;
  scopes: Scope[];
  created_by: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  tenant: TenantRow;
  creator_role: Role | null;
  creator_status: string | null;
}

// key_hash is left out on purpose: listing and management never need it.
const COLUMNS = 'id, tenant_id, name, prefix, scopes, created_by, expires_at, last_used_at, revoked_at, created_at';

/** The `api_keys` table. */

export async function insert(db: Queryable, k: NewApiKeyRow): Promise<ApiKeyRow> {
  const { rows } = await db.query<ApiKeyRow>(
    `INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [k.id, k.tenantId, k.name, k.prefix, k.keyHash, k.scopes, k.createdBy, k.expiresAt],
  );
  return rows[0];
}

/** One page of the tenant's keys, newest first; `limit + 1` rows tell whether a next page exists. */
export async function list(db: Queryable, tenantId: string, page: PageRequest): Promise<{ rows: Positioned<ApiKeyRow>[]; total: number }> {
  const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = $1', [tenantId])).rows[0].n;
  const values: unknown[] = [tenantId, page.limit + 1];
  let after = '';
  if (page.after) {
    values.push(page.after.createdAt, page.after.id);
    after = 'AND (created_at, id) < ($3::timestamptz, $4::uuid)';
  }
  const { rows } = await db.query<Positioned<ApiKeyRow>>(
    `SELECT ${COLUMNS}, ${POSITION_SQL} AS position_at FROM api_keys WHERE tenant_id = $1 ${after} ORDER BY created_at DESC, id DESC LIMIT $2`,
    values,
  );
  return { rows, total };
}

export async function findById(db: Queryable, tenantId: string, id: string): Promise<ApiKeyRow | null> {
  const { rows } = await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return rows[0] ?? null;
}

/** Sets revoked_at once; a second revocation keeps the first time. */
export async function revoke(db: Queryable, tenantId: string, id: string): Promise<ApiKeyRow | null> {
  const { rows } = await db.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** The key with this prefix, whatever its tenant (system scope: the tenant is not known before the key is). */
export async function findCredentials(db: Queryable, prefix: string): Promise<KeyCredentials | null> {
  const { rows } = await db.query<KeyCredentials>(
    `SELECT k.id, k.tenant_id, k.key_hash, k.scopes, k.created_by, k.expires_at, k.revoked_at, k.last_used_at, row_to_json(t.*) AS tenant,
            u.role AS creator_role, u.status AS creator_status
     FROM api_keys k JOIN tenants t ON t.id = k.tenant_id LEFT JOIN users u ON u.id = k.created_by WHERE k.prefix = $1`,
    [prefix],
  );
  const row = rows[0];
  if (!row) return null;
  // row_to_json leaves timestamps as strings.
  row.tenant.created_at = new Date(row.tenant.created_at as unknown as string);
  row.tenant.updated_at = new Date(row.tenant.updated_at as unknown as string);
  return row;
}

export async function touchLastUsed(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
}
