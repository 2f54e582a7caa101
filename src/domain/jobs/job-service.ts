import type { Database, Queryable } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import type { JobQueue } from '../../platform/job-queue.js';
import { type Page, pageOf, type PageRequest } from '../page.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { notFound } from '../errors.js';
import * as jobs from './job-repository.js';
import type { JobRow } from './job-repository.js';
import type { JobView } from './job-schemas.js';
import { jobView } from './job-view.js';

/** The one pg-boss queue lattice work goes through. */
export const JOB_QUEUE = 'catalytic-jobs';

export interface EnqueueRequest {
  kind: string;
  operation: string;
  latticeId: string | null;
  parameters: Record<string, unknown>;
}

/** What a kind of job does, in the cancelling transaction, when one of its jobs is cancelled (e.g. its history row). */
export type CancelHandler = (tx: Queryable, job: JobRow) => Promise<void>;

/** Creating, reading and cancelling jobs on behalf of a tenant. */
export class JobService {
  private readonly cancelHandlers = new Map<string, CancelHandler>();

  constructor(
    private readonly db: Database,
    private readonly queue: JobQueue,
    private readonly retentionSeconds: number,
  ) {}

  /** Records the job and enqueues it in the caller's transaction: both happen or neither. */
  async enqueue(tx: Queryable, principal: Principal, req: EnqueueRequest): Promise<{ job_id: string }> {
    const id = uuidv7();
    const { actorId, actorType } = actorOf(principal);
    await jobs.insert(tx, {
      id,
      tenantId: principal.tenantId,
      latticeId: req.latticeId,
      kind: req.kind,
      operation: req.operation,
      parameters: req.parameters,
      actorId,
      actorType,
    });
    await this.queue.send(JOB_QUEUE, id, { job_id: id, tenant_id: principal.tenantId }, tx);
    return { job_id: id };
  }

  async get(principal: Principal, id: string): Promise<JobView> {
    const row = await this.db.tenantTransaction(principal.tenantId, (tx) => jobs.find(tx, principal.tenantId, id));
    if (!row) throw notFound('Job');
    return jobView(row);
  }

  async list(principal: Principal, page: PageRequest): Promise<Page<JobView>> {
    const { rows, total } = await this.db.tenantTransaction(principal.tenantId, (tx) => jobs.list(tx, principal.tenantId, page));
    return pageOf(rows, page.limit, total, jobView);
  }

  /** Registers what cancelling a job of `kind` also does, in the same transaction (one handler per kind). */
  onCancel(kind: string, handler: CancelHandler): void {
    this.cancelHandlers.set(kind, handler);
  }

  /**
   * Cancels a queued or running job, and with it (same transaction) whatever
   * its kind's cancel handler keeps in step; a finished one is returned unchanged.
   */
  async cancel(principal: Principal, id: string): Promise<JobView> {
    const row = await this.db.tenantTransaction(principal.tenantId, async (tx) => {
      const found = await jobs.cancel(tx, principal.tenantId, id, this.retentionSeconds);
      const handler = found === null ? undefined : this.cancelHandlers.get(found.kind);
      if (found?.status === 'cancelled' && handler !== undefined) await handler(tx, found);
      return found;
    });
    if (!row) throw notFound('Job');
    if (row.status === 'cancelled') await this.queue.cancel(JOB_QUEUE, id).catch(() => undefined);
    return jobView(row);
  }

  /** Every tenant's jobs queued and running and the oldest queued one's age, for metrics. */
  activity(): Promise<{ queued: number; running: number; oldestQueuedSeconds: number }> {
    return this.db.systemTransaction((tx) => jobs.activity(tx));
  }

  /** Jobs waiting in the queue to start (created or waiting for a retry), for metrics. */
  waitingInQueue(): Promise<number> {
    return this.queue.waiting(JOB_QUEUE);
  }
}
