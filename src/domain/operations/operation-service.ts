import type { CostEstimate } from '../../engine/cost.js';
import type { Engine, OperationRun } from '../../engine/engine.js';
import type { Lattice } from '../../engine/lattice.js';
import { readsField, type OperationName, type OperationParams } from '../../engine/operations.js';
import type { Database } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import { AppError, notFound, validationFailed } from '../errors.js';
import { actorOf, type Principal } from '../identity/principal.js';
import type { JobRow } from '../jobs/job-repository.js';
import type { JobService } from '../jobs/job-service.js';
import type { LatticeService, LoadedLattice } from '../lattices/lattice-service.js';
import { pageOf, type Page, type PageRequest } from '../page.js';
import type { Caller } from '../tenants/caller.js';
import type { PlanCatalog } from '../usage/plan-catalog.js';
import type { UsageService } from '../usage/usage-service.js';
import type { KnowledgeStore } from './knowledge-store.js';
import { materializationLimit } from './operation-errors.js';
import { engineParams, type CommonInput, type OperationInputs, type ReadOperation, type TransformInput } from './operation-params.js';
import type { OperationOutcome, OperationRepository } from './operation-repository.js';
import { boundedSummary, cacheableResult, resultView } from './operation-results.js';
import { operationView, type OperationView } from './operation-view.js';
import { engineBudget, fallbackReason, guarded, type RunContext } from './run-context.js';
import { applyTransform, type TransformActor } from './transform-operation.js';

/** The job kind lattice operations run under; runtime.ts registers executeJob for it. */
export const OPERATION_JOB_KIND = 'lattice.operation';

export interface OperationServiceDeps {
  engine: Engine;
  db: Database;
  lattices: LatticeService;
  operations: OperationRepository;
  knowledge: KnowledgeStore;
  jobs: JobService;
  usage: UsageService;
  plans: PlanCatalog;
  /** Estimated work (CostEstimate.work) above which a request is answered by a job. */
  syncMaxWork: number;
  /** Retries the queue gives a job; a transient failure of the last attempt is final. */
  jobRetryLimit: number;
}

export interface RunRequest {
  /** true: always a job; false: answer now (422 when too large); absent: decided by the cost estimate. */
  async?: boolean;
  /** The caller reads per-vertex arrays of the result (the distance field as binary). */
  arrays?: boolean;
}

export type OperationAnswer =
  | { kind: 'done'; body: Record<string, unknown>; result: unknown }
  | { kind: 'accepted'; body: { job_id: string; status_url: string; operation_id: string } };

/** What a job carries: the history row it completes and the request body it runs. */
interface JobParameters {
  operation_id: string;
  input: Record<string, unknown>;
  request_id: string | null;
}

export interface JobControl {
  progress(fraction: number): void;
  signal: AbortSignal;
}

// LatticeService reads only the tenant of a principal; a job acts for its tenant without a request's credentials.
const tenantPrincipal = (tenantId: string): Principal => ({ tenantId }) as Principal;

const FOREIGN_KEY_VIOLATION = '23503';

