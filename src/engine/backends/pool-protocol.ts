import type { BrandesMode } from '../brandes.js';
import type { EngineErrorCode } from '../errors.js';
import type { Boundary, ObstacleSpec } from '../lattice.js';
import type { OperationName } from '../operations.js';
import type { RandomWalkParams } from '../random-walk.js';

/*
 * Messages between the pool and its workers. Lattices travel as their
 * definition (a few numbers); per-vertex data travels in SharedArrayBuffers
 * or as transferred buffers, never as copies.
 */

export interface LatticeWire {
  shape: number[];
  boundary: Boundary;
  obstacles: ObstacleSpec | null;
}

/** Where a task reports progress: slot `slot` of a shared Float64Array. */
export interface ProgressSlot {
  buffer: SharedArrayBuffer;
  slot: number;
}

interface TaskBase {
  lattice: LatticeWire;
  budget?: number;
  progress?: ProgressSlot;
}

export interface DistancesTask extends TaskBase {
  kind: 'distances';
  sources: number[][];
  maxDistance?: number;
}

export interface BrandesTask extends TaskBase {
  kind: 'brandes';
  sources: Int32Array;
  weights: Float64Array | null;
  mode: BrandesMode;
}

export interface WalkTask extends TaskBase {
  kind: 'walk';
  params: RandomWalkParams;
  from: number;
  to: number;
}

/** One slab of a step-synchronised diffusion; all parts of a run wait for each other at a barrier per step. */
export interface DiffusionSlabTask extends TaskBase {
  kind: 'diffusion-slab';
  /** The two Float64 states; step t reads buffers[(t − 1) % 2] and writes the other. */
  buffers: [SharedArrayBuffer, SharedArrayBuffer];
  /** Int32 [arrived, generation, failed]. */
  control: SharedArrayBuffer;
  /** Float64 [min, max, mean, mass] per snapshot, filled by part 0. */
  stats: SharedArrayBuffer;
  coefficient: number;
  steps: number;
  snapshotEvery: number;
  from: number;
  to: number;
  part: number;
  parts: number;
}

/** A whole operation in one worker, exactly as the in-thread backend runs it. */
export interface OperationTask extends TaskBase {
  kind: 'operation';
  op: OperationName;
  params: unknown;
  /** The value field the operation may read or change: moved to the worker (a copy of the caller's), or null. */
  field: Float64Array | null;
  /** Whether the operation changes the field, so the worker hands it back with the result. */
  returnField: boolean;
}

/** What an OperationTask answers: the result, and the changed field when asked for. */
export interface OperationReply {
  result: unknown;
  field: Float64Array | null;
}

export type PoolTask =
  { kind: 'ping'; progress?: ProgressSlot } | DistancesTask | BrandesTask | WalkTask | DiffusionSlabTask | OperationTask;

/** Errors cross the thread boundary as data so the EngineError code survives. */
export type PoolReply<T> =
  { ok: true; value: T } | { ok: false; error: { code: EngineErrorCode | null; message: string; details?: Record<string, unknown> } };

/** Indexes into DiffusionSlabTask.control. */
export const ARRIVED = 0;
export const GENERATION = 1;
export const FAILED = 2;

/**
 * Every ArrayBuffer behind a typed array in `value` (objects and arrays, a
 * few levels deep), once each: what a reply moves to the other thread
 * instead of copying. SharedArrayBuffers are shared already and left out.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
    } else if (v !== null && typeof v === 'object' && depth < 4) {
      for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x, depth + 1);
    }
  };
  visit(value, 0);
  return [...found];
}
