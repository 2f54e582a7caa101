import { isBlockedIn } from './brandes.js';
import type { Lattice } from './lattice.js';
import { hasObstacles } from './lattice.js';
import { Prng } from './prng.js';

/*
 * Which BFS sources a centrality run needs. Exact closeness and betweenness
 * sum a per-source quantity f_s(v) over all sources s. When a group H of graph
 * automorphisms acts on the lattice, a source orbit O with representative r
 * contributes Σ_{s∈O} f_s(v) = (|O|/|H|)·Σ_{h∈H} f_r(h·v), so it suffices to
 * run one source per orbit with weight |O|/|H| and then sum the accumulated
 * array over the group ("symmetrise"). Exact, not an approximation.
 *
 * - Without obstacles and periodic: translations act transitively, one source
 *   (weight 1) and every vertex gets Σ_u f_0(u).
 * - Without obstacles and open: the 2^d axis reflections c_k → n_k−1−c_k;
 *   representatives have c_k < ⌈n_k/2⌉, weight 2^(m−d) with m the number of
 *   axes on which the representative is not the mirror's fixed point.
 * - With obstacles: no symmetry is assumed; every unblocked vertex is a source.
 */

export type SourceSymmetry = 'none' | 'reflections' | 'translations';

export interface SourcePlan {
  symmetry: SourceSymmetry;
  sources: Int32Array;
  /** Orbit weights, null when every source has weight 1. */
  weights: Float64Array | null;
}

/** The symmetry exact runs may use on `l`; 'none' when disabled or with obstacles. */
export function symmetryOf(l: Lattice, allowed: boolean): SourceSymmetry {
  if (!allowed || hasObstacles(l)) return 'none';
  return l.boundary === 'periodic' ? 'translations' : 'reflections';
}

/** Number of BFS sources an exact run needs; O(d). */
export function exactSourceCount(l: Lattice, symmetry: SourceSymmetry, open: number): number {
  if (symmetry === 'translations') return 1;
  if (symmetry === 'none') return open;
  let count = 1;
  for (const n of l.shape) count *= Math.ceil(n / 2);
  return count;
}

/** The sources (and weights) of an exact run; O(sources·d), or O(V) without symmetry. */
export function exactSources(l: Lattice, symmetry: SourceSymmetry, open: number, blocked: Uint32Array | null): SourcePlan {
  if (symmetry === 'translations') return { symmetry, sources: Int32Array.of(0), weights: null };
  if (symmetry === 'none') {
    const sources = new Int32Array(open);
    let p = 0;
    for (let v = 0; p < open; v++) if (!isBlockedIn(blocked, v)) sources[p++] = v;
    return { symmetry, sources, weights: null };
  }
  const d = l.dimensions;
  const count = exactSourceCount(l, symmetry, open);
  const sources = new Int32Array(count);
  const weights = new Float64Array(count);
  const c = new Array<number>(d).fill(0);
  for (let i = 0; i < count; i++) {
    let index = 0;
    let moved = 0;
    for (let k = 0; k < d; k++) {
      index += c[k] * l.strides[k];
      if (2 * c[k] !== l.shape[k] - 1) moved++;
    }
    sources[i] = index;
    weights[i] = 2 ** (moved - d);
    for (let k = d - 1; k >= 0; k--) {
      if (++c[k] < Math.ceil(l.shape[k] / 2)) break;
      c[k] = 0;
    }
  }
  return { symmetry, sources, weights };
}

/** k pivots drawn uniformly with replacement among unblocked vertices (open > 0); O(k·V/open) expected. */
export function pivotSources(l: Lattice, k: number, seed: number, blocked: Uint32Array | null): Int32Array {
  const prng = new Prng(seed);
  const out = new Int32Array(k);
  for (let i = 0; i < k; i++) {
    let v: number;
    do v = prng.nextInt(l.vertexCount);
    while (isBlockedIn(blocked, v));
    out[i] = v;
  }
  return out;
}

/** Replaces A by v ↦ Σ_{h∈H} A(h·v) for the plan's group, in place; O(V·d). */
export function symmetrise(l: Lattice, symmetry: SourceSymmetry, a: Float64Array): void {
  if (symmetry === 'none') return;
  if (symmetry === 'translations') {
    let total = 0;
    for (let v = 0; v < a.length; v++) total += a[v];
    a.fill(total);
    return;
  }
  // The reflection group is a product over axes, so sum axis by axis.
  for (let k = 0; k < l.dimensions; k++) {
    const n = l.shape[k];
    const s = l.strides[k];
    for (let v = 0; v < a.length; v++) {
      const c = Math.floor(v / s) % n;
      if (2 * c < n - 1) {
        const mirror = v + (n - 1 - 2 * c) * s;
        const sum = a[v] + a[mirror];
        a[v] = sum;
        a[mirror] = sum;
      } else if (2 * c === n - 1) {
        a[v] *= 2;
      }
    }
  }
}
