import type { CostEstimate, RunOptions } from './cost.js';
import { throwIfAborted } from './cost.js';
import { EngineError } from './errors.js';
import type { Lattice } from './lattice.js';
import { assertMaterializable, coordsOf, hasObstacles, neighborsInto, obstacleBitset } from './lattice.js';
import type { BrandesAccumulation, BrandesMode } from './brandes.js';
import { brandesPartial, isBlockedIn } from './brandes.js';
import type { SourceSymmetry } from './centrality-sources.js';
import { exactSourceCount, exactSources, pivotSources, symmetrise, symmetryOf } from './centrality-sources.js';

/*
 * Centrality on the lattice graph whose vertices are the unblocked lattice
 * points (obstacles are not vertices: value 0, left out of top and stats).
 *
 * - degree: number of unblocked neighbours. Without obstacles the statistics
 *   and the top-k come in closed form from the shape, for any lattice size.
 * - closeness (Wasserman–Faust, as networkx's default and graphology with
 *   `wassermanFaust: true`): with r the size of v's component, n the number of
 *   unblocked vertices and S the sum of distances from v,
 *   c(v) = ((r−1)/(n−1)) · ((r−1)/S), and 0 when S = 0.
 * - betweenness: unnormalised, each unordered pair counted once (Brandes'
 *   sum over sources halved), as networkx/graphology `normalized: false`.
 *
 * Exact when the exact run needs at most `exactLimit` BFS sources (one per
 * unblocked vertex, or one per symmetry orbit without obstacles: see
 * centrality-sources.ts). Otherwise k pivot sources drawn uniformly with
 * replacement (Brandes & Pich 2007, Eppstein & Wang 2004) and the per-source
 * sums scaled by n/k, which is unbiased for the exact sum.
 * `error_estimate` is then the largest standard error over vertices of that
 * estimator, from the sample variance over pivots: for betweenness
 * (n/2)·sd/√k; for closeness the delta method on the distance sum, c·SE(Ŝ)/Ŝ.
 * It is 0 for exact results.
 */

export type CentralityMeasure = 'degree' | 'closeness' | 'betweenness';

export interface CentralityParams {
  /** Most BFS sources an exact run may take; 5000 when omitted. */
  exactLimit?: number;
  /** Pivot sources k when sampling (≥ 2); 256 when omitted. */
  samples?: number;
  /** Seed of the pivot draw; 0 when omitted. */
  seed?: number;
  /** How many highest-ranked vertices to list (0..1000); 10 when omitted. */
  topK?: number;
  /** Also return the per-vertex values (forces materialisation for degree). */
  values?: boolean;
  /** Use lattice symmetry for exact runs without obstacles; true when omitted. */
  symmetry?: boolean;
}

export interface CentralityEntry {
  vertex: number[];
  value: number;
  /** Standard error of a sampled value. */
  standard_error?: number;
}

export interface CentralityResult {
  measure: CentralityMeasure;
  exact: boolean;
  /** Sources the values stand for: every unblocked vertex when exact, else the pivots. */
  sample_size: number;
  /** BFS runs actually made (fewer than sample_size when symmetry was used). */
  sources_run: number;
  /** Largest standard error over vertices when sampled; 0 when exact. */
  error_estimate: number;
  top: CentralityEntry[];
  stats: { min: number; max: number; mean: number };
  values?: Float64Array;
}

const DEFAULT_EXACT_LIMIT = 5000;
const DEFAULT_SAMPLES = 256;
const DEFAULT_TOP_K = 10;
const MAX_TOP_K = 1000;

function intParam(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new EngineError('invalid_parameter', `${name} must be an integer in [${min}, ${max}]`, { [name]: value });
  }
  return value;
}

