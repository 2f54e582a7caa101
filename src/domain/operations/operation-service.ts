import type { Engine } from '../../engine/engine.js';
import { readsField, type OperationName } from '../../engine/operations.js';
import type { Database, Queryable } from '../../platform/database.js';
import { ForeignKeyViolation } from '../../platform/database-errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Caller } from '../auth/caller.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { AppError, notFound } from '../errors.js';
import { failureOf, isFinalFailure, type JobContext } from '../jobs/job-execution.js';
import type { JobRow } from '../jobs/job-repository.js';
import type { JobService } from '../jobs/job-service.js';
import type { LatticeService, LoadedLattice, TenantScope } from '../lattices/lattice-service.js';
import { pageOf, type Page, type PageRequest } from '../page.js';
import type { PlanCatalog } from '../plans/plan-catalog.js';
import type { UsageService } from '../usage/usage-service.js';
import type { KnowledgeStore } from './knowledge-store.js';
import type { OperationEnvelope, ReadAnswer, TransformAnswer } from './operation-answer-schemas.js';
import type { OperationView } from './operation-history-schemas.js';
import type { CommonInput, DistancesInput, OperationInputs, TransformInput } from './operation-input-schemas.js';
import { gpuChecked } from './gpu-requirement.js';
import { engineParams, type ParamsLattice, type ReadOperation } from './operation-params.js';
import * as operations from './operation-repository.js';
import type { OperationOutcome } from './operation-repository.js';
import { operationView } from './operation-view.js';
import { isDeadlineMiss } from './operation-errors.js';
import type { OperationMetrics, RunFacts } from './operation-metrics.js';
import { OperationPlanner, type RunRequest } from './operation-planner.js';
import { OperationRunner, type Computed } from './operation-runner.js';
import { guarded } from './run-context.js';
import { applyTransform, type TransformActor } from './transform-operation.js';
import { recordEvent } from '../outbox/events.js';

/** The job kind lattice operations run under; services.ts registers executeJob for it. */
export const OPERATION_JOB_KIND = 'lattice.operation';

export interface OperationServiceDeps {
  engine: Engine;
  db: Database;
  lattices: LatticeService;
  knowledge: KnowledgeStore;
  jobs: JobService;
  usage: UsageService;
  plans: PlanCatalog;
  /** Estimated work (CostEstimate.work) above which a request is answered by a job. */
  syncMaxWork: number;
  /**
   * Longest a synchronous run may take (ms): one predicted to take longer is
   * answered by a job, one that overruns it is stopped on the worker pool.
   */
  syncDeadlineMs: number;
  /** Where finished runs are reported for metrics; nowhere by default. */
  metrics?: OperationMetrics;
}

/** How a run ended for its caller: answered now, or queued as a job that will compute the same answer. */
export type RunOutcome<A> = { kind: 'done'; answer: A } | { kind: 'queued'; jobId: string; operationId: string };

/** The distance field itself (one Int32 per vertex, -1 for obstacles and unreached ones) and the envelope of its run. */
export interface FieldAnswer {
  envelope: OperationEnvelope;
  field: Int32Array;
  /**
   * The field's bytes stay accounted against the engine's memory budget until
   * this is called (once the response has been sent); idempotent.
   */
  release(): void;
}

/** What a job carries: the history row it completes and the input it runs. */
interface JobParameters {
  operation_id: string;
  input: Record<string, unknown>;
  request_id: string | null;
}

const paramsLattice = ({ row, lattice }: LoadedLattice): ParamsLattice => ({ id: row.id, dimensions: lattice.dimensions });

/** A history row for a lattice deleted since it was loaded: not_found, as if the request had come a moment later. */
async function latticeMustExist<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (err instanceof ForeignKeyViolation) throw notFound('Lattice');
    throw err;
  }
}

/**
 * Lattice operations: each request is checked against the plan (monthly
 * operations, materialisation, GPU), estimated, and then answered at once or
 * queued as a job that runs the very same code; every run leaves a row in
 * the lattice's operation history, and read-only results go through the
 * persisted knowledge cache.
 */
export class OperationService {
  private readonly planner: OperationPlanner;
  private readonly runner: OperationRunner;

  constructor(private readonly d: OperationServiceDeps) {
    this.planner = new OperationPlanner(d);
    this.runner = new OperationRunner({ ...d, planner: this.planner });
  }

  /** Runs a read-only operation (or queues it); not_found for another tenant's lattice. */
  async run<K extends ReadOperation>(
    caller: Caller,
    latticeId: string,
    op: K,
    input: OperationInputs[K],
    req: RunRequest = {},
  ): Promise<RunOutcome<ReadAnswer>> {
    const outcome = await this.read(caller, latticeId, op, input, req, false);
    return outcome.kind === 'done' ? { kind: 'done', answer: outcome.answer.answer } : outcome;
  }

