import { drainOutbox } from '../domain/mail/mail-outbox.js';
import type { Database } from '../platform/database.js';
import type { Logger } from '../platform/logger.js';
import type { MailTransport } from '../platform/mail/mail-transport.js';
import type { JobRunner } from './job-runner.js';

export interface WorkerDeps {
  db: Database;
  mail: MailTransport;
  logger: Logger;
  jobs: JobRunner;
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

const SWEEP_EVERY_TICKS = 60;

/**
 * The background work of one process: lattice jobs from the queue, the mail
 * outbox and the sweep of expired job results, polled every `intervalMs`.
 */
export async function startWorker(deps: WorkerDeps, intervalMs = 1000): Promise<WorkerHandle> {
  await deps.jobs.start();
  let stopped = false;
  let ticks = 0;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      await drainOutbox(deps.db, deps.mail);
      if (ticks++ % SWEEP_EVERY_TICKS === 0) await deps.jobs.sweep();
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
    },
  };
}
