import { mergeBrandes, type BrandesAccumulation } from '../brandes.js';
import { finishCentrality, planCentrality } from '../centrality.js';
import type { RunOptions } from '../cost.js';
import { fieldStats, type DiffusionParams, type DiffusionResult, type FieldStats } from '../diffusion.js';
import type { DistanceFieldResult } from '../distances.js';
import { EngineError } from '../errors.js';
import { hasObstacles, indexOf, isBlocked, obstacleBitset, type Lattice } from '../lattice.js';
import type { OperationName, OperationParams, OperationResults } from '../operations.js';
import { finishWalk, mergeWalks, walkPartial, type RandomWalkParams, type WalkAccumulation } from '../random-walk.js';
import { startDiffusion } from './diffusion-start.js';
import { poolThreads, runGang, runTasks } from './pool.js';
import type { LatticeWire, PoolTask } from './pool-protocol.js';

/*
 * How each parallel operation is split over the pool and put back together:
 * - distances (BFS with obstacles, several sources): sources split into
 *   groups, per-vertex minimum of the fields;
 * - centrality: Brandes sources split, accumulations added (betweenness sums
 *   of fractions may differ from one thread in the last bits: addition order);
 * - random walks: walkers split, integer sums added — identical bit for bit;
 * - diffusion: the vertex range split into slabs that step together through
 *   a barrier on shared buffers — identical bit for bit.
 */

function wire(l: Lattice): LatticeWire {
  return { shape: l.shape.slice(), boundary: l.boundary, obstacles: l.obstacleSpec };
}

/** [from, to) ranges splitting `count` items into at most `parts` nearly equal pieces. */
function ranges(count: number, parts: number): Array<[number, number]> {
  const n = Math.max(1, Math.min(parts, count));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) out.push([Math.floor((i * count) / n), Math.floor(((i + 1) * count) / n)]);
  return out;
}

/** Why the pool has no implementation for this run, or null when it has one. O(1). */
export function poolLimitation(op: OperationName, l: Lattice, params: unknown): string | null {
  const p = params as Record<string, unknown>;
  switch (op) {
    case 'distances':
      // Without obstacles the field has a closed form or a separable transform; only the BFS splits.
      if (!hasObstacles(l)) return 'obstacle-free distance fields are computed without a search, nothing to split';
      return Array.isArray(p?.sources) && p.sources.length >= 2 ? null : 'a single-source distance field does not split';
    case 'centrality':
      return p?.measure === 'closeness' || p?.measure === 'betweenness' ? null : 'degree centrality does not split';
    case 'random-walk':
      return typeof p?.walkers === 'number' && p.walkers >= 2 ? null : 'a single walker does not split';
    case 'diffusion':
      return null;
    default:
      return `${op} has no worker-pool implementation`;
  }
}

async function poolDistances(l: Lattice, p: OperationParams['distances'], opts: RunOptions): Promise<DistanceFieldResult> {
  // Checked here, with the caller's numbering, before any work is split.
  const indices = p.sources.map((coords, k) => {
    const index = indexOf(l, coords, `source ${k}`);
    if (isBlocked(l, index)) {
      throw new EngineError('invalid_coordinates', 'source vertex is an obstacle', { source: k, coordinates: coords });
    }
    return index;
  });
  const tasks: PoolTask[] = ranges(p.sources.length, poolThreads()).map(([from, to]) => ({
    kind: 'distances',
    lattice: wire(l),
    sources: p.sources.slice(from, to),
    maxDistance: p.maxDistance,
    budget: opts.maxMaterializedVertices,
  }));
  const fields = await runTasks<Int32Array>(tasks, opts);
  const dist = fields[0];
  for (let f = 1; f < fields.length; f++) {
    const other = fields[f];
    for (let i = 0; i < dist.length; i++) {
      const o = other[i];
      if (o >= 0 && (dist[i] < 0 || o < dist[i])) dist[i] = o;
    }
  }
  const blocked = obstacleBitset(l, opts.maxMaterializedVertices)?.count() ?? 0;
  const histogram: number[] = [];
  let reached = 0;
  let sum = 0;
  for (let i = 0; i < dist.length; i++) {
    const h = dist[i];
    if (h < 0) continue;
    while (histogram.length <= h) histogram.push(0);
    histogram[h]++;
    reached++;
    sum += h;
  }
  opts.onProgress?.(1);
  return {
    distances: dist,
    sources: indices,
    reached,
    unreached: l.vertexCount - blocked - reached,
    blocked,
    max_distance: histogram.length - 1,
    mean_distance: sum / reached,
    histogram,
    // With obstacles and several sources the per-source eccentricities are not known, as on the CPU.
    eccentricity: null,
    method: 'bfs',
  };
}

