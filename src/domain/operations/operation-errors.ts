import type { EngineError } from '../../engine/errors.js';
import type { OperationName } from '../../engine/operations.js';
import { AppError } from '../errors.js';
import { materializationLimit } from '../plans/plan-limit-checks.js';
import { inputField } from './operation-params.js';

/** The plan budget an operation ran under, to tell a plan limit from the engine's own. */
export interface PlanBudget {
  planCode: string;
  /** The plan's max_materialized_vertices; -1 when unlimited. */
  maxMaterializedVertices: number;
}

const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1);

/**
 * The AppError an engine failure becomes: bad input is validation_failed
 * pointing at the input field when it can; an exhausted budget is the plan's
 * plan_limit_exceeded when the plan set it, else (the engine's own ceiling)
 * validation_failed. Never an internal error.
 */
export function engineProblem(err: EngineError, op: OperationName, budget: PlanBudget): AppError {
  switch (err.code) {
    case 'budget_exceeded':
      if (budget.maxMaterializedVertices >= 0) {
        const needed = typeof err.details?.vertices === 'number' ? err.details.vertices : budget.maxMaterializedVertices + 1;
        return materializationLimit(budget, needed);
      }
      return new AppError('validation_failed', sentence(err.message), { errors: [{ field: 'input', message: err.message }] });
    case 'too_large':
      return new AppError('validation_failed', `${sentence(err.message)}; this lattice is too large for this operation`, {
        errors: [{ field: 'latticeId', message: err.message }],
      });
    case 'aborted':
      return new AppError('service_unavailable', 'The operation was stopped before it finished; retry it');
    case 'deadline_exceeded':
      return new AppError('validation_failed', `${sentence(err.message)}; run it as a job (async=true)`, {
        errors: [{ field: 'async', message: err.message }],
        fields: { deadline_ms: err.details?.deadline_ms ?? null },
      });
    case 'over_memory_budget':
      return overMemoryBudget(Number(err.details?.bytes ?? 0), Number(err.details?.budget ?? 0));
    default:
      return new AppError('validation_failed', sentence(err.message), {
        errors: [{ field: inputField(op, err.message, err.details), message: err.message }],
      });
  }
}

/** The refusal of a run whose buffers could never fit the process's memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
export function overMemoryBudget(bytes: number, budget: number): AppError {
  return new AppError(
    'payload_too_large',
    `The operation needs about ${bytes} bytes of buffers, more than this server's operation memory budget of ${budget} bytes`,
    {
      errors: [{ field: 'latticeId', message: `needs about ${bytes} bytes; the budget is ${budget}` }],
      fields: { bytes, budget_bytes: budget },
    },
  );
}

/** Whether `err` is a synchronous run stopped at its deadline (engineProblem of deadline_exceeded). */
export function isDeadlineMiss(err: unknown): boolean {
  return err instanceof AppError && err.extras.fields !== undefined && 'deadline_ms' in err.extras.fields;
}
