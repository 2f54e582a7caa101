import type { Queryable } from '../../platform/database.js';
import { newerThanCursor, POSITION_SQL } from '../page-position-sql.js';
import type { PageRequest } from '../page.js';

export type OperationStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One row of a lattice's operation history. */
export interface OperationRow {
  id: string;
  tenant_id: string;
  lattice_id: string;
  type: string;
  parameters: Record<string, unknown>;
  result_summary: Record<string, unknown> | null;
  backend: string | null;
  gpu_used: boolean;
  fallback_reason: string | null;
  cached: boolean;
  status: OperationStatus;
  execution_time_ms: number | null;
  actor_id: string | null;
  actor_type: 'user' | 'api_key' | 'system';
  job_id: string | null;
  created_at: string;
  /** created_at to the microsecond: the keyset position of the row (see page-position-sql.ts). */
  position_at: string;
}

export interface NewOperation {
  id: string;
  tenantId: string;
  latticeId: string;
  type: string;
  parameters: Record<string, unknown>;
  status: OperationStatus;
  actorId: string | null;
  actorType: OperationRow['actor_type'];
  jobId: string | null;
}

/** How a run ended: what the history keeps of it. */
export interface OperationOutcome {
  status: OperationStatus;
  resultSummary: Record<string, unknown> | null;
  backend: string | null;
  gpuUsed: boolean;
  fallbackReason: string | null;
  cached: boolean;
  executionTimeMs: number | null;
}

const COLUMNS = `id, tenant_id, lattice_id, type, parameters, result_summary, backend, gpu_used, fallback_reason, cached, status,
  execution_time_ms, actor_id, actor_type, job_id,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at, ${POSITION_SQL} AS position_at`;

/** The `lattice_operations` table. */
/** Records a run, finished (`outcome`) or about to be run by a job (status queued). */
export async function insert(db: Queryable, op: NewOperation, outcome?: OperationOutcome): Promise<void> {
  await db.query(
    `INSERT INTO lattice_operations (id, tenant_id, lattice_id, type, parameters, status, actor_id, actor_type, job_id,
       result_summary, backend, gpu_used, fallback_reason, cached, execution_time_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      op.id,
      op.tenantId,
      op.latticeId,
      op.type,
      op.parameters,
      outcome?.status ?? op.status,
      op.actorId,
      op.actorType,
      op.jobId,
      outcome?.resultSummary ?? null,
      outcome?.backend ?? null,
      outcome?.gpuUsed ?? false,
      outcome?.fallbackReason ?? null,
      outcome?.cached ?? false,
      outcome?.executionTimeMs ?? null,
    ],
  );
}

/**
 * Writes how a queued run ended (a retried attempt may write it again); false
 * when the row is gone (its lattice was deleted) or its job was cancelled.
 */
export async function finish(db: Queryable, tenantId: string, id: string, outcome: OperationOutcome): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE lattice_operations SET status = $3, result_summary = $4, backend = $5, gpu_used = $6, fallback_reason = $7,
       cached = $8, execution_time_ms = $9
     WHERE tenant_id = $1 AND id = $2 AND status <> 'cancelled'`,
    [
      tenantId,
      id,
      outcome.status,
      outcome.resultSummary,
      outcome.backend,
      outcome.gpuUsed,
      outcome.fallbackReason,
      outcome.cached,
      outcome.executionTimeMs,
    ],
  );
  return (rowCount ?? 0) > 0;
}

/** Marks a queued run as started; a finished one is left alone. */
/** Marks the history row of a cancelled job cancelled unless it already finished; O(rows of the job) by its index. */
export async function cancelForJob(db: Queryable, tenantId: string, jobId: string): Promise<void> {
  await db.query(
    `UPDATE lattice_operations SET status = 'cancelled', result_summary = $3
     WHERE tenant_id = $1 AND job_id = $2 AND status IN ('queued', 'running')`,
    [tenantId, jobId, { error: { code: 'cancelled', detail: 'The job was cancelled' } }],
  );
}

export async function markRunning(db: Queryable, tenantId: string, id: string): Promise<void> {
  await db.query(`UPDATE lattice_operations SET status = 'running' WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')`, [
    tenantId,
    id,
  ]);
}

export async function find(db: Queryable, tenantId: string, id: string): Promise<OperationRow | null> {
  const { rows } = await db.query<OperationRow>(`SELECT ${COLUMNS} FROM lattice_operations WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
  return rows[0] ?? null;
}

/** One page of a lattice's history, newest first, and the total matching `type`; `limit + 1` rows tell whether more exist. */
export async function list(
  db: Queryable,
  tenantId: string,
  latticeId: string,
  type: string | undefined,
  page: PageRequest,
): Promise<{ rows: OperationRow[]; total: number }> {
  const values: unknown[] = [tenantId, latticeId];
  let match = 'tenant_id = $1 AND lattice_id = $2';
  if (type !== undefined) {
    values.push(type);
    match += ' AND type = $3';
  }
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM lattice_operations WHERE ${match}`, values)).rows[0].n;
  const paged = [...values];
  const after = newerThanCursor(paged, page);
  paged.push(page.limit + 1);
  const { rows } = await db.query<OperationRow>(
    `SELECT ${COLUMNS} FROM lattice_operations WHERE ${match} ${after} ORDER BY created_at DESC, id DESC LIMIT $${paged.length}`,
    paged,
  );
  return { rows, total };
}
