import type { Database, Queryable } from '../../platform/database.js';
import type { MailTransport } from '../../platform/mail/mail-transport.js';
import { SecretBox } from '../../platform/secret-box.js';
import * as outbox from '../outbox/outbox-repository.js';

export interface OutgoingMail {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

interface SealedMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

const MAX_ATTEMPTS = 8;
const context = (id: string) => `outbox-mail:${id}`;

/**
 * Mail as a consumer of the outbox. A message can carry a single-use token
 * (password reset, verification, invitation), so it is stored sealed with the
 * service's encryption key, bound to its row, and cleared once sent or given
 * up: a database reader finds no token in the outbox.
 */
export class MailOutbox {
  constructor(private readonly box: SecretBox) {}

  /** Queues a message in the caller's transaction: mail goes out only if the change that caused it commits. */
  readonly enqueue = (db: Queryable, m: OutgoingMail): Promise<string> => {
    const message: SealedMessage = { to: m.to, subject: m.subject, text: m.text, html: m.html ?? null };
    return outbox.insertMail(db, m.tenantId, (id) => this.box.seal(JSON.stringify(message), context(id)));
  };

  /**
   * Sends due messages. Rows are claimed with SKIP LOCKED so several workers
   * share the outbox; a failure backs off exponentially and gives up after
   * MAX_ATTEMPTS. Returns how many were sent.
   */
  async drain(db: Database, sender: Pick<MailTransport, 'send'>, batch = 20): Promise<number> {
    let sent = 0;
    await db.systemTransaction(async (tx) => {
      for (const row of await outbox.claimMail(tx, batch)) {
        try {
          const m = this.open(row.id, row.sealed);
          await sender.send({ to: m.to, subject: m.subject, text: m.text, html: m.html ?? undefined });
          await outbox.markMailSent(tx, row.id);
          sent += 1;
        } catch (err) {
          await outbox.markMailFailed(tx, row.id, row.attempts + 1, String((err as Error).message).slice(0, 500), MAX_ATTEMPTS);
        }
      }
    });
    return sent;
  }

  // Rows moved from the old mail table by migration 009 are plain JSON; everything written since is sealed.
  private open(id: string, sealed: string): SealedMessage {
    return JSON.parse(SecretBox.isSealed(sealed) ? this.box.open(sealed, context(id)) : sealed) as SealedMessage;
  }
}
