import { drainOutbox } from '../domain/mail/mail-outbox.js';
import type { Database } from '../platform/database.js';
import type { Logger } from '../platform/logger.js';
import type { MailTransport } from '../platform/mail/mail-transport.js';

export interface WorkerDeps {
  db: Database;
  mail: MailTransport;
  logger: Logger;
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

/** Background work of one process: for now the mail outbox, polled every `intervalMs`. */
export function startWorker(runtime: WorkerDeps, intervalMs = 1000): WorkerHandle {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      await drainOutbox(runtime.db, runtime.mail);
    } catch (err) {
      runtime.logger.error({ err }, 'mail outbox drain failed');
    }
  };
  const timer = setInterval(() => {
    if (!stopped) running = running.then(tick);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
