import type { Database, Queryable } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import type { JobQueue } from '../../platform/job-queue.js';
import { type Page, pageOf, type PageRequest } from '../page.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { notFound } from '../errors.js';
import * as jobs from './job-repository.js';
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

/** Creating, reading and cancelling jobs on behalf of a tenant. */
export class JobService {
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

  /** Cancels a queued or running job; a finished one is returned unchanged. */
  async cancel(principal: Principal, id: string): Promise<JobView> {
    const row = await this.db.tenantTransaction(principal.tenantId, (tx) => jobs.cancel(tx, principal.tenantId, id, this.retentionSeconds));
    if (!row) throw notFound('Job');
    if (row.status === 'cancelled') await this.queue.cancel(JOB_QUEUE, id).catch(() => undefined);
    return jobView(row);
  }
}
