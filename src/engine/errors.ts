/** Stable machine codes for every failure the engine reports. */
export type EngineErrorCode =
  | 'invalid_shape'
  | 'invalid_boundary'
  | 'invalid_coordinates'
  | 'invalid_parameter'
  | 'too_large'
  | 'budget_exceeded'
  | 'no_field'
  | 'not_cubic'
  | 'aborted'
  | 'deadline_exceeded'
  | 'over_memory_budget';

/**
 * The only error type the engine throws on bad input or exhausted budgets, so
 * the HTTP edge can map `code` to a status through one table.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: EngineErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

/** Narrowing helper for callers outside the engine. */
export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}
