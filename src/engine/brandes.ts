import type { RunOptions } from './cost.js';
import { throwIfAborted } from './cost.js';
import { EngineError } from './errors.js';
import type { Lattice } from './lattice.js';
import { assertMaterializable, neighborsInto, obstacleBitset } from './lattice.js';

/*
 * Brandes' algorithm on typed arrays. The lattice graph (unblocked vertices,
 * stride neighbours) is first laid out as CSR, once per run: the O(V·(V+E))
 * hot loop then reads one Int32 per edge instead of decoding coordinates and
 * testing obstacle bits on every visit. That costs 4 bytes per directed edge,
 * which the centrality estimate counts.
 *
 * The per-source work is independent, so `brandesPartial` runs any subset of
 * sources and returns sums that add up across subsets (`mergeBrandes`): a
 * worker pool splits the sources and adds the results.
 */

export interface Adjacency {
  /** targets[offsets[v] .. offsets[v+1]) are v's unblocked neighbours; empty for an obstacle. */
  offsets: Int32Array;
  targets: Int32Array;
  /** Number of unblocked vertices. */
  open: number;
  /** Obstacle bits (Bitset words), null without obstacles. */
  blockedWords: Uint32Array | null;
}

/**
 * Per-vertex sums over a set of weighted sources (weight 1 unless given).
 * Results over disjoint source sets add up, in any order of sources within a set.
 */
export interface BrandesAccumulation {
  /** Number of sources processed. */
  sources: number;
  /** Σ_s w_s·δ_s(v), the Brandes dependency (not halved); betweenness mode only. */
  dependency: Float64Array | null;
  dependencySquares: Float64Array | null;
  /** Σ_s w_s·d(s, v) over the sources that reach v; distance mode only. */
  distanceSum: Float64Array | null;
  distanceSquares: Float64Array | null;
  /** Σ_s w_s over the sources that reach v; distance mode only. */
  reachCount: Float64Array | null;
}

export interface BrandesMode {
  /** Accumulate dependencies (full Brandes) rather than distances (BFS only). */
  betweenness: boolean;
  /** Also accumulate weighted squares, for standard errors of sampled estimates. */
  squares: boolean;
}

export function isBlockedIn(words: Uint32Array | null, v: number): boolean {
  return words !== null && (words[v >>> 5] & (1 << (v & 31))) !== 0;
}

/** CSR adjacency of the unblocked lattice graph; O(V·d) time, 4·(V+1) + 8·E bytes. */
export function adjacencyOf(l: Lattice, opts: RunOptions = {}): Adjacency {
  assertMaterializable(l, opts.maxMaterializedVertices, 'adjacency');
  if (2 * l.edgeCount > 2 ** 31 - 1) {
    throw new EngineError('too_large', 'the lattice has too many edges for an explicit adjacency', { edges: l.edgeCount });
  }
  const V = l.vertexCount;
  const blockedWords = obstacleBitset(l, opts.maxMaterializedVertices)?.words ?? null;
  const offsets = new Int32Array(V + 1);
  const targets = new Int32Array(2 * l.edgeCount);
  const row = new Float64Array(2 * l.dimensions);
  let p = 0;
  let open = 0;
  for (let i = 0; i < V; i++) {
    offsets[i] = p;
    if (!isBlockedIn(blockedWords, i)) {
      open++;
      const m = neighborsInto(l, i, row);
      for (let j = 0; j < m; j++) if (!isBlockedIn(blockedWords, row[j])) targets[p++] = row[j];
    }
  }
  offsets[V] = p;
  return { offsets, targets: targets.subarray(0, p), open, blockedWords };
}

/**
 * Brandes (betweenness) or BFS (distance) sums over `sources`, unblocked
 * vertex indices, each weighted by weights[i] when given; O(|sources|·(V+E))
 * time, O(V+E) memory.
 */
export function brandesPartial(
  l: Lattice,
  sources: Int32Array,
  mode: BrandesMode,
  opts: RunOptions = {},
  weights: Float64Array | null = null,
): BrandesAccumulation {
  if (!(sources instanceof Int32Array)) throw new EngineError('invalid_parameter', 'sources must be an Int32Array');
  if (weights !== null && (!(weights instanceof Float64Array) || weights.length !== sources.length)) {
    throw new EngineError('invalid_parameter', 'weights must be a Float64Array as long as sources');
  }
  const adj = adjacencyOf(l, opts);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    if (s < 0 || s >= l.vertexCount || isBlockedIn(adj.blockedWords, s)) {
      throw new EngineError('invalid_coordinates', 'sources must be unblocked vertex indices', { source: s });
    }
  }
  return accumulateBrandes(adj, sources, weights, mode, opts);
}

