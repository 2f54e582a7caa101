import type { BackendName } from '../../engine/cost-model.js';
import { isEngineError } from '../../engine/errors.js';
import type { OperationName } from '../../engine/operations.js';
import { AppError } from '../errors.js';

/*
 * What the operations report for metrics, in the domain's own terms; the
 * runtime turns each report into the catalogue's counters and histograms.
 */

export type OperationMode = 'sync' | 'job';
export type OperationOutcomeLabel = 'success' | 'client_error' | 'error' | 'cancelled' | 'deadline_exceeded';
export type FallbackKind = 'no_adapter' | 'no_kernel' | 'too_large' | 'not_calibrated' | 'device_lost' | 'pool_unavailable';

/** One finished (or failed) run of an operation. */
export interface OperationReport {
  operation: OperationName;
  /** Where it ran: the engine's backend, `cache` for a knowledge-cache answer, `none` when it failed before one was chosen. */
  backend: 'cpu' | 'cpu-pool' | 'gpu' | 'cache' | 'none';
  mode: OperationMode;
  outcome: OperationOutcomeLabel;
  seconds: number;
  /** The backend the router chose, for runs it routed (not cache answers, not failures). */
  routed?: 'cpu' | 'cpu-pool' | 'gpu';
  /** Why a requested backend (GPU or pool) was not used, when one was not. */
  fallback?: FallbackKind;
}

export interface OperationMetrics {
  operationFinished(report: OperationReport): void;
}

/** Reports nowhere (tests and tools that build services without a registry). */
export const NO_OPERATION_METRICS: OperationMetrics = { operationFinished: () => undefined };

/** The outcome label of a failed run. */
export function failureOutcome(err: unknown, aborted: boolean): OperationOutcomeLabel {
  if (aborted) return 'cancelled';
  if (isEngineError(err))
    return err.code === 'deadline_exceeded' ? 'deadline_exceeded' : err.code === 'aborted' ? 'cancelled' : 'client_error';
  if (err instanceof AppError) {
    if (err.extras.fields !== undefined && 'deadline_ms' in err.extras.fields) return 'deadline_exceeded';
    if (err.code === 'service_unavailable') return 'cancelled';
    return err.code === 'internal_error' ? 'error' : 'client_error';
  }
  return 'error';
}

/** The engine's fallback explanation as one of the closed reasons. */
export function fallbackKind(reason: string): FallbackKind {
  const r = reason.toLowerCase();
  if (r.includes('pool') || r.includes('calling thread')) return 'pool_unavailable';
  if (r.includes('lost')) return 'device_lost';
  if (r.includes('calibrat')) return 'not_calibrated';
  if (r.includes('too large') || r.includes('exceed') || r.includes('limit')) return 'too_large';
  if (r.includes('kernel') || r.includes('not implemented') || r.includes('not supported') || r.includes('no gpu implementation'))
    return 'no_kernel';
  return 'no_adapter';
}

/** What a metric needs to know of a run that ended. */
export interface RunFacts {
  backend: BackendName;
  cached: boolean;
  fallbackReason?: string;
}

/** Runs `fn` and reports how it ended (operation, backend, mode, outcome, time) to `metrics`. */
export async function reportedRun<T>(
  metrics: OperationMetrics,
  run: { op: OperationName; mode: OperationMode; signal?: AbortSignal; facts: (result: T) => RunFacts },
  fn: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const { op: operation, mode } = run;
  try {
    const result = await fn();
    const f = run.facts(result);
    metrics.operationFinished({
      operation,
      backend: f.cached ? 'cache' : f.backend,
      mode,
      outcome: 'success',
      seconds: seconds(),
      ...(f.cached ? {} : { routed: f.backend }),
      ...(f.fallbackReason === undefined || f.cached ? {} : { fallback: fallbackKind(f.fallbackReason) }),
    });
    return result;
  } catch (err) {
    metrics.operationFinished({
      operation,
      backend: 'none',
      mode,
      outcome: failureOutcome(err, run.signal?.aborted ?? false),
      seconds: seconds(),
    });
    throw err;
  }
}
