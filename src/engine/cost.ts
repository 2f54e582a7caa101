import { EngineError } from './errors.js';

/**
 * What an operation would cost before it runs: the router uses it to pick a
 * backend and to decide between answering synchronously and queueing a job.
 */
export interface CostEstimate {
  operation: string;
  /** Elementary steps (vertex visits, heap operations, ...), order of magnitude. */
  work: number;
  /** Extra memory in bytes beyond the lattice description itself. */
  bytes: number;
  /** Vertices the operation would hold per-vertex state for (checked against plan limits). */
  materializedVertices: number;
  /** Whether the work splits over a worker pool or GPU. */
  parallelizable: boolean;
}

/** Options every operation accepts. */
export interface RunOptions {
  /** Refuse (budget_exceeded) before allocating per-vertex state for more vertices than this. */
  maxMaterializedVertices?: number;
  /** Checked periodically; an aborted signal ends the run with EngineError('aborted'). */
  signal?: AbortSignal;
  /** Called occasionally with the completed fraction in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/** Throws EngineError('aborted') once the caller's signal has fired; call it every few thousand steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('aborted', 'operation aborted', { reason: String(signal.reason) });
}
