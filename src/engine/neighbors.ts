import { throwIfAborted, type CostEstimate, type RunOptions } from './cost.js';
import { EngineError } from './errors.js';
import { coordsOf, hasObstacles, indexOf, isBlocked, neighborsInto, type Lattice } from './lattice.js';
import { createStore, searchCapacity, usesDenseState } from './search-state.js';

/*
 * The neighbourhood of radius r is the set of vertices at graph distance ≤ r
 * from the centre, the centre included. Without obstacles that is the L1 ball
 * clipped to the box (wrapped on periodic sides) and its size has a closed
 * form. With obstacles, distance is measured around them, so it is counted by
 * a BFS bounded at r.
 */

export const DEFAULT_NEIGHBOR_LIMIT = 1000;
export const MAX_NEIGHBOR_LIMIT = 1_000_000;
/** Above this many DP cells the ball size is counted by inclusion–exclusion instead. */
const DP_CELL_LIMIT = 2 ** 20;

export interface NeighborhoodOptions extends RunOptions {
  /** Most vertices listed (default 1000); the count is always complete. */
  limit?: number;
}

export interface NeighborhoodResult {
  center: number[];
  radius: number;
  /** Vertices at distance ≤ radius, centre included. */
  count: number;
  /** The first `limit` of them in BFS order (by distance, then discovery). */
  vertices: number[][];
  /** True when count > vertices.length. */
  truncated: boolean;
  method: 'closed_form' | 'bfs';
}

/** Reach per dimension: how far the ball can extend below (m) and above (p) the centre. */
function reaches(l: Lattice, coords: readonly number[]): { m: number[]; p: number[] } {
  const m: number[] = [];
  const p: number[] = [];
  for (let k = 0; k < l.dimensions; k++) {
    const n = l.shape[k];
    if (l.boundary === 'periodic') {
      // A cycle of n has offsets −⌊(n−1)/2⌋ .. ⌊n/2⌋ from any vertex, each vertex once.
      m.push(Math.floor((n - 1) / 2));
      p.push(Math.floor(n / 2));
    } else {
      m.push(coords[k]);
      p.push(n - 1 - coords[k]);
    }
  }
  return { m, p };
}

/**
 * Ball size by DP over the distance budget: per dimension the offset counts
 * are 1 at 0, then 2 up to min(m, p), then 1 up to max(m, p); prefix sums
 * make each dimension O(r). O(d·r).
 */
export function ballSizeByDp(m: readonly number[], p: readonly number[], radius: number): number {
  let dp = new Float64Array(radius + 1);
  dp[0] = 1;
  const prefix = new Float64Array(radius + 2);
  for (let k = 0; k < m.length; k++) {
    for (let s = 0; s <= radius; s++) prefix[s + 1] = prefix[s] + dp[s];
    const next = new Float64Array(radius + 1);
    // prefix[x] = Σ dp[0..x−1]; offsets 1..b contribute prefix[s] − prefix[max(0, s − b)].
    for (let s = 0; s <= radius; s++) {
      next[s] = dp[s] + (prefix[s] - prefix[Math.max(0, s - p[k])]) + (prefix[s] - prefix[Math.max(0, s - m[k])]);
    }
    dp = next;
  }
  let total = 0;
  for (let s = 0; s <= radius; s++) total += dp[s];
  return total;
}

function binomial(n: bigint, k: number): bigint {
  if (n < BigInt(k)) return 0n;
  let num = 1n;
  let den = 1n;
  for (let i = 0; i < k; i++) {
    num *= n - BigInt(i);
    den *= BigInt(i + 1);
  }
  return num / den;
}

/**
 * Ball size by inclusion–exclusion: choosing which coordinates move and in
 * which direction, vectors of s positive steps with Σ ≤ R number C(R, s);
 * steps past a bound are subtracted by shifting R. Terms with equal shift are
 * merged, so the cost is O(d · distinct shifts), independent of r.
 */
export function ballSizeByInclusionExclusion(m: readonly number[], p: readonly number[], radius: number): number {
  const d = m.length;
  let terms = new Map<number, number[]>([[0, [1]]]);
  const add = (into: Map<number, number[]>, shift: number, s: number, c: number): void => {
    if (shift > radius) return;
    let coefs = into.get(shift);
    if (coefs === undefined) {
      coefs = new Array<number>(d + 1).fill(0);
      into.set(shift, coefs);
    }
    coefs[s] += c;
  };
  for (let k = 0; k < d; k++) {
    const next = new Map<number, number[]>();
    for (const [shift, coefs] of terms) {
      for (let s = 0; s < coefs.length; s++) {
        const c = coefs[s];
        if (c === 0) continue;
        add(next, shift, s, c);
        add(next, shift, s + 1, 2 * c);
        add(next, shift + p[k], s + 1, -c);
        add(next, shift + m[k], s + 1, -c);
      }
    }
    terms = next;
  }
  let total = 0n;
  for (const [shift, coefs] of terms) {
    for (let s = 0; s <= d; s++) {
      if (coefs[s] !== 0) total += BigInt(coefs[s]) * binomial(BigInt(radius - shift), s);
    }
  }
  return Number(total);
}

