import type { Queryable } from '../../platform/database.js';
import type { Scope } from '../identity/principal.js';
import { POSITION_SQL, type PageRequest } from '../page.js';

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
  position_at: string;
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

// key_hash is left out on purpose: listing and management never need it.
const COLUMNS = `id, tenant_id, name, prefix, scopes, created_by, expires_at, last_used_at, revoked_at, created_at, ${POSITION_SQL} AS position_at`;

export class ApiKeyRepository {
  async create(db: Queryable, k: NewApiKeyRow): Promise<ApiKeyRow> {
    const { rows } = await db.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [k.id, k.tenantId, k.name, k.prefix, k.keyHash, k.scopes, k.createdBy, k.expiresAt],
    );
    return rows[0];
  }

  /** One page of the tenant's keys, newest first; `limit + 1` rows tell whether a next page exists. */
  async list(db: Queryable, tenantId: string, page: PageRequest): Promise<{ rows: ApiKeyRow[]; total: number }> {
    const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = $1', [tenantId])).rows[0].n;
    const values: unknown[] = [tenantId, page.limit + 1];
    let after = '';
    if (page.after) {
      values.push(page.after.createdAt, page.after.id);
      after = 'AND (created_at, id) < ($3::timestamptz, $4::uuid)';
    }
    const { rows } = await db.query<ApiKeyRow>(
      `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 ${after} ORDER BY created_at DESC, id DESC LIMIT $2`,
      values,
    );
    return { rows, total };
  }

  async findById(db: Queryable, tenantId: string, id: string): Promise<ApiKeyRow | null> {
    const { rows } = await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return rows[0] ?? null;
  }

  /** Sets revoked_at once; a second revocation keeps the first time. */
  async revoke(db: Queryable, tenantId: string, id: string): Promise<ApiKeyRow | null> {
    const { rows } = await db.query<ApiKeyRow>(
      `UPDATE api_keys SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }
}