/** Adds `from` into `into` (same lattice and mode); O(V). */
export function mergeBrandes(into: BrandesAccumulation, from: BrandesAccumulation): void {
  into.sources += from.sources;
  const pairs: [Float64Array | null, Float64Array | null][] = [
    [into.dependency, from.dependency],
    [into.dependencySquares, from.dependencySquares],
    [into.distanceSum, from.distanceSum],
    [into.distanceSquares, from.distanceSquares],
    [into.reachCount, from.reachCount],
  ];
  for (const [a, b] of pairs) {
    if (a === null || b === null) continue;
    for (let i = 0; i < a.length; i++) a[i] += b[i];
  }
}

/** The kernel behind brandesPartial on a prebuilt adjacency; sources are trusted. */
export function accumulateBrandes(
  adj: Adjacency,
  sources: Int32Array,
  weights: Float64Array | null,
  mode: BrandesMode,
  opts: RunOptions,
): BrandesAccumulation {
  const V = adj.offsets.length - 1;
  const { offsets, targets } = adj;
  const between = mode.betweenness;
  const perVertex = (wanted: boolean): Float64Array | null => (wanted ? new Float64Array(V) : null);
  const acc: BrandesAccumulation = {
    sources: sources.length,
    dependency: perVertex(between),
    dependencySquares: perVertex(between && mode.squares),
    distanceSum: perVertex(!between),
    distanceSquares: perVertex(!between && mode.squares),
    reachCount: perVertex(!between),
  };
  const dist = new Int32Array(V).fill(-1);
  const order = new Int32Array(V);
  const sigma = perVertex(between);
  const coeff = perVertex(between);
  const progressEvery = Math.max(1, Math.floor(sources.length / 100));
  for (let si = 0; si < sources.length; si++) {
    throwIfAborted(opts.signal);
    const s = sources[si];
    const weight = weights === null ? 1 : weights[si];
    dist[s] = 0;
    order[0] = s;
    let tail: number;
    if (sigma !== null && coeff !== null) {
      tail = dependencies(offsets, targets, dist, order, sigma, coeff, s, weight, acc);
    } else {
      tail = bfsOrder(offsets, targets, dist, order);
      addDistances(dist, order, tail, weight, acc);
    }
    for (let i = 0; i < tail; i++) dist[order[i]] = -1;
    if ((si + 1) % progressEvery === 0) opts.onProgress?.((si + 1) / sources.length);
  }
  return acc;
}

function addDistances(dist: Int32Array, order: Int32Array, tail: number, weight: number, acc: BrandesAccumulation): void {
  const sum = acc.distanceSum as Float64Array;
  const reach = acc.reachCount as Float64Array;
  const squares = acc.distanceSquares;
  for (let i = 0; i < tail; i++) {
    const v = order[i];
    const dv = dist[v];
    sum[v] += weight * dv;
    reach[v] += weight;
    if (squares !== null) squares[v] += weight * dv * dv;
  }
}

/** BFS from order[0] filling dist and the visiting order; returns the number reached. */
function bfsOrder(offsets: Int32Array, targets: Int32Array, dist: Int32Array, order: Int32Array): number {
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const v = order[head];
    const dv = dist[v] + 1;
    for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
      const w = targets[e];
      if (dist[w] < 0) {
        dist[w] = dv;
        order[tail++] = w;
      }
    }
  }
  return tail;
}

/**
 * One Brandes source: path counts forward, dependencies backward, added into
 * acc; returns the number reached. The backward pass pulls from successors,
 * δ(v) = σ(v)·Σ_w (1 + δ(w))/σ(w), so each vertex writes only its own slot;
 * `coeff` holds (1 + δ(w))/σ(w) once w is final.
 */
function dependencies(
  offsets: Int32Array,
  targets: Int32Array,
  dist: Int32Array,
  order: Int32Array,
  sigma: Float64Array,
  coeff: Float64Array,
  s: number,
  weight: number,
  acc: BrandesAccumulation,
): number {
  sigma[s] = 1;
  let tail = 1;
  // order[] is the BFS queue going forward and the stack coming back.
  for (let head = 0; head < tail; head++) {
    const v = order[head];
    const dv = dist[v] + 1;
    const sv = sigma[v];
    for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
      const w = targets[e];
      const dw = dist[w];
      if (dw < 0) {
        dist[w] = dv;
        sigma[w] = sv;
        order[tail++] = w;
      } else if (dw === dv) {
        sigma[w] += sv;
      }
    }
  }
  const dep = acc.dependency as Float64Array;
  const sq = acc.dependencySquares;
  // In reverse BFS order every successor of v is final before v is reached.
  for (let i = tail - 1; i > 0; i--) {
    const v = order[i];
    const next = dist[v] + 1;
    let pulled = 0;
    for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
      const w = targets[e];
      if (dist[w] === next) pulled += coeff[w];
    }
    const sv = sigma[v];
    const delta = sv * pulled;
    coeff[v] = (1 + delta) / sv;
    dep[v] += weight * delta;
    if (sq !== null) sq[v] += weight * delta * delta;
  }
  return tail;
}
