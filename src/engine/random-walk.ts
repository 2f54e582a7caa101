import type { CostEstimate, RunOptions } from './cost.js';
import { throwIfAborted } from './cost.js';
import { EngineError } from './errors.js';
import type { Lattice } from './lattice.js';
import { coordsOf, hasObstacles, indexOf, isBlocked } from './lattice.js';
import { Prng, splitmix64Hash } from './prng.js';

/*
 * Simple random walks from one start vertex. Each step picks one of the 2d
 * directions (±1 along a dimension) uniformly; a move off an open side or
 * into an obstacle is rejected and the walker stays where it is for that
 * step. The chain is therefore doubly stochastic and its stationary law is
 * uniform over the start's component, which the tests use (Kac: mean return
 * time = component size). Periodic sides wrap; displacement is unwrapped, so
 * the mean squared displacement keeps growing on a torus.
 *
 * Walker w draws from its own Prng seeded with splitmix64Hash(seed, w), and
 * every accumulated quantity is an integer sum (exact in a double), so any
 * split of the walkers across threads, merged with mergeWalks, gives the
 * same answer bit for bit.
 *
 * Return time: the first t ≥ 1 with X_t = start (a rejected move at the start
 * counts, as in the Markov chain). Distinct vertices include the start.
 */

export interface RandomWalkParams {
  walkers: number;
  steps: number;
  seed: number;
  /** Start coordinates; the centre vertex (⌊n_k/2⌋ per side) when omitted. */
  start?: number[];
}

/** Integer sums over a range of walkers; ranges merge by addition. */
export interface WalkAccumulation {
  walkers: number;
  /** squaredDisplacement[t] = Σ_walkers |x_t − x_0|² (unwrapped). */
  squaredDisplacement: Float64Array;
  returned: number;
  returnTimeSum: number;
  distinctSum: number;
  /** Σ_walkers final displacement, per dimension. */
  displacementSum: Float64Array;
  /** Largest final squared displacement. */
  maxSquaredDistance: number;
}

export interface RandomWalkResult {
  walkers: number;
  steps: number;
  seed: number;
  start: number[];
  /** msd[t] for t = 0..steps. */
  msd: Float64Array;
  /** msd[steps] / (2·d·steps), the effective diffusion coefficient (1/(2d) if no move were ever rejected); 0 for 0 steps. */
  diffusion_coefficient: number;
  /** Fraction of walkers back at the start at some step 1..steps. */
  return_fraction: number;
  /** Mean first return time among walkers that returned; null when none did. */
  mean_return_time: number | null;
  mean_distinct_visited: number;
  final: { mean_displacement: number[]; rms_distance: number; max_distance: number };
}

export const MAX_WALKERS = 1_000_000;
export const MAX_WALK_STEPS = 1_000_000;

function intParam(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new EngineError('invalid_parameter', `${name} must be an integer in [${min}, ${max}]`, { [name]: value });
  }
  return value;
}

interface CheckedWalk {
  walkers: number;
  steps: number;
  seed: number;
  start: number[];
  startIndex: number;
}

