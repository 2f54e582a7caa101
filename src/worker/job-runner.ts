import { AppError } from '../domain/errors.js';
import * as jobs from '../domain/jobs/job-repository.js';
import { failureOf, isFinalFailure, isPermanentFailure, type JobExecutor } from '../domain/jobs/job-execution.js';
import { JOB_QUEUE } from '../domain/jobs/job-service.js';
import { jobEventData, recordEvent } from '../domain/outbox/events.js';
import type { Database } from '../platform/database.js';
import type { JobQueue, QueuedJob } from '../platform/job-queue.js';
import type { Logger } from '../platform/logger.js';

export interface JobRunnerDeps {
  db: Database;
  queue: JobQueue;
  logger: Logger;
  retentionSeconds: number;
  executors: Record<string, JobExecutor>;
  /** Jobs this runner runs at once; a tenant gets at most all but one of them (and its plan's cap). */
  concurrency: number;
  /** Where finished and retried attempts are reported for metrics. */
  metrics?: JobMetrics;
}

/** How job attempts ended, for metrics (kinds are the executors' keys). */
export interface JobMetrics {
  finished(kind: string, status: 'succeeded' | 'failed' | 'cancelled', seconds: number): void;
  retried(kind: string): void;
}

const PROGRESS_INTERVAL_MS = 500;
const CANCEL_POLL_MS = 250;
/** How long a job whose tenant is at its cap waits before it is taken again. */
const DEFER_SECONDS = 1;

/**
 * Takes jobs from the queue and runs them. A deterministic failure (bad
 * input, plan limit) fails the job at once; anything else is rethrown so the
 * queue retries it, and only the last attempt's failure is final. A worker
 * killed mid-job leaves it active; the queue expires and retries it.
 */
export class JobRunner {
  constructor(private readonly d: JobRunnerDeps) {}

  start(): Promise<void> {
    return this.d.queue.work<{ job_id: string }>(JOB_QUEUE, (job) => this.run(job), this.d.concurrency);
  }

  /** The most jobs of one tenant that run at once here: all slots but one, so another tenant always finds one. */
  get tenantCap(): number {
    return Math.max(1, this.d.concurrency - 1);
  }

  private async run(queued: QueuedJob<{ job_id: string }>): Promise<void> {
    const id = queued.data.job_id;
    const row = await this.d.db.systemTransaction((tx) => jobs.claim(tx, id, this.tenantCap));
    if (!row) return; // cancelled or already finished
    if (row === 'busy') {
      // The tenant is at its cap: the slot goes to the next job; this one is taken again shortly.
      await this.d.queue.defer(JOB_QUEUE, queued.data, DEFER_SECONDS);
      return;
    }
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
    const started = performance.now();
    const ended = (status: 'succeeded' | 'failed' | 'cancelled') =>
      this.d.metrics?.finished(row.kind, status, (performance.now() - started) / 1000);
    try {
      if (!executor) throw new AppError('internal_error', `No executor for job kind ${row.kind}`);
      const result = await executor(row, { progress, signal: controller.signal, attempt });
      await this.d.db.systemTransaction(async (tx) => {
        if (await jobs.finish(tx, id, { status: 'succeeded', result }, this.d.retentionSeconds)) {
          await recordEvent(tx, row.tenant_id, 'job.completed', jobEventData(row, 'succeeded'));
        }
      });
      ended('succeeded');
    } catch (err) {
      if (controller.signal.aborted) {
        ended('cancelled');
        return;
      }
      if (!isFinalFailure(err, attempt)) {
        this.d.logger.warn({ err, job_id: id, attempt: queued.retryCount + 1 }, 'job attempt failed; it will be retried');
        this.d.metrics?.retried(row.kind);
        throw err;
      }
      if (!isPermanentFailure(err)) this.d.logger.error({ err, job_id: id }, 'job failed');
      const error = failureOf(err, 'The job failed after every retry; the failure has been logged');
      await this.d.db.systemTransaction(async (tx) => {
        if (await jobs.finish(tx, id, { status: 'failed', error }, this.d.retentionSeconds)) {
          await recordEvent(tx, row.tenant_id, 'job.failed', { ...jobEventData(row, 'failed'), error });
        }
      });
      ended('failed');
    } finally {
      clearInterval(watch);
    }
  }

  /** Deletes finished jobs past their retention. */
  async sweep(): Promise<number> {
    return this.d.db.systemTransaction((tx) => jobs.deleteExpired(tx));
  }
}
