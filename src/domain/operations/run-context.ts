import { isEngineError } from '../../engine/errors.js';
import type { OperationName } from '../../engine/operations.js';
import type { OperationRun } from '../../engine/engine.js';
import { engineProblem, type PlanBudget } from './operation-errors.js';
import type { CommonInput } from './operation-input-schemas.js';

/** What a run needs of the tenant's plan. */
export interface RunContext extends PlanBudget {
  tenantId: string;
  gpuAllowed: boolean;
}

/** Maps an engine failure inside `fn` to its AppError (validation_failed / plan_limit_exceeded), whatever else it throws passes through. */
export async function guarded<T>(op: OperationName, ctx: PlanBudget, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw isEngineError(err) ? engineProblem(err, op, ctx) : err;
  }
}

/** Why the GPU that was asked for was not used; undefined when it was not asked for or was used. */
export function fallbackReason(ctx: RunContext, input: CommonInput, run: OperationRun<unknown>): string | undefined {
  if (input.use_gpu !== true || run.gpu_used) return undefined;
  if (!ctx.gpuAllowed) return `the '${ctx.planCode}' plan does not include GPU use; the operation ran on the CPU`;
  if (run.fallback_reason !== undefined) return run.fallback_reason;
  return run.cached ? `answered from the knowledge cache, computed earlier on ${run.backend}` : `the router chose ${run.backend}`;
}

/** The run's budget for the engine: the plan's materialisation limit, none when unlimited. */
export const engineBudget = (ctx: PlanBudget): number | undefined =>
  ctx.maxMaterializedVertices < 0 ? undefined : ctx.maxMaterializedVertices;
