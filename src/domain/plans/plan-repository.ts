import type { Queryable } from '../../platform/database.js';

export interface PlanRow {
  code: string;
  name: string;
  max_lattices: number;
  max_dimensions: number;
  max_size: number;
  /** bigint: arrives as a string. */
  max_materialized_vertices: string | number;
  requests_per_minute: number;
  compute_per_minute: number;
  monthly_operations: number;
  gpu_allowed: boolean;
  sort_order: number;
}

/** The `plans` table: global reference data, not tenant-owned (no RLS). */

/** Every plan, in the order the API lists them. */
export async function list(db: Queryable): Promise<PlanRow[]> {
  const { rows } = await db.query<PlanRow>('SELECT * FROM plans ORDER BY sort_order, code');
  return rows;
}

export async function find(db: Queryable, code: string): Promise<PlanRow | null> {
  const { rows } = await db.query<PlanRow>('SELECT * FROM plans WHERE code = $1', [code]);
  return rows[0] ?? null;
}

export async function exists(db: Queryable, code: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM plans WHERE code = $1', [code]);
  return (rowCount ?? 0) > 0;
}
