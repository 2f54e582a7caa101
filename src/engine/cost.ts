import { EngineError } from './errors.js';

/**
 * What an operation would cost before it runs: the router uses it to pick a
 * backend, the engine to reserve memory, and a service to decide between
 * answering at once, queueing a job, or refusing.
 *
 * Both figures are upper bounds. `work` is counted in units of about one
 * neighbour test of the typed-array BFS kernel; steps that cost more (a
 * search keeping its state in a Map, a heap operation, a hash) are weighted
 * by what they cost against that unit, measured on the calibration machine
 * and rounded up. So one constant, the calibration's largest nanoseconds per
 * unit, turns any operation's work into a bound on its time, and the test
 * suite checks that it does (test/engine/estimate-bounds.test.ts).
 */
export interface CostEstimate {
  operation: string;
  /** Work units (see above): an upper bound, so time ≤ work × the calibration's bound per unit. */
  work: number;
  /** Peak bytes the run allocates (on whichever backend runs it), beyond the lattice and its field. */
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
  /** Worker threads a split run may use; estimates count memory for that many parts (1 by default). */
  threads?: number;
}

/** Throws EngineError('aborted') once the caller's signal has fired; call it every few thousand steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('aborted', 'operation aborted', { reason: String(signal.reason) });
}