/** Number of vertices within hop distance `radius` of `coords` in the obstacle-free lattice; O(d·min(r, 2^20/d)). */
export function ballSize(l: Lattice, coords: readonly number[], radius: number): number {
  indexOf(l, coords, 'vertex');
  checkRadius(radius);
  const { m, p } = reaches(l, coords);
  let full = 0;
  for (let k = 0; k < m.length; k++) full += Math.max(m[k], p[k]);
  if (radius >= full) return l.vertexCount;
  if ((radius + 1) * l.dimensions <= DP_CELL_LIMIT) return ballSizeByDp(m, p, radius);
  return ballSizeByInclusionExclusion(m, p, radius);
}

function checkRadius(radius: unknown): asserts radius is number {
  if (typeof radius !== 'number' || !Number.isSafeInteger(radius) || radius < 0) {
    throw new EngineError('invalid_parameter', 'radius must be a non-negative integer', { radius });
  }
}

function checkLimit(limit: unknown): number {
  if (limit === undefined) return DEFAULT_NEIGHBOR_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > MAX_NEIGHBOR_LIMIT) {
    throw new EngineError('invalid_parameter', `limit must be an integer in [0, ${MAX_NEIGHBOR_LIMIT}]`, { limit });
  }
  return limit;
}

/**
 * BFS from `center` up to `radius` hops around obstacles. Lists the first
 * `limit` vertices; stops once it has them unless `countAll`. Returns the
 * number labelled (all within the radius when countAll).
 */
function boundedBfs(
  l: Lattice,
  center: number,
  radius: number,
  limit: number,
  countAll: boolean,
  opts: RunOptions,
): { count: number; listed: number[] } {
  // The obstacle-free ball bounds what the search can label; without countAll only the listed part is visited.
  const bound = countAll ? ballSize(l, coordsOf(l, center), radius) : Math.min(limit * 2 * l.dimensions + 1, l.vertexCount);
  const seen = createStore(l, opts.maxMaterializedVertices, 0, true, 'neighbourhood search', bound);
  const buf = new Float64Array(2 * l.dimensions);
  const listed = limit > 0 ? [center] : [];
  seen.set(center, 1);
  let frontier = [center];
  for (let level = 0; level < radius && frontier.length > 0; level++) {
    if (!countAll && listed.length >= limit) break;
    throwIfAborted(opts.signal);
    const next: number[] = [];
    for (const v of frontier) {
      const count = neighborsInto(l, v, buf);
      for (let j = 0; j < count; j++) {
        const u = buf[j];
        if (seen.get(u) !== 0 || isBlocked(l, u)) continue;
        seen.set(u, 1);
        next.push(u);
        if (listed.length < limit) listed.push(u);
      }
    }
    frontier = next;
  }
  return { count: seen.count, listed };
}

/**
 * Vertices within `radius` hops of `vertex`: closed-form count and a BFS
 * listing of at most `limit` without obstacles (O(d·r + limit·d)); a BFS
 * bounded at the radius with obstacles (O(ball·d)).
 */
export function neighborhood(l: Lattice, vertex: readonly number[], radius: number, opts: NeighborhoodOptions = {}): NeighborhoodResult {
  const center = indexOf(l, vertex, 'vertex');
  checkRadius(radius);
  const limit = checkLimit(opts.limit);
  if (isBlocked(l, center)) throw new EngineError('invalid_coordinates', 'vertex is an obstacle', { vertex });
  const obstacles = hasObstacles(l);
  const { count: searched, listed } = boundedBfs(l, center, radius, limit, obstacles, opts);
  const count = obstacles ? searched : ballSize(l, vertex, radius);
  return {
    center: vertex.slice(),
    radius,
    count,
    vertices: listed.map((v) => coordsOf(l, v)),
    truncated: count > listed.length,
    method: obstacles ? 'bfs' : 'closed_form',
  };
}

/** Cost of neighborhood: the obstacle-free ball size bounds what a bounded BFS can visit. */
export function estimateNeighborhood(
  l: Lattice,
  params: { vertex: readonly number[]; radius: number; limit?: number; maxMaterializedVertices?: number },
): CostEstimate {
  const limit = checkLimit(params.limit);
  const ball = ballSize(l, params.vertex, params.radius);
  const d = l.dimensions;
  if (!hasObstacles(l)) {
    const listed = Math.min(limit, ball);
    return {
      operation: 'neighbors',
      work: d * Math.min(params.radius, DP_CELL_LIMIT) + listed * 2 * d,
      bytes: listed * (16 + 8 * d),
      materializedVertices: 0,
      parallelizable: false,
    };
  }
  const budget = params.maxMaterializedVertices;
  const dense = usesDenseState(l, budget, ball);
  const held = dense ? l.vertexCount : Math.min(ball, searchCapacity(l, budget));
  // Each visit hashes or reads an obstacle and pushes to a frontier array; a Map store costs far more.
  const weight = dense ? 8 : 32;
  const frontiers = 16 * Math.min(ball, held);
  return {
    operation: 'neighbors',
    work: Math.min(ball, held) * 2 * d * weight,
    bytes: (dense ? 4 * l.vertexCount : 96 * held) + frontiers + Math.min(limit, ball) * (16 + 8 * d),
    materializedVertices: held,
    parallelizable: false,
  };
}
