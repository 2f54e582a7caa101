import type { CostEstimate, RunOptions } from './cost.js';
import { EngineError } from './errors.js';
import { coordsOf, hasObstacles, indexOf, isBlocked, type Lattice } from './lattice.js';
import { astarSearch, bfsSearch, bidirectionalSearch, dijkstraSearch, freeDistance, type SearchOutcome } from './path-search.js';
import { searchCapacity, usesDenseState } from './search-state.js';

export type PathAlgorithm = 'auto' | 'closed_form' | 'bfs' | 'bidirectional' | 'astar' | 'dijkstra';
export const PATH_ALGORITHMS: readonly PathAlgorithm[] = ['auto', 'closed_form', 'bfs', 'bidirectional', 'astar', 'dijkstra'];

/** Returned paths are cut to this many vertices unless maxPathLength says otherwise. */
export const DEFAULT_MAX_PATH_LENGTH = 1_000_000;

export interface PathOptions extends RunOptions {
  /** Most vertices returned in `path`; longer paths come back as their first maxPathLength vertices. */
  maxPathLength?: number;
}

export interface PathResult {
  /** Coordinates from start to end, null when unreachable; see path_truncated. */
  path: number[][] | null;
  reachable: boolean;
  /** Hops, or for Dijkstra the summed entry costs; null when unreachable. */
  distance: number | null;
  /** Edges on the full path (also when `path` is truncated); null when unreachable. */
  hops: number | null;
  /** The algorithm that actually ran. */
  algorithm: Exclude<PathAlgorithm, 'auto'>;
  /** Vertices the search labelled; 0 for the closed form. */
  visited: number;
  /** True when `path` holds only the first maxPathLength vertices of a longer path. */
  path_truncated: boolean;
}

interface Endpoints {
  start: number;
  end: number;
  algorithm: Exclude<PathAlgorithm, 'auto'>;
  maxPathLength: number;
}

function resolve(
  l: Lattice,
  start: readonly number[],
  end: readonly number[],
  algorithm: PathAlgorithm,
  maxPathLength: unknown,
): Endpoints {
  if (!PATH_ALGORITHMS.includes(algorithm)) {
    throw new EngineError('invalid_parameter', `algorithm must be one of ${PATH_ALGORITHMS.join(', ')}`, { algorithm });
  }
  const limit = maxPathLength ?? DEFAULT_MAX_PATH_LENGTH;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
    throw new EngineError('invalid_parameter', 'maxPathLength must be a positive integer', { maxPathLength });
  }
  const s = indexOf(l, start, 'start');
  const e = indexOf(l, end, 'end');
  if (isBlocked(l, s)) throw new EngineError('invalid_coordinates', 'start vertex is an obstacle', { start });
  if (isBlocked(l, e)) throw new EngineError('invalid_coordinates', 'end vertex is an obstacle', { end });
  const obstacles = hasObstacles(l);
  if (algorithm === 'closed_form' && obstacles) {
    throw new EngineError('invalid_parameter', 'the closed form applies only to lattices without obstacles');
  }
  // With obstacles A* wins: its goal-directed search visits a thin corridor
  // where (bidirectional) BFS fills balls whose volume grows like r^d.
  const chosen = algorithm === 'auto' ? (obstacles ? 'astar' : 'closed_form') : algorithm;
  return { start: s, end: e, algorithm: chosen, maxPathLength: limit };
}

/**
 * Staircase path on an obstacle-free lattice: dimension by dimension, the
 * short way round on periodic sides (forward on a tie). O(d + returned path·d).
 */
function closedFormPath(l: Lattice, start: readonly number[], end: readonly number[], maxPathLength: number): PathResult {
  const d = l.dimensions;
  const steps = new Array<number>(d);
  let hops = 0;
  for (let k = 0; k < d; k++) {
    const n = l.shape[k];
    let delta = end[k] - start[k];
    if (l.boundary === 'periodic') {
      const forward = (delta + n) % n;
      delta = forward <= n - forward ? forward : forward - n;
    }
    steps[k] = delta;
    hops += Math.abs(delta);
  }
  const length = Math.min(hops + 1, maxPathLength);
  const path = new Array<number[]>(length);
  let current = start.slice();
  path[0] = current;
  let filled = 1;
  for (let k = 0; k < d && filled < length; k++) {
    const n = l.shape[k];
    const sign = Math.sign(steps[k]);
    for (let j = Math.abs(steps[k]); j > 0 && filled < length; j--) {
      current = current.slice();
      current[k] = (current[k] + sign + n) % n;
      path[filled++] = current;
    }
  }
  return {
    path,
    reachable: true,
    distance: hops,
    hops,
    algorithm: 'closed_form',
    visited: 0,
    path_truncated: hops + 1 > maxPathLength,
  };
}

