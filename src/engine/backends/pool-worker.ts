import { move, transferableSymbol, valueSymbol } from 'piscina';
import { brandesPartial } from '../brandes.js';
import { diffusionStep, fieldStats } from '../diffusion.js';
import { distanceField } from '../distances.js';
import { EngineError, isEngineError } from '../errors.js';
import { createLattice, obstacleBitset, type Lattice } from '../lattice.js';
import { walkPartial } from '../random-walk.js';
import { runOnCpu } from './cpu.js';
import {
  ARRIVED,
  FAILED,
  GENERATION,
  type DiffusionSlabTask,
  type LatticeWire,
  type OperationReply,
  type OperationTask,
  type PoolReply,
  type PoolTask,
  transferablesOf,
} from './pool-protocol.js';

/*
 * Worker-thread entry of the pool. Each task rebuilds (or reuses) the lattice
 * from its definition and runs one part of an operation with the same engine
 * functions the CPU backend calls, so the parts combine to the same answer.
 */

// A few recent lattices, so their memoised obstacle bitsets survive across tasks.
const lattices = new Map<string, Lattice>();
const MAX_CACHED_LATTICES = 4;

function latticeOf(wire: LatticeWire): Lattice {
  const key = JSON.stringify(wire);
  let l = lattices.get(key);
  if (l === undefined) {
    l = createLattice({ shape: wire.shape, boundary: wire.boundary, obstacles: wire.obstacles });
    if (lattices.size >= MAX_CACHED_LATTICES) lattices.delete(lattices.keys().next().value as string);
  } else {
    lattices.delete(key);
  }
  lattices.set(key, l);
  return l;
}

function progressOf(task: PoolTask): ((fraction: number) => void) | undefined {
  const p = task.progress;
  if (p === undefined) return undefined;
  const slots = new Float64Array(p.buffer);
  return (fraction) => {
    slots[p.slot] = fraction;
  };
}

/** Sense-counting barrier over `control`; gives up when a sibling has failed. */
function barrier(control: Int32Array, parties: number): void {
  const generation = Atomics.load(control, GENERATION);
  if (Atomics.add(control, ARRIVED, 1) === parties - 1) {
    Atomics.store(control, ARRIVED, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    return;
  }
  while (Atomics.load(control, GENERATION) === generation) {
    if (Atomics.load(control, FAILED) !== 0)
      throw new EngineError('aborted', 'diffusion stopped: another part failed or the run was aborted');
    Atomics.wait(control, GENERATION, generation, 100);
  }
}

function diffusionSlab(task: DiffusionSlabTask, onProgress: ((f: number) => void) | undefined): null {
  const control = new Int32Array(task.control);
  try {
    const l = latticeOf(task.lattice);
    const blocked = obstacleBitset(l, task.budget)?.words ?? null;
    const states = [new Float64Array(task.buffers[0]), new Float64Array(task.buffers[1])];
    const stats = new Float64Array(task.stats);
    for (let step = 1; step <= task.steps; step++) {
      if (Atomics.load(control, FAILED) !== 0) throw new EngineError('aborted', 'diffusion aborted');
      const src = states[(step - 1) % 2];
      const dst = states[step % 2];
      diffusionStep(l, src, dst, task.coefficient, task.from, task.to, blocked);
      barrier(control, task.parts);
      const every = task.snapshotEvery;
      if (task.part === 0 && every > 0 && (step % every === 0 || step === task.steps)) {
        const s = fieldStats(dst, blocked);
        const at = 4 * (Math.ceil(step / every) - 1);
        stats.set([s.min, s.max, s.mean, s.mass], at);
      }
      onProgress?.(step / task.steps);
    }
  } catch (error) {
    // Siblings waiting at the barrier must not wait for this part forever.
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, GENERATION);
    throw error;
  }
  return null;
}

/** The buffers behind the typed arrays of a result, handed over rather than copied. */
function buffersOf(...arrays: Array<Float64Array | Int32Array | null>): ArrayBuffer[] {
  return arrays.filter((a): a is Float64Array | Int32Array => a !== null).map((a) => a.buffer as ArrayBuffer);
}

/** Runs a whole operation with the in-thread backend's code; the field is attached only for this task. */
function wholeOperation(
  task: OperationTask,
  onProgress: ((f: number) => void) | undefined,
): { value: OperationReply; transfer: ArrayBuffer[] } {
  const l = latticeOf(task.lattice);
  l.field = task.field;
  try {
    const result = runOnCpu(task.op, l, task.params as never, { maxMaterializedVertices: task.budget, onProgress });
    const value: OperationReply = { result, field: task.returnField ? l.field : null };
    return { value, transfer: transferablesOf(value) };
  } finally {
    // The cached lattice is shared by later tasks: it must not keep this task's field alive.
    l.field = null;
  }
}

function run(task: PoolTask): { value: unknown; transfer: ArrayBuffer[] } {
  const onProgress = progressOf(task);
  switch (task.kind) {
    case 'ping':
      return { value: null, transfer: [] };
    case 'distances': {
      const l = latticeOf(task.lattice);
      const r = distanceField(l, task.sources, { maxDistance: task.maxDistance, maxMaterializedVertices: task.budget, onProgress });
      return { value: r.distances, transfer: buffersOf(r.distances) };
    }
    case 'brandes': {
      const l = latticeOf(task.lattice);
      const acc = brandesPartial(l, task.sources, task.mode, { maxMaterializedVertices: task.budget, onProgress }, task.weights);
      const transfer = buffersOf(acc.dependency, acc.dependencySquares, acc.distanceSum, acc.distanceSquares, acc.reachCount);
      return { value: acc, transfer };
    }
    case 'walk': {
      const l = latticeOf(task.lattice);
      const acc = walkPartial(l, task.params, task.from, task.to, { maxMaterializedVertices: task.budget, onProgress });
      return { value: acc, transfer: buffersOf(acc.squaredDisplacement, acc.displacementSum) };
    }
    case 'diffusion-slab':
      return { value: diffusionSlab(task, onProgress), transfer: [] };
    case 'operation':
      return wholeOperation(task, onProgress);
  }
}

/** Piscina entry point: a reply whose typed arrays are transferred, and whose errors keep their code. */
export default function handle(task: PoolTask): unknown {
  let reply: PoolReply<unknown>;
  let transfer: ArrayBuffer[] = [];
  try {
    const out = run(task);
    reply = { ok: true, value: out.value };
    transfer = out.transfer;
  } catch (error) {
    reply = isEngineError(error)
      ? { ok: false, error: { code: error.code, message: error.message, details: error.details } }
      : { ok: false, error: { code: null, message: error instanceof Error ? error.message : String(error) } };
  }
  return move({ [transferableSymbol]: transfer, [valueSymbol]: reply } as never);
}
