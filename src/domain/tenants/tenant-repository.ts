import type { Queryable } from '../../platform/database.js';

export interface TenantRow {
  id: string;
  name: string;
  slug: string;
  plan_code: string;
  status: 'active' | 'suspended';
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, slug, plan_code, status, created_at, updated_at';

/** The `tenants` table. Callers run these inside the tenant's transaction, so RLS backs up the id filter. */

export async function find(db: Queryable, tenantId: string): Promise<TenantRow | null> {
  const { rows } = await db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE id = $1`, [tenantId]);
  return rows[0] ?? null;
}

/** The row, locked until the transaction ends, so concurrent changes of the same field serialise. */
export async function findForUpdate(db: Queryable, tenantId: string): Promise<TenantRow | null> {
  const { rows } = await db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
  return rows[0] ?? null;
}

/** Whether any tenant has this slug (system scope: slugs are unique across tenants). */
export async function slugTaken(db: Queryable, slug: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM tenants WHERE slug = $1', [slug]);
  return (rowCount ?? 0) > 0;
}

export async function insert(db: Queryable, t: { id: string; name: string; slug: string; planCode: string }): Promise<void> {
  await db.query('INSERT INTO tenants (id, name, slug, plan_code) VALUES ($1, $2, $3, $4)', [t.id, t.name, t.slug, t.planCode]);
}

export async function rename(db: Queryable, tenantId: string, name: string): Promise<TenantRow | null> {
  const { rows } = await db.query<TenantRow>(`UPDATE tenants SET name = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
    tenantId,
    name,
  ]);
  return rows[0] ?? null;
}

export async function setPlan(db: Queryable, tenantId: string, planCode: string): Promise<TenantRow | null> {
  const { rows } = await db.query<TenantRow>(`UPDATE tenants SET plan_code = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
    tenantId,
    planCode,
  ]);
  return rows[0] ?? null;
}
