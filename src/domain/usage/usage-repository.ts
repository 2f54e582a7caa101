import type { Queryable } from '../../platform/database.js';

export interface CounterRow {
  tenantId: string;
  /** Calendar month, `YYYY-MM` (UTC). */
  period: string;
  metric: string;
  count: number;
}

/** The `usage_counters` table: monthly counters, written in batches from the shared store. */

/** The persisted count of one counter; 0 when it was never written. */
export async function find(db: Queryable, tenantId: string, period: string, metric: string): Promise<number> {
  const { rows } = await db.query<{ count: string }>(
    'SELECT count FROM usage_counters WHERE tenant_id = $1 AND period = $2 AND metric = $3',
    [tenantId, period, metric],
  );
  return rows[0] ? Number(rows[0].count) : 0;
}

/** Writes many counters in one statement (system scope: they belong to many tenants); a count never goes down. */
export async function upsertMany(db: Queryable, counters: CounterRow[]): Promise<void> {
  await db.query(
    `INSERT INTO usage_counters (tenant_id, period, metric, count)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[])
     ON CONFLICT (tenant_id, period, metric) DO UPDATE SET count = GREATEST(usage_counters.count, EXCLUDED.count), updated_at = now()`,
    [counters.map((r) => r.tenantId), counters.map((r) => r.period), counters.map((r) => r.metric), counters.map((r) => r.count)],
  );
}
