import type { Queryable } from '../../platform/database.js';

import type { TenantRow } from '../identity/identity-repository.js';

// One row shape for tenants, shared with the identity area that loads it for principals.
export type { TenantRow };

const COLUMNS = 'id, name, slug, plan_code, status, created_at, updated_at';

/** The tenant's own row. Callers run these inside the tenant's transaction, so RLS backs up the id filter. */
export class TenantRepository {
  async find(db: Queryable, tenantId: string): Promise<TenantRow | null> {
    const { rows } = await db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE id = $1`, [tenantId]);
    return rows[0] ?? null;
  }

  /** The row, locked until the transaction ends, so concurrent changes of the same field serialise. */
  async findForUpdate(db: Queryable, tenantId: string): Promise<TenantRow | null> {
    const { rows } = await db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
    return rows[0] ?? null;
  }

  async rename(db: Queryable, tenantId: string, name: string): Promise<TenantRow | null> {
    const { rows } = await db.query<TenantRow>(`UPDATE tenants SET name = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
      tenantId,
      name,
    ]);
    return rows[0] ?? null;
  }

  async setPlan(db: Queryable, tenantId: string, planCode: string): Promise<TenantRow | null> {
    const { rows } = await db.query<TenantRow>(`UPDATE tenants SET plan_code = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
      tenantId,
      planCode,
    ]);
    return rows[0] ?? null;
  }
}