/** A history row for a lattice deleted since it was loaded: 404, as if the request had come a moment later. */
async function latticeMustExist<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw notFound('Lattice');
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

  /** Runs a read-only operation (or queues it); 404 for another tenant's lattice. */
  async run<K extends ReadOperation>(
    caller: Caller,
    latticeId: string,
    op: K,
    input: OperationInputs[K],
    req: RunRequest = {},
  ): Promise<OperationAnswer> {
    const { principal } = caller;
    await this.d.usage.assertOperationAllowed(principal);
    const ctx = await this.contextOf(principal.tenantId, principal.planCode);
    const loaded = await this.d.lattices.loadEngineLattice(principal, latticeId);
    const params = await guarded(op, ctx, () => engineParams(op, input, loaded.lattice.dimensions));
    const estimate = await this.estimate(loaded.lattice, op, params, ctx);
    if (this.queued(estimate, req)) return this.enqueue(caller, latticeId, op, input as unknown as Record<string, unknown>);
    const ready = readsField(op, params) ? await this.d.lattices.loadEngineLattice(principal, latticeId, { withField: true }) : loaded;
    const operationId = uuidv7();
    const done = await this.compute(ctx, ready, op, params, input, operationId, { arrays: req.arrays === true });
    const row = {
      id: operationId,
      tenantId: principal.tenantId,
      latticeId,
      type: op,
      parameters: input as object as Record<string, unknown>,
      status: 'succeeded' as const,
      ...actorOf(principal),
      jobId: null,
    };
    await Promise.all([
      latticeMustExist(this.d.db.tenantTransaction(principal.tenantId, (tx) => this.d.operations.insert(tx, row, done.outcome))),
      this.d.usage.record(principal.tenantId, 'operations'),
    ]);
    return { kind: 'done', body: done.body, result: done.run.result };
  }

  /** Transforms the lattice's value field (or queues it): a new version, its history row and audit entry in one transaction. */
  async transform(caller: Caller, latticeId: string, input: TransformInput, req: RunRequest = {}): Promise<OperationAnswer> {
    const { principal } = caller;
    await this.d.usage.assertOperationAllowed(principal);
    const ctx = await this.contextOf(principal.tenantId, principal.planCode);
    const loaded = await this.d.lattices.loadEngineLattice(principal, latticeId);
    const params = await guarded('transform', ctx, () => engineParams('transform', input, loaded.lattice.dimensions));
    const estimate = await this.estimate(loaded.lattice, 'transform', params, ctx);
    if (this.queued(estimate, req)) return this.enqueue(caller, latticeId, 'transform', input as unknown as Record<string, unknown>);
    const actor: TransformActor = { ...actorOf(principal), ip: caller.ip, requestId: caller.requestId };
    const body = await applyTransform(this.d, ctx, actor, { latticeId, operationId: uuidv7(), jobId: null, params, input });
    await this.d.usage.record(principal.tenantId, 'operations');
    return { kind: 'done', body, result: body };
  }

  /** The lattice's operation history, newest first; 404 for another tenant's lattice. */
  async list(principal: Principal, latticeId: string, filter: { type?: string }, page: PageRequest): Promise<Page<OperationView>> {
    await this.d.lattices.getLattice(principal, latticeId);
    const { rows, total } = await this.d.db.tenantTransaction(principal.tenantId, (tx) =>
      this.d.operations.list(tx, principal.tenantId, latticeId, filter.type, page),
    );
    return pageOf(rows, page.limit, total, operationView);
  }

  /**
   * The executor of OPERATION_JOB_KIND jobs: the same path as a synchronous
   * request, with progress and cancellation, completing the history row the
   * request wrote. Bad input and plan limits fail the job at once (AppError);
   * anything else is left to the queue's retries.
   */
  async executeJob(job: JobRow, control: JobControl): Promise<unknown> {
    const p = job.parameters as unknown as JobParameters;
    const op = job.operation as OperationName;
    const { tenant_id: tenantId } = job;
    const finish = (outcome: OperationOutcome) =>
      this.d.db.tenantTransaction(tenantId, (tx) => this.d.operations.finish(tx, tenantId, p.operation_id, outcome));
    await this.d.db.tenantTransaction(tenantId, (tx) => this.d.operations.markRunning(tx, tenantId, p.operation_id));
    try {
      const body = await this.runJob(job, p, op, control, finish);
      await this.d.usage.record(tenantId, 'operations');
      return body;
    } catch (err) {
      const permanent = err instanceof AppError;
      // pg-boss counts retries; attempts includes this one.
      const last = job.attempts > this.d.jobRetryLimit;
      if (control.signal.aborted || permanent || last) {
        const error = permanent ? { code: err.code, detail: err.detail } : { code: 'internal_error', detail: 'The operation failed' };
        await finish({ ...emptyOutcome, status: control.signal.aborted ? 'cancelled' : 'failed', resultSummary: { error } }).catch(
          () => undefined,
        );
      }
      throw err;
    }
  }

  private async runJob(
    job: JobRow,
    p: JobParameters,
    op: OperationName,
    control: JobControl,
    finish: (outcome: OperationOutcome) => Promise<boolean>,
  ): Promise<unknown> {
    const principal = tenantPrincipal(job.tenant_id);
    if (job.lattice_id === null) throw new AppError('validation_failed', 'A lattice operation job needs a lattice');
    const limits = await this.d.lattices.limitsFor(principal);
    const ctx = await this.contextOf(job.tenant_id, limits.planCode);
    const loaded = await this.d.lattices.loadEngineLattice(principal, job.lattice_id);
    const opts = { signal: control.signal, onProgress: (f: number) => control.progress(f) };
    if (op === 'transform') {
      const input = p.input as unknown as TransformInput;
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
    const input = p.input as unknown as OperationInputs[ReadOperation];
    const params = await guarded(read, ctx, () => engineParams(read, input, loaded.lattice.dimensions));
    const ready = readsField(read, params)
      ? await this.d.lattices.loadEngineLattice(principal, job.lattice_id, { withField: true })
      : loaded;
    const done = await this.compute(ctx, ready, read, params, input, p.operation_id, { arrays: false, inJob: true, ...opts });
    if (!(await finish(done.outcome))) throw notFound('Lattice');
    return done.body;
  }

  /** Runs a read-only operation through the knowledge cache; the response body and what the history keeps. */
  private async compute<K extends ReadOperation>(
    ctx: RunContext,
    loaded: LoadedLattice,
    op: K,
    params: OperationParams[K],
    input: OperationInputs[K],
    operationId: string,
    opts: { arrays: boolean; inJob?: boolean; signal?: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<{ run: OperationRun<unknown>; body: Record<string, unknown>; outcome: OperationOutcome }> {
    const { row } = loaded;
    const common = input as CommonInput;
    // Only a binary answer needs the distance field: such entries keep it and are keyed apart.
    const keepField = op === 'distances' && opts.arrays;
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
    const body: Record<string, unknown> = {
      operation_id: operationId,
      lattice_id: row.id,
      operation: op,
      ...view,
      execution_time_ms: run.execution_time_ms,
      backend: run.backend,
      gpu_used: run.gpu_used,
      cached: run.cached,
    };
    if (fallback !== undefined) body.fallback_reason = fallback;
    const outcome: OperationOutcome = {
      status: 'succeeded',
      resultSummary: boundedSummary(view),
      backend: run.backend,
      gpuUsed: run.gpu_used,
      fallbackReason: fallback ?? null,
      cached: run.cached,
      executionTimeMs: run.execution_time_ms,
    };
    return { run, body, outcome };
  }

  private async contextOf(tenantId: string, planCode: string): Promise<RunContext> {
    const { limits } = await this.d.plans.plan(planCode);
    return { tenantId, planCode, maxMaterializedVertices: limits.max_materialized_vertices, gpuAllowed: limits.gpu_allowed };
  }

  /** The engine's estimate; 403 up front when the run would hold more vertices than the plan allows. */
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
            location: 'query.async',
            message: `the estimated work ${estimate.work} exceeds the synchronous limit ${this.d.syncMaxWork}; omit async or send async=true`,
          },
        ],
        'This operation is too large to answer synchronously; run it as a job',
      );
    }
    return large;
  }

  /** The history row and the job in one transaction: both exist or neither. */
  private async enqueue(caller: Caller, latticeId: string, op: OperationName, input: Record<string, unknown>): Promise<OperationAnswer> {
    const { principal } = caller;
    const operationId = uuidv7();
    const parameters: JobParameters = { operation_id: operationId, input, request_id: caller.requestId };
    const job = await latticeMustExist(
      this.d.db.tenantTransaction(principal.tenantId, async (tx) => {
        const queued = await this.d.jobs.enqueue(tx, principal, {
          kind: OPERATION_JOB_KIND,
          operation: op,
          latticeId,
          parameters: parameters as unknown as Record<string, unknown>,
        });
        await this.d.operations.insert(tx, {
          id: operationId,
          tenantId: principal.tenantId,
          latticeId,
          type: op,
          parameters: input,
          status: 'queued',
          ...actorOf(principal),
          jobId: queued.job_id,
        });
        return queued;
      }),
    );
    return { kind: 'accepted', body: { ...job, operation_id: operationId } };
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
