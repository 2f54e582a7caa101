import { AppError } from '../domain/errors.js';
import * as jobs from '../domain/jobs/job-repository.js';
import { failureOf, isFinalFailure, isPermanentFailure, type JobExecutor } from '../domain/jobs/job-execution.js';
import { JOB_QUEUE } from '../domain/jobs/job-service.js';
import type { Database } from '../platform/database.js';
import type { JobQueue, QueuedJob } from '../platform/job-queue.js';
import type { Logger } from '../platform/logger.js';

export interface JobRunnerDeps {
  db: Database;
  queue: JobQueue;
  logger: Logger;
  retentionSeconds: number;
  executors: Record<string, JobExecutor>;
}

const PROGRESS_INTERVAL_MS = 500;
const CANCEL_POLL_MS = 1000;

/**
 * Takes jobs from the queue and runs them. A deterministic failure (bad
 * input, plan limit) fails the job at once; anything else is rethrown so the
 * queue retries it, and only the last attempt's failure is final. A worker
 * killed mid-job leaves it active; the queue expires and retries it.
 */
export class JobRunner {
  constructor(private readonly d: JobRunnerDeps) {}

  start(): Promise<void> {
    return this.d.queue.work<{ job_id: string }>(JOB_QUEUE, (job) => this.run(job));
  }

  private async run(queued: QueuedJob<{ job_id: string }>): Promise<void> {
    const id = queued.data.job_id;
    const row = await this.d.db.systemTransaction((tx) => jobs.startAttempt(tx, id));
    if (!row) return; // cancelled or already finished
    const executor = this.d.executors[row.kind];
    const controller = new AbortController();
    const watch = setInterval(() => {
      this.d.db
        .systemTransaction((tx) => jobs.status(tx, id))
        .then((status) => status === 'cancelled' && controller.abort())
        .catch(() => undefined);
    }, CANCEL_POLL_MS);
    let lastProgress = 0;
    const progress = (fraction: number) => {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      this.d.db.systemTransaction((tx) => jobs.setProgress(tx, id, fraction)).catch(() => undefined);
    };
    const attempt = { retryCount: queued.retryCount, retryLimit: queued.retryLimit };
    try {
      if (!executor) throw new AppError('internal_error', `No executor for job kind ${row.kind}`);
      const result = await executor(row, { progress, signal: controller.signal, attempt });
      await this.d.db.systemTransaction((tx) => jobs.finish(tx, id, { status: 'succeeded', result }, this.d.retentionSeconds));
    } catch (err) {
      if (controller.signal.aborted) return;
      if (!isFinalFailure(err, attempt)) {
        this.d.logger.warn({ err, job_id: id, attempt: queued.retryCount + 1 }, 'job attempt failed; it will be retried');
        throw err;
      }
      if (!isPermanentFailure(err)) this.d.logger.error({ err, job_id: id }, 'job failed');
      const error = failureOf(err, 'The job failed after every retry; the failure has been logged');
      await this.d.db.systemTransaction((tx) => jobs.finish(tx, id, { status: 'failed', error }, this.d.retentionSeconds));
    } finally {
      clearInterval(watch);
    }
  }

  /** Deletes finished jobs past their retention. */
  async sweep(): Promise<number> {
    return this.d.db.systemTransaction((tx) => jobs.deleteExpired(tx));
  }
}
