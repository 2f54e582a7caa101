import type { CostEstimate, RunOptions } from './cost.js';
import { EngineError } from './errors.js';
import { allocateBfs, bfsSweep, UNVISITED, type BfsArrays } from './grid-bfs.js';
import { hasObstacles, type Lattice } from './lattice.js';

export const DEFAULT_MAX_SIZES = 1000;

export interface ComponentsOptions extends RunOptions {
  /** Most component sizes listed (default 1000); count and largest are always exact. */
  maxSizes?: number;
}

export interface ComponentsResult {
  /** Connected components of the free vertices (0 when every vertex is an obstacle). */
  count: number;
  /** Component sizes, largest first, at most maxSizes of them. */
  sizes: number[];
  sizes_truncated: boolean;
  largest: number;
  /** Components of a single vertex. */
  isolated: number;
  obstacle_count: number;
  free_vertices: number;
  method: 'closed_form' | 'bfs';
}

/** Labels components by repeated BFS; leaves each vertex's level from its component root in dist. */
export interface ComponentSweep {
  arrays: BfsArrays;
  sizes: number[];
  /** First vertex (in index order) of each component, aligned with sizes. */
  roots: number[];
}

/** Runs BFS from every not yet reached free vertex in index order; O(V·d), 8 bytes per vertex. */
export function sweepComponents(l: Lattice, opts: RunOptions, what: string): ComponentSweep {
  const arrays = allocateBfs(l, opts, what);
  const { dist, queue } = arrays;
  const sizes: number[] = [];
  const roots: number[] = [];
  let tail = 0;
  for (let v = 0; v < dist.length; v++) {
    if (dist[v] !== UNVISITED) continue;
    dist[v] = 0;
    queue[tail] = v;
    const end = bfsSweep(l, dist, queue, tail, tail + 1, Infinity, progressFrom(opts, tail, dist.length));
    sizes.push(end - tail);
    roots.push(v);
    tail = end;
  }
  return { arrays, sizes, roots };
}

/** Progress across repeated sweeps is the share of vertices already labelled. */
function progressFrom(opts: RunOptions, done: number, total: number): RunOptions {
  const { onProgress } = opts;
  if (onProgress === undefined) return opts;
  return { ...opts, onProgress: (f) => onProgress(Math.min(1, done / total + f)) };
}

function checkMaxSizes(maxSizes: unknown): number {
  if (maxSizes === undefined) return DEFAULT_MAX_SIZES;
  if (typeof maxSizes !== 'number' || !Number.isInteger(maxSizes) || maxSizes < 0) {
    throw new EngineError('invalid_parameter', 'maxSizes must be a non-negative integer', { maxSizes });
  }
  return maxSizes;
}

/** Connected components of the free vertices: O(1) without obstacles, else BFS labelling O(V·d). */
export function connectedComponents(l: Lattice, opts: ComponentsOptions = {}): ComponentsResult {
  const maxSizes = checkMaxSizes(opts.maxSizes);
  if (!hasObstacles(l)) {
    const V = l.vertexCount;
    return {
      count: 1,
      sizes: maxSizes > 0 ? [V] : [],
      sizes_truncated: maxSizes === 0,
      largest: V,
      isolated: 0,
      obstacle_count: 0,
      free_vertices: V,
      method: 'closed_form',
    };
  }
  const { arrays, sizes } = sweepComponents(l, opts, 'connected components');
  sizes.sort((a, b) => b - a);
  let isolated = 0;
  for (let j = sizes.length - 1; j >= 0 && sizes[j] === 1; j--) isolated++;
  opts.onProgress?.(1);
  return {
    count: sizes.length,
    sizes: sizes.slice(0, maxSizes),
    sizes_truncated: sizes.length > maxSizes,
    largest: sizes.length > 0 ? sizes[0] : 0,
    isolated,
    obstacle_count: arrays.blocked,
    free_vertices: l.vertexCount - arrays.blocked,
    method: 'bfs',
  };
}

/** Cost of connectedComponents: nothing without obstacles, else 8 bytes and O(d) steps per vertex. */
export function estimateConnectedComponents(l: Lattice): CostEstimate {
  if (!hasObstacles(l)) {
    return { operation: 'components', work: 1, bytes: 0, materializedVertices: 0, parallelizable: false };
  }
  return {
    operation: 'components',
    work: l.vertexCount * (2 * l.dimensions + 1),
    // dist + queue, the obstacle bitset (V/8 bytes), and a size and root per component (at most V/2 of them).
    bytes: 8.125 * l.vertexCount + 16 * Math.ceil(l.vertexCount / 2),
    materializedVertices: l.vertexCount,
    parallelizable: false,
  };
}
