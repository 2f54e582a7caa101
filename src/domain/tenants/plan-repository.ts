import type { Queryable } from '../../platform/database.js';
import type { PlanRow } from '../identity/identity-repository.js';

/** The plans table: global reference data, not tenant-owned (no RLS). */
export class PlanRepository {
  async list(db: Queryable): Promise<PlanRow[]> {
    const { rows } = await db.query<PlanRow>('SELECT * FROM plans ORDER BY sort_order, code');
    return rows;
  }

  async find(db: Queryable, code: string): Promise<PlanRow | null> {
    const { rows } = await db.query<PlanRow>('SELECT * FROM plans WHERE code = $1', [code]);
    return rows[0] ?? null;
  }
}
