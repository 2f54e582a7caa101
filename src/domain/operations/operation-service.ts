import type { CostEstimate } from '../../engine/cost.js';
import type { Engine, OperationRun } from '../../engine/engine.js';
import type { Lattice } from '../../engine/lattice.js';
import { readsField, type OperationName, type OperationParams, type OperationResults } from '../../engine/operations.js';
import type { Database } from '../../platform/database.js';
import { ForeignKeyViolation } from '../../platform/database-errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Caller } from '../auth/caller.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { AppError, notFound, validationFailed } from '../errors.js';
import { failureOf, isFinalFailure, type JobContext } from '../jobs/job-execution.js';
import type { JobRow } from '../jobs/job-repository.js';
import type { JobService } from '../jobs/job-service.js';
import type { LatticeService, LoadedLattice, TenantScope } from '../lattices/lattice-service.js';
import { pageOf, type Page, type PageRequest } from '../page.js';
import type { PlanCatalog } from '../plans/plan-catalog.js';
import { materializationLimit } from '../plans/plan-limit-checks.js';
import type { UsageService } from '../usage/usage-service.js';
import type { KnowledgeStore } from './knowledge-store.js';
import type { OperationEnvelope, ReadAnswer, TransformAnswer } from './operation-answer-schemas.js';
import type { OperationView } from './operation-history-schemas.js';
import type { CommonInput, DistancesInput, OperationInputs, TransformInput } from './operation-input-schemas.js';
import { engineParams, type ReadOperation } from './operation-params.js';
import * as operations from './operation-repository.js';
import type { OperationOutcome } from './operation-repository.js';
import { boundedSummary, cacheableResult, resultView } from './operation-results.js';
import { operationView } from './operation-view.js';
import { engineBudget, fallbackReason, guarded, type RunContext } from './run-context.js';
import { applyTransform, type TransformActor } from './transform-operation.js';

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
}

export interface RunRequest {
  /** true: always a job; false: answer now (refused when too large); absent: decided by the cost estimate. */
  async?: boolean;
}

/** How a run ended for its caller: answered now, or queued as a job that will compute the same answer. */
export type RunOutcome<A> = { kind: 'done'; answer: A } | { kind: 'queued'; jobId: string; operationId: string };

/** The distance field itself (one Int32 per vertex, -1 for obstacles and unreached ones) and the envelope of its run. */
export interface FieldAnswer {
  envelope: OperationEnvelope;
  field: Int32Array;
}

/** A computed read: its answer, the engine's run and what the history keeps of it. */
interface Computed<K extends ReadOperation> {
  answer: ReadAnswer;
  run: OperationRun<OperationResults[K]>;
  outcome: OperationOutcome;
}