function checkWalk(l: Lattice, params: RandomWalkParams, opts: RunOptions): CheckedWalk {
  if (params === null || typeof params !== 'object') throw new EngineError('invalid_parameter', 'random walk parameters required');
  const walkers = intParam(params.walkers, 'walkers', 1, MAX_WALKERS);
  const steps = intParam(params.steps, 'steps', 0, MAX_WALK_STEPS);
  const seed = intParam(params.seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const start = params.start ?? l.shape.map((n) => Math.floor(n / 2));
  const startIndex = indexOf(l, start, 'start');
  if (isBlocked(l, startIndex)) throw new EngineError('invalid_coordinates', 'start vertex is an obstacle', { start });
  // The walk keeps a visited set of at most steps + 1 vertices per walker, never the lattice.
  const budget = opts.maxMaterializedVertices;
  if (budget !== undefined && Math.min(l.vertexCount, steps + 1) > budget) {
    throw new EngineError('budget_exceeded', `random walk needs ${steps + 1} vertices in memory, budget is ${budget}`, {
      what: 'random walk',
      vertices: steps + 1,
      budget,
    });
  }
  return { walkers, steps, seed, start: start.slice(), startIndex };
}

/** Work and memory of `randomWalk`: O(walkers·steps·d) work, O(steps) memory. */
export function estimateRandomWalk(l: Lattice, params: Pick<RandomWalkParams, 'walkers' | 'steps'> & { threads?: number }): CostEstimate {
  const visited = Math.min(l.vertexCount, params.steps + 1);
  // Per part: the squared-displacement sums and the visited set (up to 4 slots of 12 bytes per visit).
  const parts = Math.max(1, Math.min(params.walkers, params.threads ?? 1));
  return {
    operation: 'random_walk',
    // A step draws a random number, tests the obstacle rule and the visited set: four of the kernel's tests.
    work: 4 * params.walkers * Math.max(1, params.steps) * (l.dimensions + 4),
    bytes: parts * (8 * (params.steps + 1) + 48 * visited) + 16 * (params.steps + 1) + l.vertexCount / 8,
    materializedVertices: visited,
    parallelizable: true,
  };
}

/**
 * Open-addressing set of vertex indices, reused across walkers: a slot holds
 * a vertex only when its stamp equals the current walker's generation, so
 * clearing between walkers is O(1).
 */
class VisitedSet {
  private readonly keys: Float64Array;
  private readonly stamps: Uint32Array;
  private readonly mask: number;
  private generation = 0;

  constructor(capacity: number) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.keys = new Float64Array(size);
    this.stamps = new Uint32Array(size);
    this.mask = size - 1;
  }

  reset(): void {
    this.generation++;
  }

  /** Adds v; returns true when it was not there yet. */
  add(v: number): boolean {
    let h = Math.imul((v >>> 0) ^ Math.imul(Math.floor(v / 4294967296), 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & this.mask;
    for (;;) {
      if (this.stamps[h] !== this.generation) {
        this.stamps[h] = this.generation;
        this.keys[h] = v;
        return true;
      }
      if (this.keys[h] === v) return false;
      h = (h + 1) & this.mask;
    }
  }
}

/** An accumulation of `walkers` walks with nothing summed yet. */
export function emptyWalkAccumulation(walkers: number, steps: number, dimensions: number): WalkAccumulation {
  return {
    walkers,
    squaredDisplacement: new Float64Array(steps + 1),
    returned: 0,
    returnTimeSum: 0,
    distinctSum: 0,
    displacementSum: new Float64Array(dimensions),
    maxSquaredDistance: 0,
  };
}

/** Runs walkers [from, to) of the walk and returns their integer sums; O((to−from)·steps·d). */
export function walkPartial(l: Lattice, params: RandomWalkParams, from: number, to: number, opts: RunOptions = {}): WalkAccumulation {
  const walk = checkWalk(l, params, opts);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to > walk.walkers || from > to) {
    throw new EngineError('invalid_parameter', `walker range must satisfy 0 ≤ from ≤ to ≤ ${walk.walkers}`, { from, to });
  }
  const { steps, startIndex } = walk;
  const d = l.dimensions;
  const periodic = l.boundary === 'periodic';
  const obstacles = hasObstacles(l);
  const acc = emptyWalkAccumulation(to - from, steps, d);
  const startCoords = coordsOf(l, startIndex);
  const c = new Int32Array(d);
  const disp = new Int32Array(d);
  const visited = new VisitedSet(Math.min(l.vertexCount, steps + 1));
  const sq = acc.squaredDisplacement;
  for (let w = from; w < to; w++) {
    if (((w - from) & 63) === 0) {
      throwIfAborted(opts.signal);
      opts.onProgress?.((w - from) / Math.max(1, to - from));
    }
    const prng = new Prng(splitmix64Hash(walk.seed, w));
    for (let k = 0; k < d; k++) c[k] = startCoords[k];
    disp.fill(0);
    visited.reset();
    visited.add(startIndex);
    let v = startIndex;
    let r2 = 0;
    let distinct = 1;
    let returnedAt = 0;
    for (let t = 1; t <= steps; t++) {
      const r = prng.nextInt(2 * d);
      const k = r >>> 1;
      const up = (r & 1) === 1;
      const n = l.shape[k];
      const s = l.strides[k];
      let next = -1;
      if (up) next = c[k] < n - 1 ? v + s : periodic ? v - (n - 1) * s : -1;
      else next = c[k] > 0 ? v - s : periodic ? v + (n - 1) * s : -1;
      if (next >= 0 && !(obstacles && isBlocked(l, next))) {
        v = next;
        c[k] = up ? (c[k] === n - 1 ? 0 : c[k] + 1) : c[k] === 0 ? n - 1 : c[k] - 1;
        // |x|² changes by 2·x_k·(±1) + 1 in the unwrapped displacement.
        r2 += up ? 2 * disp[k] + 1 : 1 - 2 * disp[k];
        disp[k] += up ? 1 : -1;
        if (visited.add(v)) distinct++;
      }
      if (returnedAt === 0 && v === startIndex) returnedAt = t;
      sq[t] += r2;
    }
    if (returnedAt > 0) {
      acc.returned++;
      acc.returnTimeSum += returnedAt;
    }
    acc.distinctSum += distinct;
    for (let k = 0; k < d; k++) acc.displacementSum[k] += disp[k];
    if (r2 > acc.maxSquaredDistance) acc.maxSquaredDistance = r2;
  }
  return acc;
}

/** Adds `from` into `into` (same walk parameters); O(steps). */
export function mergeWalks(into: WalkAccumulation, from: WalkAccumulation): void {
  into.walkers += from.walkers;
  for (let t = 0; t < into.squaredDisplacement.length; t++) into.squaredDisplacement[t] += from.squaredDisplacement[t];
  into.returned += from.returned;
  into.returnTimeSum += from.returnTimeSum;
  into.distinctSum += from.distinctSum;
  for (let k = 0; k < into.displacementSum.length; k++) into.displacementSum[k] += from.displacementSum[k];
  into.maxSquaredDistance = Math.max(into.maxSquaredDistance, from.maxSquaredDistance);
}

/** The walk's statistics from the merged sums of all its walkers; O(steps + d). */
export function finishWalk(l: Lattice, params: RandomWalkParams, acc: WalkAccumulation): RandomWalkResult {
  const walk = checkWalk(l, params, {});
  const W = acc.walkers;
  const msd = new Float64Array(acc.squaredDisplacement.length);
  for (let t = 0; t < msd.length; t++) msd[t] = acc.squaredDisplacement[t] / W;
  const T = walk.steps;
  return {
    walkers: W,
    steps: T,
    seed: walk.seed,
    start: walk.start,
    msd,
    diffusion_coefficient: T === 0 ? 0 : msd[T] / (2 * l.dimensions * T),
    return_fraction: acc.returned / W,
    mean_return_time: acc.returned === 0 ? null : acc.returnTimeSum / acc.returned,
    mean_distinct_visited: acc.distinctSum / W,
    final: {
      mean_displacement: Array.from(acc.displacementSum, (x) => x / W),
      rms_distance: Math.sqrt(msd[T]),
      max_distance: Math.sqrt(acc.maxSquaredDistance),
    },
  };
}

/** Seeded, reproducible random walk; O(walkers·steps·d) time, O(steps) memory. */
export function randomWalk(l: Lattice, params: RandomWalkParams, opts: RunOptions = {}): RandomWalkResult {
  const walk = checkWalk(l, params, opts);
  const acc = walkPartial(l, params, 0, walk.walkers, opts);
  opts.onProgress?.(1);
  return finishWalk(l, params, acc);
}