  /**
   * The distance field itself rather than its summary (or the job that will
   * summarise it: jobs keep JSON results). Its cache entries hold the field and
   * are kept apart from the summaries'.
   */
  async distanceField(caller: Caller, latticeId: string, input: DistancesInput, req: RunRequest = {}): Promise<RunOutcome<FieldAnswer>> {
    const outcome = await this.read(caller, latticeId, 'distances', input, req, true);
    if (outcome.kind === 'queued') return outcome;
    const { answer, run } = outcome.answer;
    const field = run.result.distances;
    // The run's own reservation ended with it; the field lives on until it has been sent.
    const held = await this.d.engine.memory.reserve(field.byteLength);
    return { kind: 'done', answer: { envelope: answer, field, release: () => held.release() } };
  }

  /** Transforms the lattice's value field (or queues it): a new version, its history row and audit entry in one transaction. */
  async transform(caller: Caller, latticeId: string, input: TransformInput, req: RunRequest = {}): Promise<RunOutcome<TransformAnswer>> {
    const { principal } = caller;
    await this.d.usage.assertOperationAllowed(principal);
    const ctx = await this.runner.contextOf(principal.tenantId, principal.planCode);
    const loaded = await this.d.lattices.loadEngineLattice(principal, latticeId);
    const params = await guarded('transform', ctx, () => engineParams('transform', input, paramsLattice(loaded)));
    const run = await gpuChecked(this.d.engine, ctx, loaded, 'transform', params, input);
    const estimate = await this.planner.estimate(loaded.lattice, 'transform', params, ctx);
    if (this.planner.queued(estimate, req, 'transform', params)) return this.enqueue(caller, latticeId, 'transform', input);
    const actor: TransformActor = { ...actorOf(principal), ip: caller.ip, requestId: caller.requestId };
    const answer = await this.runner.reported({ op: 'transform', mode: 'sync', facts: transformFacts }, () =>
      applyTransform(this.d, ctx, actor, { latticeId, operationId: uuidv7(), jobId: null, params, input: run }),
    );
    await this.d.usage.record(principal.tenantId, 'operations');
    return { kind: 'done', answer };
  }

  /** The lattice's operation history, newest first; not_found for another tenant's lattice. */
  async list(principal: Principal, latticeId: string, filter: { type?: string }, page: PageRequest): Promise<Page<OperationView>> {
    await this.d.lattices.getLattice(principal, latticeId);
    const { rows, total } = await this.d.db.tenantTransaction(principal.tenantId, (tx) =>
      operations.list(tx, principal.tenantId, latticeId, filter.type, page),
    );
    return pageOf(rows, page.limit, total, operationView);
  }

  /** Cancelling an OPERATION_JOB_KIND job: its history row is cancelled in the same transaction, queued or running. */
  async jobCancelled(tx: Queryable, job: JobRow): Promise<void> {
    await operations.cancelForJob(tx, job.tenant_id, job.id);
  }

  /**
   * The executor of OPERATION_JOB_KIND jobs: the same path as a synchronous
   * request, with progress and cancellation, completing the history row the
   * request wrote. The history row records the failure when the job runner
   * does: a cancellation, or a failure that is final (job-execution.ts).
   */
  async executeJob(job: JobRow, control: JobContext): Promise<unknown> {
    const p = job.parameters as unknown as JobParameters;
    const op = job.operation as OperationName;
    const { tenant_id: tenantId } = job;
    const finish = (outcome: OperationOutcome) =>
      this.d.db.tenantTransaction(tenantId, async (tx) => {
        const finished = await operations.finish(tx, tenantId, p.operation_id, outcome);
        if (finished && outcome.status === 'succeeded' && op !== 'transform') {
          const event = { id: p.operation_id, tenantId, latticeId: job.lattice_id, type: op };
          await recordEvent(tx, tenantId, 'operation.completed', operationEventData(event, job.id));
        }
        return finished;
      });
    await this.d.db.tenantTransaction(tenantId, (tx) => operations.markRunning(tx, tenantId, p.operation_id));
    try {
      const answer = await this.runJob(job, p, op, control, finish);
      await this.d.usage.record(tenantId, 'operations');
      return answer;
    } catch (err) {
      if (control.signal.aborted || isFinalFailure(err, control.attempt)) {
        const error = failureOf(err, 'The operation failed');
        await finish({ ...emptyOutcome, status: control.signal.aborted ? 'cancelled' : 'failed', resultSummary: { error } }).catch(
          () => undefined,
        );
      }
      throw err;
    }
  }