/** What a job carries: the history row it completes and the input it runs. */
interface JobParameters {
  operation_id: string;
  input: Record<string, unknown>;
  request_id: string | null;
}

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
  constructor(private readonly d: OperationServiceDeps) {}

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
    return { kind: 'done', answer: { envelope: answer, field: run.result.distances } };
  }

  /** Transforms the lattice's value field (or queues it): a new version, its history row and audit entry in one transaction. */
  async transform(caller: Caller, latticeId: string, input: TransformInput, req: RunRequest = {}): Promise<RunOutcome<TransformAnswer>> {
    const { principal } = caller;
    await this.d.usage.assertOperationAllowed(principal);
    const ctx = await this.contextOf(principal.tenantId, principal.planCode);
    const loaded = await this.d.lattices.loadEngineLattice(principal, latticeId);
    const params = await guarded('transform', ctx, () => engineParams('transform', input, loaded.lattice.dimensions));
    const estimate = await this.estimate(loaded.lattice, 'transform', params, ctx);
    if (this.queued(estimate, req)) return this.enqueue(caller, latticeId, 'transform', input);
    const actor: TransformActor = { ...actorOf(principal), ip: caller.ip, requestId: caller.requestId };
    const answer = await applyTransform(this.d, ctx, actor, { latticeId, operationId: uuidv7(), jobId: null, params, input });
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
      this.d.db.tenantTransaction(tenantId, (tx) => operations.finish(tx, tenantId, p.operation_id, outcome));
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
    const ctx = await this.contextOf(principal.tenantId, principal.planCode);
    const loaded = await this.d.lattices.loadEngineLattice(principal, latticeId);
    const params = await guarded(op, ctx, () => engineParams(op, input, loaded.lattice.dimensions));
    const estimate = await this.estimate(loaded.lattice, op, params, ctx);
    if (this.queued(estimate, req)) return this.enqueue(caller, latticeId, op, input);
    const ready = readsField(op, params) ? await this.d.lattices.withField(principal, loaded) : loaded;
    const operationId = uuidv7();
    const done = await this.compute(ctx, ready, op, params, input, operationId, { keepField });
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
      latticeMustExist(this.d.db.tenantTransaction(principal.tenantId, (tx) => operations.insert(tx, row, done.outcome))),
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
    const ctx = await this.contextOf(job.tenant_id, limits.planCode);
    const loaded = await this.d.lattices.loadEngineLattice(owner, job.lattice_id);
    const opts = { signal: control.signal, onProgress: (f: number) => control.progress(f) };
    if (op === 'transform') {
      const input = p.input as TransformInput;
      const params = await guarded(op, ctx, () => engineParams('transform', input, loaded.lattice.dimensions));
      const actor: TransformActor = { actorId: job.actor_id, actorType: job.actor_type, ip: null, requestId: p.request_id };
      return applyTransform(this.d, ctx, actor, {
        latticeId: job.lattice_id,
        operationId: p.operation_id,
        jobId: job.id,
        params,
        input,
        ...opts,
      });
    }
    const read = op as ReadOperation;
    const input = p.input as OperationInputs[ReadOperation];
    const params = await guarded(read, ctx, () => engineParams(read, input, loaded.lattice.dimensions));
    const ready = readsField(read, params) ? await this.d.lattices.withField(owner, loaded, limits) : loaded;
    const done = await this.compute(ctx, ready, read, params, input, p.operation_id, { keepField: false, inJob: true, ...opts });
    if (!(await finish(done.outcome))) throw notFound('Lattice');
    return done.answer;
  }

  /** Runs a read-only operation through the knowledge cache; the answer and what the history keeps. */
  private async compute<K extends ReadOperation>(
    ctx: RunContext,
    loaded: LoadedLattice,
    op: K,
    params: OperationParams[K],
    input: OperationInputs[K],
    operationId: string,
    opts: { keepField: boolean; inJob?: boolean; signal?: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<Computed<K>> {
    const { row } = loaded;
    const common: CommonInput = input;
    // Only a caller of the field itself needs it kept: such entries hold it and are keyed apart.
    const keepField = op === 'distances' && opts.keepField;
    const cache = this.d.knowledge.enabled
      ? this.d.knowledge.forScope({
          tenantId: ctx.tenantId,
          latticeId: row.id,
          version: row.version,
          updatedAt: row.updated_at,
          operation: op,
          prepare: (v) => ({ ...(v as object), result: cacheableResult(op, (v as { result: unknown }).result, keepField) }),
        })
      : undefined;
    const useGpu = ctx.gpuAllowed ? common.use_gpu : false;
    const run = await guarded(op, ctx, () =>
      this.d.engine.run(loaded.lattice, op, params, {
        // A job prefers the worker pool where it can run the operation: the worker's own thread stays
        // free to notice a cancellation, write progress and keep its queue lease. Elsewhere it falls back.
        backend: opts.inJob && useGpu !== true ? 'cpu-pool' : 'auto',
        useGpu,
        cache,
        // The lattice id keeps two lattices of one definition apart; version and updated_at move with any change.
        fieldVersion: `${row.id}:${row.version}:${row.updated_at}${keepField ? ':field' : ''}`,
        maxMaterializedVertices: engineBudget(ctx),
        signal: opts.signal,
        onProgress: opts.onProgress,
      }),
    );
    const view = resultView(op, run.result, input);
    const fallback = fallbackReason(ctx, common, run);
    const answer: ReadAnswer = {
      operation_id: operationId,
      lattice_id: row.id,
      operation: op,
      ...view,
      execution_time_ms: run.execution_time_ms,
      backend: run.backend,
      gpu_used: run.gpu_used,
      cached: run.cached,
    };
    if (fallback !== undefined) answer.fallback_reason = fallback;
    const outcome: OperationOutcome = {
      status: 'succeeded',
      resultSummary: boundedSummary(view),
      backend: run.backend,
      gpuUsed: run.gpu_used,
      fallbackReason: fallback ?? null,
      cached: run.cached,
      executionTimeMs: run.execution_time_ms,
    };
    return { answer, run, outcome };
  }

  private async contextOf(tenantId: string, planCode: string): Promise<RunContext> {
    const { limits } = await this.d.plans.plan(planCode);
    return { tenantId, planCode, maxMaterializedVertices: limits.max_materialized_vertices, gpuAllowed: limits.gpu_allowed };
  }

  /** The engine's estimate; plan_limit_exceeded up front when the run would hold more vertices than the plan allows. */
  private async estimate(l: Lattice, op: OperationName, params: unknown, ctx: RunContext): Promise<CostEstimate> {
    const estimate = await guarded(op, ctx, () => this.d.engine.estimate(l, op, params, { maxMaterializedVertices: engineBudget(ctx) }));
    if (ctx.maxMaterializedVertices >= 0 && estimate.materializedVertices > ctx.maxMaterializedVertices) {
      throw materializationLimit(ctx, estimate.materializedVertices);
    }
    return estimate;
  }

  private queued(estimate: CostEstimate, req: RunRequest): boolean {
    if (req.async === true) return true;
    const large = estimate.work > this.d.syncMaxWork;
    if (large && req.async === false) {
      throw validationFailed(
        [
          {
            field: 'async',
            message: `the estimated work ${estimate.work} exceeds the synchronous limit ${this.d.syncMaxWork}; omit async or send async=true`,
          },
        ],
        'This operation is too large to answer synchronously; run it as a job',
      );
    }
    return large;
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

const emptyOutcome: OperationOutcome = {
  status: 'failed',
  resultSummary: null,
  backend: null,
  gpuUsed: false,
  fallbackReason: null,
  cached: false,
  executionTimeMs: null,
};
