import { prepared, type Queryable } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import { newerThanCursor, POSITION_SQL } from '../page-position-sql.js';
import type { PageRequest } from '../page.js';

export interface AuditEntry {
  tenantId: string;
  actorId: string | null;
  actorType: 'user' | 'api_key' | 'system';
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditRow {
  id: string;
  tenant_id: string;
  actor_id: string | null;
  actor_type: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  request_id: string | null;
  created_at: Date;
  /** created_at with PostgreSQL's microseconds, for keyset cursors (a Date keeps only milliseconds). */
  position_at: string;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  since?: Date;
  until?: Date;
}

// Every change writes one: prepared once per connection.
const INSERT_AUDIT = prepared(
  'audit.insert',
  `INSERT INTO audit_logs (id, tenant_id, actor_id, actor_type, action, target_type, target_id, details, ip, request_id)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
);

/** Writes one audit row on the caller's connection, so it commits or rolls back with the change it records. */
export async function recordAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(INSERT_AUDIT, [
    uuidv7(),
    e.tenantId,
    e.actorId,
    e.actorType,
    e.action,
    e.targetType ?? null,
    e.targetId ?? null,
    e.details ?? {},
    e.ip ?? null,
    e.requestId ?? null,
  ]);
}

/** One page of the tenant's entries matching `f`, newest first, and their total; `limit + 1` rows tell whether more exist. */
export async function listAudit(
  db: Queryable,
  tenantId: string,
  f: AuditFilter,
  page: PageRequest,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = ['tenant_id = $1'];
  const values: unknown[] = [tenantId];
  const add = (sql: string, v: unknown) => {
    values.push(v);
    where.push(sql.replace('?', `$${values.length}`));
  };
  if (f.action) add('action = ?', f.action);
  if (f.actorId) add('actor_id = ?', f.actorId);
  if (f.since) add('created_at >= ?', f.since);
  if (f.until) add('created_at <= ?', f.until);
  const countSql = `SELECT count(*)::int AS n FROM audit_logs WHERE ${where.join(' AND ')}`;
  const total = (await db.query<{ n: number }>(countSql, values)).rows[0].n;
  const after = newerThanCursor(values, page);
  values.push(page.limit + 1);
  const { rows } = await db.query<AuditRow>(
    `SELECT *, ${POSITION_SQL} AS position_at FROM audit_logs WHERE ${where.join(' AND ')} ${after} ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
    values,
  );
  return { rows, total };
}