async function poolCentrality(l: Lattice, p: OperationParams['centrality'], opts: RunOptions): Promise<OperationResults['centrality']> {
  const { measure, ...rest } = p;
  const plan = planCentrality(l, measure as 'closeness' | 'betweenness', rest, opts);
  const tasks: PoolTask[] = ranges(plan.sources.length, poolThreads()).map(([from, to]) => ({
    kind: 'brandes',
    lattice: wire(l),
    sources: plan.sources.slice(from, to),
    weights: plan.weights === null ? null : plan.weights.slice(from, to),
    mode: plan.mode,
    budget: opts.maxMaterializedVertices,
  }));
  const parts = await runTasks<BrandesAccumulation>(tasks, opts);
  for (let i = 1; i < parts.length; i++) mergeBrandes(parts[0], parts[i]);
  return finishCentrality(l, plan, parts[0]);
}

async function poolRandomWalk(l: Lattice, p: RandomWalkParams, opts: RunOptions): Promise<OperationResults['random-walk']> {
  // An empty range validates the parameters in this thread, so errors are the CPU path's.
  walkPartial(l, p, 0, 0, opts);
  const tasks: PoolTask[] = ranges(p.walkers, poolThreads()).map(([from, to]) => ({
    kind: 'walk',
    lattice: wire(l),
    params: p,
    from,
    to,
    budget: opts.maxMaterializedVertices,
  }));
  const parts = await runTasks<WalkAccumulation>(tasks, opts);
  for (let i = 1; i < parts.length; i++) mergeWalks(parts[0], parts[i]);
  return finishWalk(l, p, parts[0]);
}

async function poolDiffusion(l: Lattice, p: DiffusionParams, opts: RunOptions): Promise<DiffusionResult> {
  const start = startDiffusion(l, p, opts);
  const steps = p.steps;
  const every = p.snapshotEvery ?? 0;
  const V = l.vertexCount;
  const a = new Float64Array(new SharedArrayBuffer(8 * V));
  a.set(start.field);
  const buffers: [SharedArrayBuffer, SharedArrayBuffer] = [a.buffer as SharedArrayBuffer, new SharedArrayBuffer(8 * V)];
  const control = new Int32Array(new SharedArrayBuffer(12));
  const snapshotCount = every > 0 ? Math.ceil(steps / every) : 0;
  const stats = new Float64Array(new SharedArrayBuffer(Math.max(8, 32 * snapshotCount)));
  const slabs = ranges(V, poolThreads());
  const tasks: PoolTask[] = slabs.map(([from, to], part) => ({
    kind: 'diffusion-slab',
    lattice: wire(l),
    budget: opts.maxMaterializedVertices,
    buffers,
    control: control.buffer as SharedArrayBuffer,
    stats: stats.buffer as SharedArrayBuffer,
    coefficient: p.dt * p.diffusivity,
    steps,
    snapshotEvery: every,
    from,
    to,
    part,
    parts: slabs.length,
  }));
  await runGang<null>(tasks, control, opts);
  const snapshots: DiffusionResult['snapshots'] = [];
  for (let i = 0; i < snapshotCount; i++) {
    const s: FieldStats = { min: stats[4 * i], max: stats[4 * i + 1], mean: stats[4 * i + 2], mass: stats[4 * i + 3] };
    snapshots.push({ step: Math.min(steps, (i + 1) * every), ...s });
  }
  // A plain copy: callers should not get a buffer shared with threads.
  const field = new Float64Array(buffers[steps % 2]).slice();
  const blocked = obstacleBitset(l, opts.maxMaterializedVertices)?.words ?? null;
  return { ...start, steps, snapshots, final: fieldStats(field, blocked), field };
}

/** Runs a poolable operation on the worker pool; callers check poolLimitation first. */
export async function runOnPool<K extends OperationName>(
  op: K,
  l: Lattice,
  params: OperationParams[K],
  opts: RunOptions,
): Promise<OperationResults[K]> {
  type R = OperationResults[K];
  switch (op) {
    case 'distances':
      return (await poolDistances(l, params as OperationParams['distances'], opts)) as R;
    case 'centrality':
      return (await poolCentrality(l, params as OperationParams['centrality'], opts)) as R;
    case 'random-walk':
      return (await poolRandomWalk(l, params as RandomWalkParams, opts)) as R;
    case 'diffusion':
      return (await poolDiffusion(l, params as DiffusionParams, opts)) as R;
    default:
      throw new EngineError('invalid_parameter', `${op} has no worker-pool implementation`);
  }
}
