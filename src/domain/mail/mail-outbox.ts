import type { Database } from '../../platform/database.js';
import type { MailTransport } from '../../platform/mail/mail-transport.js';
import * as outbox from './mail-outbox-repository.js';

const MAX_ATTEMPTS = 8;

/**
 * Sends due messages. Rows are claimed with SKIP LOCKED so several workers can
 * drain one outbox; a failure backs off exponentially and gives up after
 * MAX_ATTEMPTS. Returns how many were sent.
 */
export async function drainOutbox(db: Database, sender: Pick<MailTransport, 'send'>, batch = 20): Promise<number> {
  let sent = 0;
  await db.systemTransaction(async (tx) => {
    for (const row of await outbox.claimDue(tx, batch)) {
      try {
        await sender.send({ to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body ?? undefined });
        await outbox.markSent(tx, row.id);
        sent += 1;
      } catch (err) {
        await outbox.markFailedAttempt(tx, row.id, row.attempts + 1, String((err as Error).message).slice(0, 500), MAX_ATTEMPTS);
      }
    }
  });
  return sent;
}
