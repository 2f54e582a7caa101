import type { Queryable } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';

export interface OutgoingMail {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface QueuedMail {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attempts: number;
}

/** The `mail_outbox` table. */

/** Queues a message in the caller's transaction: mail goes out only if the change that caused it commits. */
export async function enqueue(db: Queryable, m: OutgoingMail): Promise<string> {
  const id = uuidv7();
  await db.query('INSERT INTO mail_outbox (id, tenant_id, to_address, subject, text_body, html_body) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    m.tenantId,
    m.to,
    m.subject,
    m.text,
    m.html ?? null,
  ]);
  return id;
}

/** Up to `batch` due messages, locked until the transaction ends; SKIP LOCKED lets several workers drain one outbox. */
export async function claimDue(db: Queryable, batch: number): Promise<QueuedMail[]> {
  const { rows } = await db.query<QueuedMail>(
    `SELECT id, to_address, subject, text_body, html_body, attempts FROM mail_outbox
     WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [batch],
  );
  return rows;
}

export async function markSent(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1 WHERE id = $1`, [id]);
}

/** Records a failed attempt: retried after 5·2^attempts seconds, given up at `maxAttempts`. */
export async function markFailedAttempt(db: Queryable, id: string, attempts: number, error: string, maxAttempts: number): Promise<void> {
  await db.query(
    `UPDATE mail_outbox SET attempts = $2, last_error = $3, status = CASE WHEN $2 >= $4 THEN 'failed' ELSE 'pending' END,
       next_attempt_at = now() + make_interval(secs => power(2, $2)::int * 5) WHERE id = $1`,
    [id, attempts, error, maxAttempts],
  );
}
