import { purgeExpiredRevocations } from '../domain/auth/revocation.js';
import type { MailOutbox } from '../domain/mail/mail-outbox.js';
import * as outbox from '../domain/outbox/outbox-repository.js';
import { deleteFinishedDeliveries } from '../domain/webhooks/webhook-repository.js';
import type { Database } from '../platform/database.js';
import type { Logger } from '../platform/logger.js';
import type { MailTransport } from '../platform/mail/mail-transport.js';
import type { JobRunner } from './job-runner.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';

export interface WorkerDeps {
  db: Database;
  mail: MailTransport;
  logger: Logger;
  jobs: JobRunner;
  /** The outbox's consumers: account mail, and events fanned out to webhooks. */
  mailOutbox: MailOutbox;
  webhooks: WebhookDispatcher;
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

const SWEEP_EVERY_TICKS = 60;
/** Processed outbox rows (sent mail, fanned-out events) are kept this long, then deleted. */
const OUTBOX_RETENTION_SECONDS = 7 * 86_400;
/** Finished webhook deliveries (succeeded or dead) stay in the delivery log this long. */
const DELIVERY_RETENTION_SECONDS = 30 * 86_400;

/**
 * The background work of one process: lattice jobs from the queue, the
 * outbox (mail polled every `intervalMs`; events and webhook deliveries by
 * the dispatcher's own loop) and the sweeps of expired job results,
 * revocations, processed outbox rows and finished webhook deliveries (the
 * delivery log keeps 30 days).
 */
export async function startWorker(deps: WorkerDeps, intervalMs = 1000): Promise<WorkerHandle> {
  await deps.jobs.start();
  deps.webhooks.start();
  let stopped = false;
  let ticks = 0;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      await deps.mailOutbox.drain(deps.db, deps.mail);
      if (ticks++ % SWEEP_EVERY_TICKS === 0) {
        await deps.jobs.sweep();
        await deps.db.systemTransaction((tx) => outbox.deleteProcessed(tx, OUTBOX_RETENTION_SECONDS));
        await purgeExpiredRevocations(deps.db);
        await deps.db.systemTransaction((tx) => deleteFinishedDeliveries(tx, DELIVERY_RETENTION_SECONDS));
      }
    } catch (err) {
      deps.logger.error({ err }, 'background tick failed');
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
      await deps.webhooks.stop();
    },
  };
}