function fromSearch(l: Lattice, outcome: SearchOutcome, algorithm: PathResult['algorithm'], maxPathLength: number): PathResult {
  const { chain } = outcome;
  if (chain === null) {
    return { path: null, reachable: false, distance: null, hops: null, algorithm, visited: outcome.visited, path_truncated: false };
  }
  const kept = chain.length > maxPathLength ? chain.slice(0, maxPathLength) : chain;
  return {
    path: kept.map((v) => coordsOf(l, v)),
    reachable: true,
    distance: outcome.distance,
    hops: chain.length - 1,
    algorithm,
    visited: outcome.visited,
    path_truncated: kept.length < chain.length,
  };
}

/**
 * Shortest path between two vertices. Closed form O(d + path) without
 * obstacles; otherwise a search, O(V·d) (BFS, bidirectional) or
 * O(V·d·log V) (A*, Dijkstra) in the worst case. Only Dijkstra reads the
 * value field, as the cost of entering each vertex.
 */
export function findPath(
  l: Lattice,
  start: readonly number[],
  end: readonly number[],
  algorithm: PathAlgorithm = 'auto',
  opts: PathOptions = {},
): PathResult {
  const r = resolve(l, start, end, algorithm, opts.maxPathLength);
  switch (r.algorithm) {
    case 'closed_form':
      return closedFormPath(l, start, end, r.maxPathLength);
    case 'bfs':
      return fromSearch(l, bfsSearch(l, r.start, r.end, opts), 'bfs', r.maxPathLength);
    case 'bidirectional':
      return fromSearch(l, bidirectionalSearch(l, r.start, r.end, opts), 'bidirectional', r.maxPathLength);
    case 'astar':
      return fromSearch(l, astarSearch(l, r.start, r.end, opts), 'astar', r.maxPathLength);
    case 'dijkstra':
      return fromSearch(l, dijkstraSearch(l, r.start, r.end, l.field, opts), 'dijkstra', r.maxPathLength);
  }
}

/**
 * Work of one labelled vertex's neighbour tests, by search and state, in
 * units of the BFS kernel's neighbour test (measured, rounded up): the
 * kernel itself; bidirectional BFS's frontier arrays; A* and Dijkstra per
 * heap level; any search whose state is a Map.
 */
const VISIT_WEIGHT = { kernel: 2, bidirectional: 6, heapLevel: 1, mapped: 64, mappedHeapLevel: 4 } as const;
/** Bytes per vertex a Map-backed search holds (the entry, its key as a heap number, frontier slots, rehash). */
const MAPPED_BYTES = 96;
/** Bytes per heap entry (three Float64 slots) and entries per labelled vertex, growth included. */
const HEAP_BYTES = 24 * 4;

/**
 * Cost of findPath: the closed form is exact (path output only); searches are
 * bounded by the vertices they may label (all of them, in the worst case),
 * which on large lattices is the budget.
 */
export function estimateFindPath(
  l: Lattice,
  params: {
    start: readonly number[];
    end: readonly number[];
    algorithm?: PathAlgorithm;
    maxPathLength?: number;
    maxMaterializedVertices?: number;
  },
): CostEstimate {
  const budget = params.maxMaterializedVertices;
  const r = resolve(l, params.start, params.end, params.algorithm ?? 'auto', params.maxPathLength);
  const d = l.dimensions;
  if (r.algorithm === 'closed_form') {
    const vertices = Math.min(freeDistance(l, r.start, r.end) + 1, r.maxPathLength);
    return { operation: 'path', work: d + vertices * d, bytes: vertices * (16 + 8 * d), materializedVertices: 0, parallelizable: false };
  }
  const reach = searchCapacity(l, budget);
  const dense = usesDenseState(l, budget);
  const heaped = r.algorithm === 'astar' || r.algorithm === 'dijkstra';
  const levels = Math.log2(reach + 1);
  let weight: number;
  if (heaped) weight = levels * (dense ? VISIT_WEIGHT.heapLevel : VISIT_WEIGHT.mappedHeapLevel);
  else if (!dense) weight = VISIT_WEIGHT.mapped;
  else weight = r.algorithm === 'bfs' ? VISIT_WEIGHT.kernel : VISIT_WEIGHT.bidirectional;
  // Dense: the kernel's dist and queue (or the stores, two for Dijkstra) and frontier arrays of up to V numbers.
  const denseBytes = 8 * l.vertexCount + 16 * l.vertexCount + Math.ceil(l.vertexCount / 8);
  const path = Math.min(reach, r.maxPathLength) * (16 + 8 * d);
  return {
    operation: 'path',
    work: reach * 2 * d * weight,
    bytes: (dense ? denseBytes : reach * MAPPED_BYTES) + (heaped ? reach * HEAP_BYTES : 0) + path,
    materializedVertices: dense ? l.vertexCount : reach,
    parallelizable: false,
  };
}
