import type { EngineError } from '../../engine/errors.js';
import type { OperationName } from '../../engine/operations.js';
import { AppError } from '../errors.js';
import { materializationLimit } from '../plans/plan-limit-checks.js';
import { bodyLocation } from './operation-params.js';

/** The plan budget an operation ran under, to tell a plan limit from the engine's own. */
export interface PlanBudget {
  planCode: string;
  /** The plan's max_materialized_vertices; -1 when unlimited. */
  maxMaterializedVertices: number;
}

const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1);

/**
 * The problem an engine failure becomes: bad input is a 422 pointing at the
 * body field when it can; an exhausted budget is the plan's 403 when the
 * plan set it, else (the engine's own ceiling) a 422. Never a 500.
 */
export function engineProblem(err: EngineError, op: OperationName, budget: PlanBudget): AppError {
  switch (err.code) {
    case 'budget_exceeded':
      if (budget.maxMaterializedVertices >= 0) {
        const needed = typeof err.details?.vertices === 'number' ? err.details.vertices : budget.maxMaterializedVertices + 1;
        return materializationLimit(budget, needed);
      }
      return new AppError('validation_failed', sentence(err.message), { errors: [{ location: 'body', message: err.message }] });
    case 'too_large':
      return new AppError('validation_failed', `${sentence(err.message)}; this lattice is too large for this operation`, {
        errors: [{ location: 'path.id', message: err.message }],
      });
    case 'aborted':
      return new AppError('service_unavailable', 'The operation was stopped before it finished; retry it');
    default:
      return new AppError('validation_failed', sentence(err.message), {
        errors: [{ location: bodyLocation(op, err.message, err.details), message: err.message }],
      });
  }
}
