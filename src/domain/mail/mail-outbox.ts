import type { Database, Queryable } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import type { MailTransport } from '../../platform/mail/mail-transport.js';

export interface OutgoingMail {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Queues a message in the caller's transaction: mail goes out only if the change that caused it commits. */
export async function enqueueMail(db: Queryable, m: OutgoingMail): Promise<string> {
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

const MAX_ATTEMPTS = 8;

/**
 * Sends due messages. Rows are claimed with SKIP LOCKED so several workers can
 * drain one outbox; a failure backs off exponentially and gives up after
 * MAX_ATTEMPTS. Returns how many were sent.
 */
export async function drainOutbox(db: Database, sender: Pick<MailTransport, 'send'>, batch = 20): Promise<number> {
  let sent = 0;
  await db.systemTransaction(async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      to_address: string;
      subject: string;
      text_body: string;
      html_body: string | null;
      attempts: number;
    }>(
      `SELECT id, to_address, subject, text_body, html_body, attempts FROM mail_outbox
       WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch],
    );
    for (const row of rows) {
      try {
        await sender.send({ to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body ?? undefined });
        await tx.query(`UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1 WHERE id = $1`, [row.id]);
        sent += 1;
      } catch (err) {
        const attempts = row.attempts + 1;
        await tx.query(
          `UPDATE mail_outbox SET attempts = $2, last_error = $3, status = CASE WHEN $2 >= $4 THEN 'failed' ELSE 'pending' END,
             next_attempt_at = now() + make_interval(secs => power(2, $2)::int * 5) WHERE id = $1`,
          [row.id, attempts, String((err as Error).message).slice(0, 500), MAX_ATTEMPTS],
        );
      }
    }
  });
  return sent;
}
