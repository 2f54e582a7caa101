import type { Queryable } from '../../platform/database.js';
import { POSITION_SQL } from '../page-position-sql.js';
import type { PageRequest, Positioned } from '../page.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobRow {
  id: string;
  tenant_id: string;
  lattice_id: string | null;
  kind: string;
  operation: string;
  parameters: Record<string, unknown>;
  status: JobStatus;
  progress: number;
  result: unknown;
  error: { code: string; detail: string } | null;
  attempts: number;
  actor_id: string | null;
  actor_type: 'user' | 'api_key' | 'system';
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  expires_at: Date | null;
}

export interface NewJob {
  id: string;
  tenantId: string;
  latticeId: string | null;
  kind: string;
  operation: string;
  parameters: Record<string, unknown>;
  actorId: string | null;
  actorType: JobRow['actor_type'];
}

export async function insert(db: Queryable, j: NewJob): Promise<void> {
  await db.query(
    `INSERT INTO jobs (id, tenant_id, lattice_id, kind, operation, parameters, actor_id, actor_type)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [j.id, j.tenantId, j.latticeId, j.kind, j.operation, j.parameters, j.actorId, j.actorType],
  );
}

export async function find(db: Queryable, tenantId: string, id: string): Promise<JobRow | null> {
  const { rows } = await db.query<JobRow>('SELECT * FROM jobs WHERE id = $1 AND tenant_id = $2', [id, tenantId]);
  return rows[0] ?? null;
}

export async function list(db: Queryable, tenantId: string, page: PageRequest): Promise<{ rows: Positioned<JobRow>[]; total: number }> {
  const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1', [tenantId])).rows[0].n;
  const select = `SELECT *, ${POSITION_SQL} AS position_at FROM jobs WHERE tenant_id = $1`;
  const { rows } = page.after
    ? await db.query<Positioned<JobRow>>(
        `${select} AND (created_at, id) < ($2::timestamptz, $3::uuid) ORDER BY created_at DESC, id DESC LIMIT $4`,
        [tenantId, page.after.createdAt, page.after.id, page.limit + 1],
      )
    : await db.query<Positioned<JobRow>>(`${select} ORDER BY created_at DESC, id DESC LIMIT $2`, [tenantId, page.limit + 1]);
  return { rows, total };
}

/** Marks a job cancelled unless it already finished; returns the row as it is now. */
export async function cancel(db: Queryable, tenantId: string, id: string, retentionSeconds: number): Promise<JobRow | null> {
  const { rows } = await db.query<JobRow>(
    `UPDATE jobs SET status = 'cancelled', finished_at = now(), expires_at = now() + make_interval(secs => $3)
     WHERE id = $1 AND tenant_id = $2 AND status IN ('queued', 'running') RETURNING *`,
    [id, tenantId, retentionSeconds],
  );
  return rows[0] ?? find(db, tenantId, id);
}

/**
 * Claims a job for an attempt within its tenant's cap on running jobs: the
 * plan's max_concurrent_jobs (-1 unlimited), and never more than `workerCap`.
 * Claims of one tenant are serialised by an advisory lock, so two workers
 * cannot both take its last slot. The row when claimed, 'busy' when the
 * tenant is at its cap, null when the job was cancelled or finished.
 */
export async function claim(db: Queryable, id: string, workerCap: number): Promise<JobRow | 'busy' | null> {
  const { rows } = await db.query<{ tenant_id: string; cap: number }>(
    `SELECT j.tenant_id, p.max_concurrent_jobs AS cap FROM jobs j
       JOIN tenants t ON t.id = j.tenant_id JOIN plans p ON p.code = t.plan_code
     WHERE j.id = $1 AND j.status IN ('queued', 'running')`,
    [id],
  );
  if (rows.length === 0) return null;
  const { tenant_id: tenantId, cap: planCap } = rows[0];
  const cap = planCap < 0 ? workerCap : Math.min(planCap, workerCap);
  // One lock per tenant (the seed keeps it apart from other advisory locks of the schema).
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7231885010))', [tenantId]);
  const running = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1 AND status = 'running' AND id <> $2`,
    [tenantId, id],
  );
  if (running.rows[0].n >= cap) return 'busy';
  return startAttempt(db, id);
}

/** Claims a job for an attempt: running unless it was cancelled meanwhile. */
export async function startAttempt(db: Queryable, id: string): Promise<JobRow | null> {
  const { rows } = await db.query<JobRow>(
    `UPDATE jobs SET status = 'running', started_at = coalesce(started_at, now()), attempts = attempts + 1
     WHERE id = $1 AND status IN ('queued', 'running') RETURNING *`,
    [id],
  );
  return rows[0] ?? null;
}

export async function setProgress(db: Queryable, id: string, progress: number): Promise<void> {
  await db.query(`UPDATE jobs SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, Math.min(1, Math.max(0, progress))]);
}

export async function status(db: Queryable, id: string): Promise<JobStatus | null> {
  const { rows } = await db.query<{ status: JobStatus }>('SELECT status FROM jobs WHERE id = $1', [id]);
  return rows[0]?.status ?? null;
}

export async function finish(
  db: Queryable,
  id: string,
  outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: { code: string; detail: string } },
  retentionSeconds: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE jobs SET status = $2, result = $3, error = $4, progress = CASE WHEN $2 = 'succeeded' THEN 1 ELSE progress END,
       finished_at = now(), expires_at = now() + make_interval(secs => $5)
     WHERE id = $1 AND status = 'running'`,
    [
      id,
      outcome.status,
      outcome.status === 'succeeded' ? JSON.stringify(outcome.result) : null,
      outcome.status === 'failed' ? outcome.error : null,
      retentionSeconds,
    ],
  );
  return (rowCount ?? 0) > 0;
}

/** Deletes finished jobs whose retention has passed; returns how many. */
export async function deleteExpired(db: Queryable): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM jobs WHERE expires_at IS NOT NULL AND expires_at < now()');
  return rowCount ?? 0;
}

/** Jobs queued and running across every tenant, and the age of the oldest queued one (system scope, for metrics). */
export async function activity(db: Queryable): Promise<{ queued: number; running: number; oldestQueuedSeconds: number }> {
  const { rows } = await db.query<{ queued: number; running: number; oldest: number }>(
    `SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
            count(*) FILTER (WHERE status = 'running')::int AS running,
            coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'queued')), 0)::float8 AS oldest
       FROM jobs WHERE status IN ('queued', 'running')`,
  );
  const r = rows[0];
  return { queued: r.queued, running: r.running, oldestQueuedSeconds: r.oldest };
}
