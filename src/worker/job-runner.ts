import { AppError } from '../domain/errors.js';
import * as repo from '../domain/jobs/job-repository.js';
import { JOB_QUEUE } from '../domain/jobs/job-service.js';
import { EngineError } from '../engine/errors.js';
import type { Database } from '../platform/database.js';
import type { JobQueue, QueuedJob } from '../platform/job-queue.js';
import type { Logger } from '../platform/logger.js';

export interface JobContext {
  /** Fraction done, 0..1; written to the job row at most every PROGRESS_INTERVAL_MS. */
  progress(fraction: number): void;
  /** Aborted when the job is cancelled through the API. */
  signal: AbortSignal;
}

/** Runs one kind of job and returns its JSON result. */
export type JobExecutor = (job: repo.JobRow, ctx: JobContext) => Promise<unknown>;

export interface JobRunnerDeps {
  db: Database;
  queue: JobQueue;
  logger: Logger;
  retentionSeconds: number;
  executors: Record<string, JobExecutor>;
}

const PROGRESS_INTERVAL_MS = 500;
const CANCEL_POLL_MS = 1000;

/** Errors that would fail the same way on every attempt: the job fails at once instead of retrying. */
function isPermanent(err: unknown): err is AppError | EngineError {
  return err instanceof AppError || err instanceof EngineError;
}

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
    const row = await this.d.db.systemTransaction((tx) => repo.startAttempt(tx, id));
    if (!row) return; // cancelled or already finished
    const executor = this.d.executors[row.kind];
    const controller = new AbortController();
    const watch = setInterval(() => {
      this.d.db
        .systemTransaction((tx) => repo.jobStatus(tx, id))
        .then((status) => status === 'cancelled' && controller.abort())
        .catch(() => undefined);
    }, CANCEL_POLL_MS);
    let lastProgress = 0;
    const progress = (fraction: number) => {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      this.d.db.systemTransaction((tx) => repo.setProgress(tx, id, fraction)).catch(() => undefined);
    };
    try {
      if (!executor) throw new AppError('internal_error', `No executor for job kind ${row.kind}`);
      const result = await executor(row, { progress, signal: controller.signal });
      await this.d.db.systemTransaction((tx) => repo.finishJob(tx, id, { status: 'succeeded', result }, this.d.retentionSeconds));
    } catch (err) {
      if (controller.signal.aborted) return;
      const last = queued.retryCount >= queued.retryLimit;
      if (!isPermanent(err) && !last) {
        this.d.logger.warn({ err, job_id: id, attempt: queued.retryCount + 1 }, 'job attempt failed; it will be retried');
        throw err;
      }
      const error = isPermanent(err)
        ? { code: err.code, detail: err instanceof AppError ? err.detail : err.message }
        : { code: 'internal_error', detail: 'The job failed after every retry; the failure has been logged' };
      if (!isPermanent(err)) this.d.logger.error({ err, job_id: id }, 'job failed');
      await this.d.db.systemTransaction((tx) => repo.finishJob(tx, id, { status: 'failed', error }, this.d.retentionSeconds));
    } finally {
      clearInterval(watch);
    }
  }

  /** Deletes finished jobs past their retention. */
  async sweep(): Promise<number> {
    return this.d.db.systemTransaction((tx) => repo.deleteExpiredJobs(tx));
  }
}