  /** A read for its caller: checked, estimated, then computed now or queued. */
  private async read<K extends ReadOperation>(
    caller: Caller,
    latticeId: string,
    op: K,
    input: OperationInputs[K],
    req: RunRequest,
    keepField: boolean,
  ): Promise<RunOutcome<Computed<K>>> {
    const { principal } = caller;
    await this.d.usage.assertOperationAllowed(principal);
    const ctx = await this.runner.contextOf(principal.tenantId, principal.planCode);
    const loaded = await this.d.lattices.loadEngineLattice(principal, latticeId);
    const params = await guarded(op, ctx, () => engineParams(op, input, paramsLattice(loaded)));
    const run = await gpuChecked(this.d.engine, ctx, loaded, op, params, input);
    const estimate = await this.planner.estimate(loaded.lattice, op, params, ctx);
    if (this.planner.queued(estimate, req, op, params)) return this.enqueue(caller, latticeId, op, input);
    const ready = readsField(op, params) ? await this.d.lattices.withField(principal, loaded) : loaded;
    const operationId = uuidv7();
    let done: Computed<K>;
    try {
      done = await this.runner.compute(ctx, ready, op, params, run, operationId, {
        keepField,
        mode: 'sync',
        deadlineMs: this.d.syncDeadlineMs,
      });
    } catch (err) {
      // The estimate was wrong: the run was stopped at the deadline; a job computes it without one.
      if (req.async === undefined && isDeadlineMiss(err)) return this.enqueue(caller, latticeId, op, input);
      throw err;
    }
    const row = {
      id: operationId,
      tenantId: principal.tenantId,
      latticeId,
      type: op,
      parameters: input as Record<string, unknown>,
      status: 'succeeded' as const,
      ...actorOf(principal),
      jobId: null,
    };
    await Promise.all([
      latticeMustExist(
        this.d.db.tenantTransaction(principal.tenantId, async (tx) => {
          await operations.insert(tx, row, done.outcome);
          await recordEvent(tx, principal.tenantId, 'operation.completed', operationEventData(row, null));
        }),
      ),
      this.d.usage.record(principal.tenantId, 'operations'),
    ]);
    return { kind: 'done', answer: done };
  }

  private async runJob(
    job: JobRow,
    p: JobParameters,
    op: OperationName,
    control: JobContext,
    finish: (outcome: OperationOutcome) => Promise<boolean>,
  ): Promise<unknown> {
    const owner: TenantScope = { tenantId: job.tenant_id };
    if (job.lattice_id === null) throw new AppError('validation_failed', 'A lattice operation job needs a lattice');
    const limits = await this.d.lattices.limitsFor(owner);
    const ctx = await this.runner.contextOf(job.tenant_id, limits.planCode);
    const loaded = await this.d.lattices.loadEngineLattice(owner, job.lattice_id);
    const opts = { signal: control.signal, onProgress: (f: number) => control.progress(f) };
    if (op === 'transform') {
      const input = p.input as TransformInput;
      const params = await guarded(op, ctx, () => engineParams('transform', input, paramsLattice(loaded)));
      const actor: TransformActor = { actorId: job.actor_id, actorType: job.actor_type, ip: null, requestId: p.request_id };
      const latticeId = job.lattice_id;
      const run = await gpuChecked(this.d.engine, ctx, loaded, op, params, input);
      return this.runner.reported({ op: 'transform', mode: 'job', signal: control.signal, facts: transformFacts }, () =>
        applyTransform(this.d, ctx, actor, { latticeId, operationId: p.operation_id, jobId: job.id, params, input: run, ...opts }),
      );
    }
    const read = op as ReadOperation;
    const input = p.input as OperationInputs[ReadOperation];
    const params = await guarded(read, ctx, () => engineParams(read, input, paramsLattice(loaded)));
    const run = await gpuChecked(this.d.engine, ctx, loaded, read, params, input);
    const ready = readsField(read, params) ? await this.d.lattices.withField(owner, loaded, limits) : loaded;
    const done = await this.runner.compute(ctx, ready, read, params, run, p.operation_id, { keepField: false, mode: 'job', ...opts });
    if (!(await finish(done.outcome))) throw notFound('Lattice');
    return done.answer;
  }

  /** The history row and the job in one transaction: both exist or neither. */
  private async enqueue(caller: Caller, latticeId: string, op: OperationName, input: CommonInput): Promise<RunOutcome<never>> {
    const { principal } = caller;
    const operationId = uuidv7();
    const parameters: JobParameters = { operation_id: operationId, input: { ...input }, request_id: caller.requestId };
    const job = await latticeMustExist(
      this.d.db.tenantTransaction(principal.tenantId, async (tx) => {
        const queued = await this.d.jobs.enqueue(tx, principal, {
          kind: OPERATION_JOB_KIND,
          operation: op,
          latticeId,
          parameters: { ...parameters },
        });
        await operations.insert(tx, {
          id: operationId,
          tenantId: principal.tenantId,
          latticeId,
          type: op,
          parameters: parameters.input,
          status: 'queued',
          ...actorOf(principal),
          jobId: queued.job_id,
        });
        return queued;
      }),
    );
    return { kind: 'queued', jobId: job.job_id, operationId };
  }
}

const transformFacts = (a: TransformAnswer): RunFacts => ({ backend: a.backend, cached: false });

const emptyOutcome: OperationOutcome = {
  status: 'failed',
  resultSummary: null,
  backend: null,
  gpuUsed: false,
  fallbackReason: null,
  cached: false,
  executionTimeMs: null,
};

/** What an operation.completed event carries. */
function operationEventData(
  op: { id: string; tenantId: string; latticeId: string | null; type: string },
  jobId: string | null,
): Record<string, unknown> {
  return { operation_id: op.id, lattice_id: op.latticeId, tenant_id: op.tenantId, type: op.type, status: 'succeeded', job_id: jobId };
}
