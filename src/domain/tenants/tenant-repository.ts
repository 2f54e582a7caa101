import type { Queryable } from '../../platform/database.js';
import { newerThanCursor, POSITION_SQL } from '../page-position-sql.js';
import type { PageRequest, Positioned } from '../page.js';

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

/** Every tenant, newest first, one page of them and the total (system scope: platform administration). */
export async function listAll(
  db: Queryable,
  filter: { status?: TenantRow['status'] },
  page: PageRequest,
): Promise<{ rows: Positioned<TenantRow>[]; total: number }> {
  const values: unknown[] = [];
  const where = ['true'];
  if (filter.status) {
    values.push(filter.status);
    where.push(`status = $${values.length}`);
  }
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tenants WHERE ${where.join(' AND ')}`, values)).rows[0].n;
  const after = newerThanCursor(values, page);
  values.push(page.limit + 1);
  const { rows } = await db.query<Positioned<TenantRow>>(
    `SELECT ${COLUMNS}, ${POSITION_SQL} AS position_at FROM tenants WHERE ${where.join(' AND ')} ${after}
     ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
    values,
  );
  return { rows, total };
}

export async function setStatus(db: Queryable, tenantId: string, status: TenantRow['status']): Promise<TenantRow | null> {
  const { rows } = await db.query<TenantRow>(`UPDATE tenants SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
    tenantId,
    status,
  ]);
  return rows[0] ?? null;
}