/** Work and memory of a centrality run, before it runs; O(d). */
export function estimateCentrality(l: Lattice, params: CentralityParams & { measure: CentralityMeasure; threads?: number }): CostEstimate {
  const V = l.vertexCount;
  const E = l.edgeCount;
  if (params.measure === 'degree') {
    const closedForm = !hasObstacles(l) && params.values !== true;
    // Each degree tests 2d neighbours against the obstacle rule.
    return {
      operation: 'centrality.degree',
      work: 16 * l.dimensions * (closedForm ? Math.min(V, params.topK ?? DEFAULT_TOP_K) : V),
      bytes: closedForm ? 0 : 8 * V + V / 8,
      materializedVertices: closedForm ? 0 : V,
      parallelizable: false,
    };
  }
  // Obstacle counts are unknown before the run: assume none, the worst case for work.
  const exactCount = exactSourceCount(l, symmetryOf(l, params.symmetry !== false), V);
  const limit = params.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const samples = params.samples ?? DEFAULT_SAMPLES;
  const sources = exactCount <= Math.max(limit, samples) ? exactCount : samples;
  // Betweenness sweeps forward and back; closeness sweeps once but sums distances as it goes: as costly.
  const passes = 2;
  // Split over the pool, every part builds its own adjacency and arrays.
  const parts = Math.max(1, Math.min(sources, params.threads ?? 1));
  return {
    operation: `centrality.${params.measure}`,
    // Brandes' sweeps read the adjacency, sigma and the dependencies: twice the kernel's work per edge.
    work: 2 * sources * passes * (V + 2 * E),
    // Per part: CSR adjacency (4 bytes per directed edge), 5 per-vertex arrays and the obstacle bits;
    // then the values and their error bars.
    bytes: parts * (4 * (V + 1) + 8 * E + 40 * V + V / 8) + 16 * V,
    materializedVertices: V,
    parallelizable: true,
  };
}

/**
 * How a closeness or betweenness run will go: its sources, their weights and
 * the symmetry to apply. A worker pool splits plan.sources (and plan.weights)
 * over brandesPartial calls, adds the results with mergeBrandes and hands the
 * sum to finishCentrality. O(sources + V/32).
 */
export interface CentralityPlan {
  measure: 'closeness' | 'betweenness';
  exact: boolean;
  /** Unblocked vertices. */
  open: number;
  sources: Int32Array;
  weights: Float64Array | null;
  mode: BrandesMode;
  symmetry: SourceSymmetry;
  topK: number;
  values: boolean;
}

/** Validates the request and chooses the sources; O(V/32) plus the source list. */
export function planCentrality(
  l: Lattice,
  measure: 'closeness' | 'betweenness',
  params: CentralityParams = {},
  opts: RunOptions = {},
): CentralityPlan {
  if (measure !== 'closeness' && measure !== 'betweenness') {
    throw new EngineError('invalid_parameter', "measure must be 'closeness' or 'betweenness' for a Brandes plan", { measure });
  }
  const exactLimit = intParam(params.exactLimit, 'exactLimit', 0, Number.MAX_SAFE_INTEGER, DEFAULT_EXACT_LIMIT);
  const samples = intParam(params.samples, 'samples', 2, 1_000_000, DEFAULT_SAMPLES);
  const seed = intParam(params.seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 0);
  const topK = intParam(params.topK, 'topK', 0, MAX_TOP_K, DEFAULT_TOP_K);
  assertMaterializable(l, opts.maxMaterializedVertices, `${measure} centrality`);
  const bits = obstacleBitset(l, opts.maxMaterializedVertices);
  const open = l.vertexCount - (bits?.count() ?? 0);
  const symmetry = symmetryOf(l, params.symmetry !== false);
  const exactCount = exactSourceCount(l, symmetry, open);
  // A sample as large as the exact source set would cost as much: be exact then.
  const exact = open === 0 || exactCount <= Math.max(exactLimit, samples);
  const chosen = exact
    ? exactSources(l, symmetry, open, bits?.words ?? null)
    : { symmetry: 'none' as const, sources: pivotSources(l, samples, seed, bits?.words ?? null), weights: null };
  return {
    measure,
    exact,
    open,
    sources: chosen.sources,
    weights: chosen.weights,
    mode: { betweenness: measure === 'betweenness', squares: !exact },
    symmetry: chosen.symmetry,
    topK,
    values: params.values === true,
  };
}

