import { throwIfAborted, type CostEstimate, type RunOptions } from './cost.js';
import { EngineError } from './errors.js';
import { axesFrom, freeHistogram } from './axis-distances.js';
import type { Bitset } from './bitset.js';
import { separableDistances, singleSourceDistances, TRANSFORM_FAR } from './distance-transform.js';
import { allocateBfs, bfsSweep } from './grid-bfs.js';
import { assertMaterializable, hasObstacles, indexOf, isBlocked, obstacleBitset, type Lattice } from './lattice.js';
import { planShadow, shadowDistanceField } from './shadow-distances.js';

export interface DistanceFieldOptions extends RunOptions {
  /** Stop expanding past this many hops; farther vertices read −1. */
  maxDistance?: number;
}

/** Minimum, maximum and mean over the sources' eccentricities. */
export interface EccentricityStats {
  min: number;
  max: number;
  mean: number;
}

export interface DistanceFieldResult {
  /** Hops to the nearest source per vertex; −1 for obstacles and unreached vertices. */
  distances: Int32Array;
  /** Source vertex indices, in the order given. */
  sources: number[];
  /** Vertices with a distance (sources included). */
  reached: number;
  /** Free vertices without a distance: other components, or beyond maxDistance. */
  unreached: number;
  /** Obstacle vertices. */
  blocked: number;
  /** Largest distance in the field. */
  max_distance: number;
  /** Mean distance over reached vertices. */
  mean_distance: number;
  /** histogram[h] = number of vertices at distance h. */
  histogram: number[];
  /**
   * Statistics of each source's own eccentricity (its largest distance to a
   * vertex of its component). Closed form without obstacles; with obstacles
   * only known for a single source whose search maxDistance did not cut, else null.
   */
  eccentricity: EccentricityStats | null;
  /**
   * Without obstacles closed_form (one source) or separable_transform
   * (several); with them bfs; catalytic_bfs in catalytic mode. All give the BFS answer.
   */
  method: 'closed_form' | 'separable_transform' | 'bfs' | 'catalytic_bfs';
  /** Catalytic mode only: the work tape it borrowed and the proof that it was handed back. */
  catalytic?: CatalyticTapeReport;
}

/** What a catalytic distance field reports about the tape it borrowed (snake_case: it goes to API clients). */
export interface CatalyticTapeReport {
  /** Bytes of the borrowed tape (the lattice's value field), and of it the bytes the queue used. */
  tape_bytes: number;
  tape_bytes_used: number;
  /** Clean (freshly allocated) bytes the run used: the distances it returns and its histogram. */
  clean_bytes: number;
  /** Clean bytes a queue BFS needs for the same answer: distances, a queue of V, the obstacle bitset, the histogram. */
  normal_clean_bytes: number;
  /** Checksums of the tape's bytes before and after the run, and their comparison. */
  checksum_before: string;
  checksum_after: string;
  restored: boolean;
}

function sourceIndices(l: Lattice, sources: unknown): number[] {
  if (!Array.isArray(sources) || sources.length === 0) {
    throw new EngineError('invalid_parameter', 'sources must be a non-empty list of coordinates');
  }
  return sources.map((coords: number[], k) => {
    const index = indexOf(l, coords, `source ${k}`);
    if (isBlocked(l, index)) {
      throw new EngineError('invalid_coordinates', 'source vertex is an obstacle', { source: k, coordinates: coords });
    }
    return index;
  });
}

export function checkMaxDistance(maxDistance: unknown): number {
  if (maxDistance === undefined) return Infinity;
  if (typeof maxDistance !== 'number' || !Number.isInteger(maxDistance) || maxDistance < 0) {
    throw new EngineError('invalid_parameter', 'maxDistance must be a non-negative integer', { maxDistance });
  }
  return maxDistance;
}

/** Eccentricity of a vertex in the obstacle-free lattice: the farthest corner per dimension; O(d). */
export function freeEccentricity(l: Lattice, coords: readonly number[]): number {
  let e = 0;
  for (let k = 0; k < l.dimensions; k++) {
    const n = l.shape[k];
    e += l.boundary === 'periodic' ? Math.floor(n / 2) : Math.max(coords[k], n - 1 - coords[k]);
  }
  return e;
}

/**
 * Cost of distanceField: O(V·d) work; 4 bytes per vertex without obstacles
 * (plus a block table of at most 256 KiB), 8 with them (the queue BFS's two
 * arrays, or the shadow method's field and shadow list) plus the obstacle
 * bitset, V/8 bytes. Several sources with obstacles split over the pool:
 * each of up to `threads` parts holds a whole BFS.
 */
export function estimateDistanceField(l: Lattice, sources = 1, threads = 1): CostEstimate {
  const obstacles = hasObstacles(l);
  const V = l.vertexCount;
  const parts = obstacles && sources > 1 ? Math.max(1, Math.min(sources, threads)) : 1;
  return {
    operation: 'distances',
    work: V * (2 * l.dimensions + 1),
    bytes: obstacles ? parts * 8.125 * V + (parts > 1 ? 4 * V : 0) : 4 * V + 2 ** 18,
    materializedVertices: V,
    parallelizable: false,
  };
}

/**
 * Multi-source hop-distance field; O(V·d) time, at most 8 bytes per vertex.
 * Obstacle-free lattices are written in closed form (one source) or by the
 * separable transform (several), 4 bytes per vertex; others use a queue BFS.
 */
