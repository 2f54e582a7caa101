import type { Engine, OperationRun } from '../../engine/engine.js';
import type { OperationParams, OperationResults } from '../../engine/operations.js';
import type { LoadedLattice } from '../lattices/lattice-service.js';
import type { PlanCatalog } from '../plans/plan-catalog.js';
import type { KnowledgeStore } from './knowledge-store.js';
import type { ReadAnswer } from './operation-answer-schemas.js';
import type { CommonInput, OperationInputs } from './operation-input-schemas.js';
import type { ReadOperation } from './operation-params.js';
import type { OperationOutcome } from './operation-repository.js';
import { boundedSummary, cacheableResult, resultView } from './operation-results.js';
import { NO_OPERATION_METRICS, reportedRun, type OperationMetrics, type OperationMode, type RunFacts } from './operation-metrics.js';
import type { OperationPlanner } from './operation-planner.js';
import { engineBudget, fallbackReason, guarded, type RunContext } from './run-context.js';

export interface OperationRunnerOptions {
  engine: Engine;
  knowledge: KnowledgeStore;
  plans: PlanCatalog;
  planner: OperationPlanner;
  /** Where finished runs are reported for metrics; nowhere by default. */
  metrics?: OperationMetrics;
}

/** A computed read: its answer, the engine's run and what the history keeps of it. */
export interface Computed<K extends ReadOperation> {
  answer: ReadAnswer;
  run: OperationRun<OperationResults[K]>;
  outcome: OperationOutcome;
}

/**
 * Runs one operation on a loaded lattice, the same way for a request answered
 * now and for a job: the plan's run context, the knowledge cache, the engine,
 * and a metrics report of how it ended. Deciding whether to run now or queue
 * is the planner's; writing the history is the operation service's.
 */
export class OperationRunner {
  constructor(private readonly o: OperationRunnerOptions) {}

  /** What the tenant's plan allows a run: materialisation budget and GPU. */
  async contextOf(tenantId: string, planCode: string): Promise<RunContext> {
    const { limits } = await this.o.plans.plan(planCode);
    return { tenantId, planCode, maxMaterializedVertices: limits.max_materialized_vertices, gpuAllowed: limits.gpu_allowed };
  }

  /** Runs `fn`, reporting how it ended to the metrics. */
  reported<T>(run: Parameters<typeof reportedRun<T>>[1], fn: () => Promise<T>): Promise<T> {
    return reportedRun(this.o.metrics ?? NO_OPERATION_METRICS, run, fn);
  }

  /** Runs a read-only operation through the knowledge cache; the answer and what the history keeps. */
  async compute<K extends ReadOperation>(
    ctx: RunContext,
    loaded: LoadedLattice,
    op: K,
    params: OperationParams[K],
    input: OperationInputs[K],
    operationId: string,
    opts: { keepField: boolean; mode: OperationMode; deadlineMs?: number; signal?: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<Computed<K>> {
    const { row } = loaded;
    const common: CommonInput = input;
    // Only a caller of the field itself needs it kept: such entries hold it and are keyed apart.
    const keepField = op === 'distances' && opts.keepField;
    const cache = this.o.knowledge.enabled
      ? this.o.knowledge.forScope({
          tenantId: ctx.tenantId,
          latticeId: row.id,
          version: row.version,
          updatedAt: row.updated_at,
          operation: op,
          prepare: (v) => ({ ...(v as object), result: cacheableResult(op, (v as { result: unknown }).result, keepField) }),
        })
      : undefined;
    const useGpu = ctx.gpuAllowed ? common.use_gpu : false;
    const run = await this.reported({ op, mode: opts.mode, signal: opts.signal, facts: runFacts }, () =>
      guarded(op, ctx, () =>
        this.o.engine.run(loaded.lattice, op, params, {
          // Only runs predicted under the engine's small inline budget stay on this thread; the router sends
          // longer ones (a job's, a request's) to the worker pool, so this thread stays free to answer
          // requests, notice a cancellation, write progress and keep its queue lease. A tiny run stays
          // here even where the pool is predicted faster: it must not wait behind other tenants' long runs.
          backend: useGpu !== true && this.o.planner.fitsInline(loaded.lattice, op, params, ctx) ? 'cpu' : 'auto',
          useGpu,
          cache,
          // The lattice id keeps two lattices of one definition apart; version and updated_at move with any change.
          fieldVersion: `${row.id}:${row.version}:${row.updated_at}${keepField ? ':field' : ''}`,
          maxMaterializedVertices: engineBudget(ctx),
          deadlineMs: opts.deadlineMs,
          signal: opts.signal,
          onProgress: opts.onProgress,
          party: ctx.tenantId,
        }),
      ),
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
}

const runFacts = (run: OperationRun<unknown>): RunFacts => ({
  backend: run.backend,
  cached: run.cached,
  fallbackReason: run.fallback_reason,
});