/** Turns the summed accumulation of a plan into the result; O(V·d). Consumes acc. */
export function finishCentrality(l: Lattice, plan: CentralityPlan, acc: BrandesAccumulation): CentralityResult {
  const V = l.vertexCount;
  const n = plan.open;
  const k = acc.sources;
  const scale = plan.exact ? 1 : n / k;
  const blocked = obstacleBitset(l)?.words ?? null;
  for (const a of [acc.dependency, acc.distanceSum, acc.reachCount]) if (a !== null) symmetrise(l, plan.symmetry, a);
  const values = new Float64Array(V);
  const errors = plan.exact ? null : new Float64Array(V);
  for (let v = 0; v < V; v++) {
    if (isBlockedIn(blocked, v)) continue;
    if (plan.measure === 'betweenness') {
      const sum = (acc.dependency as Float64Array)[v];
      values[v] = (scale * sum) / 2;
      if (errors !== null) errors[v] = (n / 2) * sampleStdError(sum, (acc.dependencySquares as Float64Array)[v], k);
    } else {
      const S = scale * (acc.distanceSum as Float64Array)[v];
      const r = scale * (acc.reachCount as Float64Array)[v];
      const c = S > 0 && n > 1 ? ((r - 1) / (n - 1)) * ((r - 1) / S) : 0;
      values[v] = c;
      if (errors !== null && S > 0) {
        const sum = (acc.distanceSum as Float64Array)[v];
        const seS = n * sampleStdError(sum, (acc.distanceSquares as Float64Array)[v], k);
        errors[v] = (c * seS) / S;
      }
    }
  }
  const sampleSize = plan.exact ? n : k;
  return summarise(l, plan.measure, values, errors, blocked, plan.topK, plan.values, sampleSize, plan.sources.length);
}

/** Degree, closeness or betweenness centrality with top-k and statistics; see the file comment for cost and definitions. */
export function centrality(l: Lattice, measure: CentralityMeasure, params: CentralityParams = {}, opts: RunOptions = {}): CentralityResult {
  if (measure !== 'degree' && measure !== 'closeness' && measure !== 'betweenness') {
    throw new EngineError('invalid_parameter', "measure must be 'degree', 'closeness' or 'betweenness'", { measure });
  }
  if (measure !== 'degree') {
    const plan = planCentrality(l, measure, params, opts);
    return finishCentrality(l, plan, brandesPartial(l, plan.sources, plan.mode, opts, plan.weights));
  }
  const topK = intParam(params.topK, 'topK', 0, MAX_TOP_K, DEFAULT_TOP_K);
  const closed = params.values === true ? null : degreeClosedForm(l, topK);
  if (closed !== null) return closed;
  assertMaterializable(l, opts.maxMaterializedVertices, 'degree centrality');
  const blocked = obstacleBitset(l, opts.maxMaterializedVertices)?.words ?? null;
  const values = openNeighbourCounts(l, blocked, opts);
  let open = 0;
  for (let v = 0; v < values.length; v++) if (!isBlockedIn(blocked, v)) open++;
  return summarise(l, 'degree', values, null, blocked, topK, params.values === true, open, 0);
}

/** Standard error of the mean of k draws given their sum and sum of squares. */
function sampleStdError(sum: number, squares: number, k: number): number {
  const variance = Math.max(0, (squares - (sum * sum) / k) / (k - 1));
  return Math.sqrt(variance / k);
}

