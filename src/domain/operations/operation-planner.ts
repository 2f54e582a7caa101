import { poolLimitation } from '../../engine/backends/pool-operations.js';
import type { CostEstimate } from '../../engine/cost.js';
import type { Engine } from '../../engine/engine.js';
import type { Lattice } from '../../engine/lattice.js';
import type { OperationName } from '../../engine/operations.js';
import { validationFailed } from '../errors.js';
import { materializationLimit } from '../plans/plan-limit-checks.js';
import { overMemoryBudget } from './operation-errors.js';
import { engineBudget, guarded, type RunContext } from './run-context.js';

export interface RunRequest {
  /** true: always a job; false: answer now (refused when too large); absent: decided by the cost estimate. */
  async?: boolean;
}

export interface OperationPlannerOptions {
  engine: Engine;
  /** Estimated work (CostEstimate.work) above which a request is answered by a job. */
  syncMaxWork: number;
  /** Longest a synchronous run may take (ms); one predicted to take longer is answered by a job. */
  syncDeadlineMs: number;
}

/** Predictions assume warm backends: a cold start is paid once per process, not per run. */
const WARM = { poolStarted: true, gpuOpened: true };

/**
 * Decides, before anything runs, whether an operation may run at all (plan
 * and memory budget), whether it is answered now or by a job, and whether it
 * is small enough to stay on the calling thread. Pure arithmetic on the
 * engine's estimate and cost model: no I/O, no run.
 */
export class OperationPlanner {
  constructor(private readonly o: OperationPlannerOptions) {}

  /**
   * The engine's estimate; plan_limit_exceeded up front when the run would hold
   * more vertices than the plan allows, payload_too_large when its buffers
   * could never fit the process's memory budget (a job would fail the same way).
   */
  async estimate(l: Lattice, op: OperationName, params: unknown, ctx: RunContext): Promise<CostEstimate> {
    const estimate = await guarded(op, ctx, () => this.o.engine.estimate(l, op, params, { maxMaterializedVertices: engineBudget(ctx) }));
    if (ctx.maxMaterializedVertices >= 0 && estimate.materializedVertices > ctx.maxMaterializedVertices) {
      throw materializationLimit(ctx, estimate.materializedVertices);
    }
    const budget = this.o.engine.memory.capacity;
    if (estimate.bytes > budget) throw overMemoryBudget(Math.ceil(estimate.bytes), budget);
    return estimate;
  }

  /** Whether the run is answered by a job: asked for, or too large (work or predicted time) to answer now. */
  queued(estimate: CostEstimate, req: RunRequest, op: OperationName, params: unknown): boolean {
    if (req.async === true) return true;
    const why = this.tooLargeForNow(estimate, op, params);
    if (why !== null && req.async === false) {
      throw validationFailed(
        [{ field: 'async', message: `${why}; omit async or send async=true` }],
        'This operation is too large to answer synchronously; run it as a job',
      );
    }
    return why !== null;
  }

  /** Whether the run is predicted to fit the engine's inline budget on the calling thread. O(d). */
  fitsInline(l: Lattice, op: OperationName, params: unknown, ctx: RunContext): boolean {
    const estimate = this.o.engine.estimate(l, op, params, { maxMaterializedVertices: engineBudget(ctx) });
    return this.inThreadMs(estimate) <= this.o.engine.inlineBudgetMs;
  }

  /**
   * Why the run cannot be answered now, or null. A synchronous run goes to the
   * worker pool (the router keeps only runs predicted under the engine's small
   * inline budget on the event loop) with the SYNC_DEADLINE_MS deadline; one
   * that only the calling thread can run must fit the inline budget itself.
   */
  private tooLargeForNow(estimate: CostEstimate, op: OperationName, params: unknown): string | null {
    const { engine, syncMaxWork, syncDeadlineMs } = this.o;
    if (estimate.work > syncMaxWork) {
      return `the estimated work ${estimate.work} exceeds the synchronous limit ${syncMaxWork}`;
    }
    const inThreadMs = this.inThreadMs(estimate);
    const pinned = poolLimitation(op, params);
    if (pinned !== null) {
      if (inThreadMs <= engine.inlineBudgetMs) return null;
      return `the predicted time ${Math.ceil(inThreadMs)} ms exceeds the ${engine.inlineBudgetMs} ms a request may run on the API's own thread (${pinned})`;
    }
    const poolMs = engine.router.model.predictMs(estimate.operation, 'cpu-pool', estimate, WARM) ?? Infinity;
    const predicted = Math.min(inThreadMs, poolMs);
    if (predicted > syncDeadlineMs) {
      return `the predicted time ${Math.ceil(predicted)} ms exceeds the synchronous deadline of ${syncDeadlineMs} ms`;
    }
    return null;
  }

  /** The predicted time of the run on the calling thread (ms); Infinity when the model has none. */
  private inThreadMs(estimate: CostEstimate): number {
    return this.o.engine.router.model.predictMs(estimate.operation, 'cpu', estimate, WARM) ?? Infinity;
  }
}
