import type { Queryable } from '../../platform/database.js';
import { POSITION_SQL } from '../page-position-sql.js';
import type { PageRequest, Positioned } from '../page.js';
import type { DeliveryStatus } from './webhook-schemas.js';

/** The `webhook_endpoints` and `webhook_deliveries` tables. */

export type EndpointStatus = 'active' | 'paused' | 'disabled';

export interface EndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  description: string | null;
  events: string[];
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  max_retries: number;
  retry_delay_seconds: number;
  status: EndpointStatus;
  disabled_reason: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewEndpoint {
  id: string;
  tenantId: string;
  url: string;
  description: string | null;
  events: string[];
  secretSealed: string;
  maxRetries: number;
  retryDelaySeconds: number;
  createdBy: string | null;
}

export interface EndpointPatch {
  url?: string;
  description?: string | null;
  events?: string[];
  maxRetries?: number;
  retryDelaySeconds?: number;
  status?: EndpointStatus;
}

export interface DeliveryRow {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  response_status: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

export async function insertEndpoint(db: Queryable, e: NewEndpoint): Promise<EndpointRow> {
  const { rows } = await db.query<EndpointRow>(
    `INSERT INTO webhook_endpoints (id, tenant_id, url, description, events, secret_sealed, max_retries, retry_delay_seconds, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [e.id, e.tenantId, e.url, e.description, e.events, e.secretSealed, e.maxRetries, e.retryDelaySeconds, e.createdBy],
  );
  return rows[0];
}

export async function findEndpoint(db: Queryable, tenantId: string, id: string, lock = false): Promise<EndpointRow | null> {
  const { rows } = await db.query<EndpointRow>(
    `SELECT * FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function listEndpoints(
  db: Queryable,
  tenantId: string,
  page: PageRequest,
): Promise<{ rows: Positioned<EndpointRow>[]; total: number }> {
  const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_endpoints WHERE tenant_id = $1', [tenantId])).rows[0]
    .n;
  const select = `SELECT *, ${POSITION_SQL} AS position_at FROM webhook_endpoints WHERE tenant_id = $1`;
  const { rows } = page.after
    ? await db.query<Positioned<EndpointRow>>(
        `${select} AND (created_at, id) < ($2::timestamptz, $3::uuid) ORDER BY created_at DESC, id DESC LIMIT $4`,
        [tenantId, page.after.createdAt, page.after.id, page.limit + 1],
      )
    : await db.query<Positioned<EndpointRow>>(`${select} ORDER BY created_at DESC, id DESC LIMIT $2`, [tenantId, page.limit + 1]);
  return { rows, total };
}

export async function updateEndpoint(db: Queryable, tenantId: string, id: string, p: EndpointPatch): Promise<EndpointRow | null> {
  const { rows } = await db.query<EndpointRow>(
    `UPDATE webhook_endpoints SET
       url = COALESCE($3, url),
       description = CASE WHEN $4::boolean THEN $5 ELSE description END,
       events = COALESCE($6, events),
       max_retries = COALESCE($7, max_retries),
       retry_delay_seconds = COALESCE($8, retry_delay_seconds),
       status = COALESCE($9, status),
       disabled_reason = CASE WHEN $9 IS NULL THEN disabled_reason ELSE NULL END,
       updated_at = now()
     WHERE tenant_id = $1 AND id = $2 RETURNING *`,
    [
      tenantId,
      id,
      p.url ?? null,
      p.description !== undefined,
      p.description ?? null,
      p.events ?? null,
      p.maxRetries ?? null,
      p.retryDelaySeconds ?? null,
      p.status ?? null,
    ],
  );
  return rows[0] ?? null;
}

export async function deleteEndpoint(db: Queryable, tenantId: string, id: string): Promise<EndpointRow | null> {
  const { rows } = await db.query<EndpointRow>('DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 RETURNING *', [
    tenantId,
    id,
  ]);
  return rows[0] ?? null;
}

/** The new secret becomes current; the old one keeps signing until `previousUntil`. */
export async function rotateSecret(
  db: Queryable,
  tenantId: string,
  id: string,
  secretSealed: string,
  previousSealed: string,
  previousUntil: Date,
): Promise<EndpointRow | null> {
  const { rows } = await db.query<EndpointRow>(
    `UPDATE webhook_endpoints SET secret_sealed = $3, previous_secret_sealed = $4, previous_secret_expires_at = $5, updated_at = now()
     WHERE tenant_id = $1 AND id = $2 RETURNING *`,
    [tenantId, id, secretSealed, previousSealed, previousUntil],
  );
  return rows[0] ?? null;
}

/** A 410 Gone: the endpoint stops receiving until the tenant re-activates it. */
export async function disableEndpoint(db: Queryable, id: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = $2, updated_at = now() WHERE id = $1 AND status = 'active'`,
    [id, reason],
  );
}

/** The endpoints of these tenants that receive events now (fan-out reads them once per batch). */
export async function activeEndpoints(
  db: Queryable,
  tenantIds: string[],
): Promise<Pick<EndpointRow, 'id' | 'tenant_id' | 'events' | 'status'>[]> {
  if (tenantIds.length === 0) return [];
  const { rows } = await db.query<Pick<EndpointRow, 'id' | 'tenant_id' | 'events' | 'status'>>(
    `SELECT id, tenant_id, events, status FROM webhook_endpoints WHERE tenant_id = ANY($1::uuid[]) AND status <> 'disabled'`,
    [tenantIds],
  );
  return rows;
}

export interface NewDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  body: Record<string, unknown>;
}

/** Inserts deliveries; one per (endpoint, event) whatever happens, so a repeated fan-out adds nothing. */
export async function insertDeliveries(db: Queryable, d: NewDelivery[]): Promise<number> {
  if (d.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_id, event_type, body)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::jsonb[])
     ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
    [
      d.map((x) => x.id),
      d.map((x) => x.tenantId),
      d.map((x) => x.endpointId),
      d.map((x) => x.eventId),
      d.map((x) => x.eventType),
      d.map((x) => JSON.stringify(x.body)),
    ],
  );
  return rowCount ?? 0;
}

export async function listDeliveries(
  db: Queryable,
  tenantId: string,
  endpointId: string,
  page: PageRequest,
  status?: DeliveryStatus,
): Promise<{ rows: Positioned<DeliveryRow>[]; total: number }> {
  const values: unknown[] = [tenantId, endpointId, status ?? null];
  const where = 'tenant_id = $1 AND endpoint_id = $2 AND ($3::text IS NULL OR status = $3)';
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE ${where}`, values)).rows[0].n;
  const columns = `id, tenant_id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, response_status, last_error,
    created_at, delivered_at, ${POSITION_SQL} AS position_at`;
  let keyset = '';
  if (page.after) {
    values.push(page.after.createdAt, page.after.id);
    keyset = 'AND (created_at, id) < ($4::timestamptz, $5::uuid)';
  }
  values.push(page.limit + 1);
  const { rows } = await db.query<Positioned<DeliveryRow>>(
    `SELECT ${columns} FROM webhook_deliveries WHERE ${where} ${keyset} ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
    values,
  );
  return { rows, total };
}

/** Makes a delivery due now (a manual retry); it keeps its id, event and webhook-id. Null when no such delivery. */
export async function requeueDelivery(db: Queryable, tenantId: string, endpointId: string, id: string): Promise<DeliveryRow | null> {
  const { rows } = await db.query<DeliveryRow>(
    `UPDATE webhook_deliveries SET status = CASE WHEN status = 'pending' THEN 'pending' ELSE 'failed' END,
       next_attempt_at = now(), updated_at = now()
     WHERE tenant_id = $1 AND endpoint_id = $2 AND id = $3
     RETURNING id, tenant_id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, response_status, last_error,
       created_at, delivered_at`,
    [tenantId, endpointId, id],
  );
  return rows[0] ?? null;
}

/** A claimed delivery with what its attempt needs of the endpoint. */
export interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: Record<string, unknown>;
  /** Attempts before this one; a manual retry of a dead delivery has used its retries, so it is dead again if it fails. */
  attempts: number;
  url: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  max_retries: number;
  retry_delay_seconds: number;
}

/**
 * Due deliveries of active endpoints, oldest first, locked (SKIP LOCKED) until
 * the transaction ends, leaving out `excludedEndpoints` (busy or with an open
 * circuit in this process). The caller picks which to run and leases them
 * with `lease`.
 */
export async function dueDeliveries(db: Queryable, batch: number, excludedEndpoints: string[]): Promise<ClaimedDelivery[]> {
  const { rows } = await db.query<ClaimedDelivery>(
    `SELECT d.id, d.tenant_id, d.endpoint_id, d.event_id, d.event_type, d.body, d.attempts,
       e.url, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at, e.max_retries, e.retry_delay_seconds
     FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
     WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= now() AND e.status = 'active'
       AND NOT (d.endpoint_id = ANY($2::uuid[]))
     ORDER BY d.next_attempt_at, d.id LIMIT $1 FOR UPDATE OF d SKIP LOCKED`,
    [batch, excludedEndpoints],
  );
  return rows;
}

/** Moves the chosen deliveries' due time past the attempt: a worker that dies mid-attempt leaves them due again then. */
export async function lease(db: Queryable, ids: string[], seconds: number): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $2) WHERE id = ANY($1::uuid[])`, [
    ids,
    seconds,
  ]);
}

export interface AttemptRecord {
  status: Exclude<DeliveryStatus, 'pending'>;
  responseStatus: number | null;
  error: string | null;
  /** Seconds until the next attempt (failed only). */
  retryInSeconds: number | null;
}

export async function recordAttempt(db: Queryable, id: string, a: AttemptRecord): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, response_status = $3, last_error = COALESCE($4, last_error),
       next_attempt_at = CASE WHEN $2 = 'failed' THEN now() + make_interval(secs => $5) ELSE next_attempt_at END,
       delivered_at = CASE WHEN $2 = 'succeeded' THEN now() ELSE delivered_at END, updated_at = now()
     WHERE id = $1`,
    [id, a.status, a.responseStatus, a.error, a.retryInSeconds ?? 0],
  );
}

/** Records successful attempts, many at once. */
export async function recordSuccesses(db: Queryable, done: { id: string; status: number }[]): Promise<void> {
  if (done.length === 0) return;
  await db.query(
    `UPDATE webhook_deliveries d SET status = 'succeeded', attempts = d.attempts + 1, response_status = s.status,
       delivered_at = now(), updated_at = now()
     FROM unnest($1::uuid[], $2::int[]) AS s(id, status) WHERE d.id = s.id`,
    [done.map((x) => x.id), done.map((x) => x.status)],
  );
}

export interface DeliveryStats {
  pending: number;
  oldestPendingSeconds: number;
  dead: number;
}

/** For the metrics: deliveries waiting (pending or failed and due later), the oldest one's age, and dead ones. */
export async function deliveryStats(db: Queryable): Promise<DeliveryStats> {
  const { rows } = await db.query<{ pending: number; oldest: number | null; dead: number }>(
    `SELECT count(*) FILTER (WHERE status IN ('pending', 'failed'))::int AS pending,
       extract(epoch FROM now() - min(created_at) FILTER (WHERE status IN ('pending', 'failed')))::float8 AS oldest,
       count(*) FILTER (WHERE status = 'dead')::int AS dead
     FROM webhook_deliveries WHERE status <> 'succeeded'`,
  );
  return { pending: rows[0].pending, oldestPendingSeconds: rows[0].oldest ?? 0, dead: rows[0].dead };
}

/** Deletes finished deliveries (succeeded or dead) older than `retentionSeconds`; returns how many. */
export async function deleteFinishedDeliveries(db: Queryable, retentionSeconds: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM webhook_deliveries WHERE status IN ('succeeded', 'dead') AND updated_at < now() - make_interval(secs => $1)`,
    [retentionSeconds],
  );
  return rowCount ?? 0;
}
