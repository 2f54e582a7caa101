import { prepared, type Queryable } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';

/**
 * The `outbox` table: what leaves the service after a change commits. Rows are
 * inserted in the change's own transaction; the worker's dispatcher claims
 * them with SKIP LOCKED, so several workers share one outbox.
 */

export interface NewEvent {
  tenantId: string;
  type: string;
  data: Record<string, unknown>;
  /** Only for an event meant for one endpoint (webhook.test). */
  endpointId?: string;
}

export interface OutboxEventRow {
  id: string;
  tenant_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  endpoint_id: string | null;
  created_at: Date;
}

export interface OutboxMailRow {
  id: string;
  tenant_id: string | null;
  sealed: string;
  attempts: number;
}

// Written by every change that has an event (lattice created, job finished...): prepared once per connection.
const INSERT_EVENT = prepared(
  'outbox.insert_event',
  `INSERT INTO outbox (id, tenant_id, topic, event_type, payload, endpoint_id) VALUES ($1, $2, 'event', $3, $4, $5)`,
);

export async function insertEvent(db: Queryable, e: NewEvent): Promise<string> {
  const id = uuidv7();
  await db.query(INSERT_EVENT, [id, e.tenantId, e.type, e.data, e.endpointId ?? null]);
  return id;
}

/** Queues a mail whose message `seal` produces from the row id (the id binds the sealed value to its row). */
export async function insertMail(db: Queryable, tenantId: string | null, seal: (id: string) => string): Promise<string> {
  const id = uuidv7();
  await db.query(`INSERT INTO outbox (id, tenant_id, topic, sealed) VALUES ($1, $2, 'mail', $3)`, [id, tenantId, seal(id)]);
  return id;
}

/** Up to `batch` pending events, oldest first, locked until the transaction ends. */
export async function claimEvents(db: Queryable, batch: number): Promise<OutboxEventRow[]> {
  const { rows } = await db.query<OutboxEventRow>(
    `SELECT id, tenant_id, event_type, payload, endpoint_id, created_at FROM outbox
     WHERE topic = 'event' AND status = 'pending' AND next_attempt_at <= now()
     ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [batch],
  );
  return rows;
}

export async function markEventsDone(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`UPDATE outbox SET status = 'done', processed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [ids]);
}

/** Up to `batch` due mails, locked until the transaction ends. */
export async function claimMail(db: Queryable, batch: number): Promise<OutboxMailRow[]> {
  const { rows } = await db.query<OutboxMailRow>(
    `SELECT id, tenant_id, sealed, attempts FROM outbox
     WHERE topic = 'mail' AND status = 'pending' AND next_attempt_at <= now()
     ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [batch],
  );
  return rows;
}

/** A sent mail keeps no message: the sealed text (and the token in it) is cleared. */
export async function markMailSent(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE outbox SET status = 'done', sealed = NULL, processed_at = now(), attempts = attempts + 1 WHERE id = $1`, [id]);
}

/** Records a failed attempt: retried after 5·2^attempts seconds; at `maxAttempts` it is given up and its message cleared. */
export async function markMailFailed(db: Queryable, id: string, attempts: number, error: string, maxAttempts: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET attempts = $2, last_error = $3,
       status = CASE WHEN $2 >= $4 THEN 'failed' ELSE 'pending' END,
       sealed = CASE WHEN $2 >= $4 THEN NULL ELSE sealed END,
       processed_at = CASE WHEN $2 >= $4 THEN now() END,
       next_attempt_at = now() + make_interval(secs => power(2, $2)::int * 5) WHERE id = $1`,
    [id, attempts, error, maxAttempts],
  );
}

/** Deletes processed rows older than `retentionSeconds`; returns how many. */
export async function deleteProcessed(db: Queryable, retentionSeconds: number): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM outbox WHERE status <> 'pending' AND processed_at < now() - make_interval(secs => $1)`, [
    retentionSeconds,
  ]);
  return rowCount ?? 0;
}
