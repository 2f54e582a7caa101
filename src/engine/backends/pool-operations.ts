import { mergeBrandes, type BrandesAccumulation } from '../brandes.js';
import { finishCentrality, planCentrality } from '../centrality.js';
import type { RunOptions } from '../cost.js';
import { fieldStats, type DiffusionParams, type DiffusionResult, type FieldStats } from '../diffusion.js';
import type { DistanceFieldResult } from '../distances.js';
import { EngineError } from '../errors.js';
import { hasObstacles, indexOf, isBlocked, obstacleBitset, type Lattice } from '../lattice.js';
import { mutatesLattice, readsField, type OperationName, type OperationParams, type OperationResults } from '../operations.js';
import { finishWalk, mergeWalks, walkPartial, type RandomWalkParams, type WalkAccumulation } from '../random-walk.js';
import { startDiffusion } from './diffusion-start.js';
import type { WorkerPool } from './pool.js';
import type { LatticeWire, OperationReply, PoolTask } from './pool-protocol.js';

/*
 * Every operation can run on the pool. Those that split do so as below; the
 * others run whole in one worker (an OperationTask) with the in-thread
 * backend's code, so the answer is the same bit for bit and the caller's
 * thread stays free. How each parallel operation is split and put back together:
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

/** Why the pool cannot run this operation, or null when it can. O(1). */
export function poolLimitation(op: OperationName, params: unknown): string | null {
  if (op === 'distances' && (params as OperationParams['distances'] | null)?.catalytic === true) {
    return "catalytic mode borrows the lattice's own field in place, which only the calling thread can do";
  }
  return null;
}

/** How the pool runs it: split over its threads, or whole in one worker. O(1). */
export function poolSplits(op: OperationName, l: Lattice, params: unknown): boolean {
  const p = params as Record<string, unknown>;
  switch (op) {
    case 'distances':
      // Without obstacles the field has a closed form or a separable transform; only a multi-source BFS splits.
      return hasObstacles(l) && Array.isArray(p?.sources) && p.sources.length >= 2;
    case 'centrality':
      return p?.measure === 'closeness' || p?.measure === 'betweenness';
    case 'random-walk':
      return typeof p?.walkers === 'number' && p.walkers >= 2;
    case 'diffusion':
      return true;
    default:
      return false;
  }
}

/**
 * The whole operation in one worker. The field goes as a copy (the caller's
 * stays untouched and readable meanwhile); an operation that changes it
 * hands the changed copy back, which replaces the caller's only on success,
 * so a stopped run leaves the lattice as it was.
 */
async function poolWhole(pool: WorkerPool, op: OperationName, l: Lattice, params: unknown, opts: RunOptions): Promise<unknown> {
  const mutates = mutatesLattice(op);
  const field = l.field !== null && (mutates || readsField(op, params)) ? l.field.slice() : null;
  const task: PoolTask = {
    kind: 'operation',
    op,
    lattice: wire(l),
    params,
    field,
    returnField: mutates,
    budget: opts.maxMaterializedVertices,
  };
  const [reply] = await pool.runTasks<OperationReply>([{ task, transfer: field === null ? [] : [field.buffer as ArrayBuffer] }], opts);
  if (mutates) l.field = reply.field;
  return reply.result;
}

async function poolDistances(
  pool: WorkerPool,
  l: Lattice,
  p: OperationParams['distances'],
  opts: RunOptions,
): Promise<DistanceFieldResult> {
  // Checked here, with the caller's numbering, before any work is split.
  const indices = p.sources.map((coords, k) => {
    const index = indexOf(l, coords, `source ${k}`);
    if (isBlocked(l, index)) {
      throw new EngineError('invalid_coordinates', 'source vertex is an obstacle', { source: k, coordinates: coords });
    }
    return index;
  });
  const tasks: PoolTask[] = ranges(p.sources.length, pool.threads).map(([from, to]) => ({
    kind: 'distances',
    lattice: wire(l),
    sources: p.sources.slice(from, to),
    maxDistance: p.maxDistance,
    budget: opts.maxMaterializedVertices,
  }));
  const fields = await pool.runTasks<Int32Array>(
    tasks.map((task) => ({ task })),
    opts,
  );
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

async function poolCentrality(
  pool: WorkerPool,
  l: Lattice,
  p: OperationParams['centrality'],
  opts: RunOptions,
): Promise<OperationResults['centrality']> {
  const { measure, ...rest } = p;
  const plan = planCentrality(l, measure as 'closeness' | 'betweenness', rest, opts);
  const tasks: PoolTask[] = ranges(plan.sources.length, pool.threads).map(([from, to]) => ({
    kind: 'brandes',
    lattice: wire(l),
    sources: plan.sources.slice(from, to),
    weights: plan.weights === null ? null : plan.weights.slice(from, to),
    mode: plan.mode,
    budget: opts.maxMaterializedVertices,
  }));
  const parts = await pool.runTasks<BrandesAccumulation>(
    tasks.map((task) => ({ task })),
    opts,
  );
  for (let i = 1; i < parts.length; i++) mergeBrandes(parts[0], parts[i]);
  return finishCentrality(l, plan, parts[0]);
}

async function poolRandomWalk(
  pool: WorkerPool,
  l: Lattice,
  p: RandomWalkParams,
  opts: RunOptions,
): Promise<OperationResults['random-walk']> {
  // An empty range validates the parameters in this thread, so errors are the CPU path's.
  walkPartial(l, p, 0, 0, opts);
  const tasks: PoolTask[] = ranges(p.walkers, pool.threads).map(([from, to]) => ({
    kind: 'walk',
    lattice: wire(l),
    params: p,
    from,
    to,
    budget: opts.maxMaterializedVertices,
  }));
  const parts = await pool.runTasks<WalkAccumulation>(
    tasks.map((task) => ({ task })),
    opts,
  );
  for (let i = 1; i < parts.length; i++) mergeWalks(parts[0], parts[i]);
  return finishWalk(l, p, parts[0]);
}

async function poolDiffusion(pool: WorkerPool, l: Lattice, p: DiffusionParams, opts: RunOptions): Promise<DiffusionResult> {
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
  const slabs = ranges(V, pool.threads);
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
  await pool.runGang<null>(tasks, control, opts);
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

/** Runs an operation on the worker pool, split when it splits; callers check poolLimitation first. */
export async function runOnPool<K extends OperationName>(
  pool: WorkerPool,
  op: K,
  l: Lattice,
  params: OperationParams[K],
  opts: RunOptions,
): Promise<OperationResults[K]> {
  type R = OperationResults[K];
  if (!poolSplits(op, l, params)) return (await poolWhole(pool, op, l, params, opts)) as R;
  switch (op) {
    case 'distances':
      return (await poolDistances(pool, l, params as OperationParams['distances'], opts)) as R;
    case 'centrality':
      return (await poolCentrality(pool, l, params as OperationParams['centrality'], opts)) as R;
    case 'random-walk':
      return (await poolRandomWalk(pool, l, params as RandomWalkParams, opts)) as R;
    default:
      return (await poolDiffusion(pool, l, params as DiffusionParams, opts)) as R;
  }
}