function summarise(
  l: Lattice,
  measure: CentralityMeasure,
  values: Float64Array,
  errors: Float64Array | null,
  blocked: Uint32Array | null,
  topK: number,
  withValues: boolean,
  sampleSize: number,
  sourcesRun: number,
): CentralityResult {
  const topIdx = new Float64Array(topK);
  const topVal = new Float64Array(topK).fill(-Infinity);
  let filled = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let maxError = 0;
  for (let v = 0; v < values.length; v++) {
    if (blocked !== null && (blocked[v >>> 5] & (1 << (v & 31))) !== 0) continue;
    const x = values[v];
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    count++;
    if (errors !== null && errors[v] > maxError) maxError = errors[v];
    if (topK === 0 || (filled === topK && x <= topVal[topK - 1])) continue;
    // Insertion keeps ties in index order: a later vertex goes after equal values.
    let p = filled < topK ? filled++ : topK - 1;
    while (p > 0 && topVal[p - 1] < x) {
      topVal[p] = topVal[p - 1];
      topIdx[p] = topIdx[p - 1];
      p--;
    }
    topVal[p] = x;
    topIdx[p] = v;
  }
  const top: CentralityEntry[] = [];
  for (let i = 0; i < filled; i++) {
    const entry: CentralityEntry = { vertex: coordsOf(l, topIdx[i]), value: topVal[i] };
    if (errors !== null) entry.standard_error = errors[topIdx[i]];
    top.push(entry);
  }
  const result: CentralityResult = {
    measure,
    exact: errors === null,
    sample_size: sampleSize,
    sources_run: sourcesRun,
    error_estimate: maxError,
    top,
    stats: count === 0 ? { min: 0, max: 0, mean: 0 } : { min, max, mean: sum / count },
  };
  if (withValues) result.values = values;
  return result;
}

/*
 * Obstacle-free degree in closed form. Along a side of length n a vertex gets
 * 2 neighbours inside and 1 at an open end; a periodic side gives 2 (1 when
 * n = 2, the lattice being a simple graph). The highest degree is reached on
 * the box of coordinates that are interior on every side, so the top-k (ties
 * in index order) are that box's first k vertices in row-major order.
 */
function degreeClosedForm(l: Lattice, topK: number): CentralityResult | null {
  if (hasObstacles(l)) return null;
  const d = l.dimensions;
  const periodic = l.boundary === 'periodic';
  const lo = new Array<number>(d);
  const hi = new Array<number>(d);
  let min = 0;
  let max = 0;
  let boxSize = 1;
  for (let k = 0; k < d; k++) {
    const n = l.shape[k];
    const wide = n > 2;
    max += wide ? 2 : 1;
    min += periodic && wide ? 2 : 1;
    lo[k] = wide && !periodic ? 1 : 0;
    hi[k] = wide && !periodic ? n - 2 : n - 1;
    boxSize *= hi[k] - lo[k] + 1;
  }
  if (boxSize < topK) return null;
  const top: CentralityEntry[] = [];
  const c = lo.slice();
  for (let i = 0; i < topK; i++) {
    top.push({ vertex: c.slice(), value: max });
    for (let k = d - 1; k >= 0; k--) {
      if (c[k] < hi[k]) {
        c[k]++;
        break;
      }
      c[k] = lo[k];
    }
  }
  const mean = (2 * l.edgeCount) / l.vertexCount;
  return {
    measure: 'degree',
    exact: true,
    sample_size: l.vertexCount,
    sources_run: 0,
    error_estimate: 0,
    top,
    stats: { min, max, mean },
  };
}

/** Degree of every unblocked vertex (0 for obstacles); O(V·d). */
function openNeighbourCounts(l: Lattice, blocked: Uint32Array | null, opts: RunOptions): Float64Array {
  const V = l.vertexCount;
  const values = new Float64Array(V);
  const row = new Float64Array(2 * l.dimensions);
  for (let i = 0; i < V; i++) {
    if ((i & 0xffff) === 0) throwIfAborted(opts.signal);
    if (!isBlockedIn(blocked, i)) {
      const m = neighborsInto(l, i, row);
      let degree = 0;
      for (let j = 0; j < m; j++) if (!isBlockedIn(blocked, row[j])) degree++;
      values[i] = degree;
    }
  }
  return values;
}