export function distanceField(l: Lattice, sources: number[][], opts: DistanceFieldOptions = {}): DistanceFieldResult {
  const maxDistance = checkMaxDistance(opts.maxDistance);
  const indices = sourceIndices(l, sources);
  throwIfAborted(opts.signal);
  const single = new Set(indices).size === 1;
  let dist: Int32Array;
  let summary: Summary;
  let blocked = 0;
  if (hasObstacles(l)) {
    assertMaterializable(l, opts.maxMaterializedVertices, 'distance field');
    const bits = obstacleBitset(l, opts.maxMaterializedVertices) as Bitset;
    blocked = bits.count();
    const plan = single ? planShadow(l, sources[0], bits) : null;
    if (plan !== null) {
      const field = shadowDistanceField(l, plan, bits, maxDistance, opts);
      dist = field.dist;
      summary =
        maxDistance === Infinity && field.exactSum
          ? fromCounts(field.counts, field.sum, field.reached)
          : summarise(dist, field.counts.length, maxDistance);
    } else {
      const arrays = allocateBfs(l, opts, 'distance field');
      dist = arrays.dist;
      let tail = 0;
      for (const s of indices) {
        if (dist[s] === 0) continue;
        dist[s] = 0;
        arrays.queue[tail++] = s;
      }
      tail = bfsSweep(l, dist, arrays.queue, 0, tail, maxDistance, opts);
      // The queue holds reached vertices in nondecreasing distance order.
      summary = summarise(dist, dist[arrays.queue[tail - 1]], maxDistance);
    }
  } else {
    assertMaterializable(l, opts.maxMaterializedVertices, 'distance field');
    if (single) {
      dist = new Int32Array(l.vertexCount);
      singleSourceDistances(l, sources[0], dist);
      const free = freeHistogram(axesFrom(l, sources[0]));
      // The histogram follows from the axes alone; only a cut at maxDistance needs a pass over the field.
      summary =
        maxDistance === Infinity && Number.isSafeInteger(free.sum)
          ? fromCounts(free.counts, free.sum, l.vertexCount)
          : summarise(dist, free.counts.length, maxDistance);
    } else {
      dist = new Int32Array(l.vertexCount).fill(TRANSFORM_FAR);
      for (const s of indices) dist[s] = 0;
      separableDistances(l, dist, opts);
      let far = 0;
      for (const c of sources) far = Math.max(far, freeEccentricity(l, c));
      summary = summarise(dist, Math.min(far, maxDistance), maxDistance);
    }
  }
  opts.onProgress?.(1);
  const method = hasObstacles(l) ? 'bfs' : single ? 'closed_form' : 'separable_transform';
  return fieldResult(l, { distances: dist, sources: indices, blocked, method }, sources, summary, maxDistance);
}

/** A DistanceFieldResult from a finished field and its summary; O(sources · d). */
export function fieldResult(
  l: Lattice,
  field: Pick<DistanceFieldResult, 'distances' | 'sources' | 'blocked' | 'method'>,
  sources: number[][],
  summary: Summary,
  maxDistance: number,
): DistanceFieldResult {
  const far = summary.histogram.length - 1;
  return {
    distances: field.distances,
    sources: field.sources,
    reached: summary.reached,
    unreached: l.vertexCount - field.blocked - summary.reached,
    blocked: field.blocked,
    max_distance: far,
    mean_distance: summary.sum / summary.reached,
    histogram: summary.histogram,
    eccentricity: eccentricityStats(l, sources, far, far < maxDistance),
    method: field.method,
  };
}

export interface Summary {
  histogram: number[];
  sum: number;
  reached: number;
}

/**
 * The summary from counts per distance already known. Callers pass a sum
 * below 2^53, where every term and partial sum is an exact integer, so it is
 * the sum a pass over the field would make in any order. O(max distance).
 */
function fromCounts(counts: number[], sum: number, reached: number): Summary {
  let top = counts.length - 1;
  while (top > 0 && counts[top] === 0) top--;
  return { histogram: counts.slice(0, top + 1), sum, reached };
}

/**
 * One pass: histogram and sum of distances up to `far` (a bound on the
 * largest), −1 for obstacles and for anything past maxDistance; O(V).
 */
export function summarise(dist: Int32Array, far: number, maxDistance: number): Summary {
  const counts = new Float64Array(far + 1);
  let sum = 0;
  let reached = 0;
  for (let i = 0; i < dist.length; i++) {
    const h = dist[i];
    if (h < 0 || h > maxDistance) {
      dist[i] = -1;
      continue;
    }
    counts[h]++;
    sum += h;
    reached++;
  }
  let top = far;
  while (top > 0 && counts[top] === 0) top--;
  return { histogram: Array.from(counts.subarray(0, top + 1)), sum, reached };
}

/** The sources' eccentricities as distanceField reports them (see EccentricityStats); O(sources · d). */
export function eccentricityStats(l: Lattice, sources: number[][], far: number, complete: boolean): EccentricityStats | null {
  if (!hasObstacles(l)) {
    let min = Infinity;
    let max = 0;
    let sum = 0;
    for (const c of sources) {
      const e = freeEccentricity(l, c);
      min = Math.min(min, e);
      max = Math.max(max, e);
      sum += e;
    }
    return { min, max, mean: sum / sources.length };
  }
  if (sources.length === 1 && complete) return { min: far, max: far, mean: far };
  return null;
}
