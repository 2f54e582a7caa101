import { throwIfAborted, type RunOptions } from './cost.js';
import { axesFrom, tailDimensions, tailTable, writeShifted } from './axis-distances.js';
import type { Lattice } from './lattice.js';

/*
 * Without obstacles the hop distance is the sum of per-dimension distances,
 * so the multi-source distance field is separable: relax along dimension 0,
 * then 1, … (the L1 distance transform). Each dimension is a forward and a
 * backward sweep — two laps each on periodic sides so that wrap-around paths
 * are seen. The inner loops run over contiguous memory, which beats a queue
 * BFS's scattered accesses by a wide margin, and the result is identical.
 */

/** Initial value for vertices that are not sources; +1 still fits an Int32. */
export const TRANSFORM_FAR = 0x3fffffff;

/** Exact obstacle-free distance field from vertices set to 0 in `dist` (all others TRANSFORM_FAR); O(V·d). */
export function separableDistances(l: Lattice, dist: Int32Array, opts: RunOptions): void {
  const V = l.vertexCount;
  const periodic = l.boundary === 'periodic';
  for (let k = 0; k < l.dimensions; k++) {
    throwIfAborted(opts.signal);
    opts.onProgress?.(k / l.dimensions);
    const n = l.shape[k];
    const s = l.strides[k];
    const block = s * n;
    const wrap = (n - 1) * s;
    const laps = periodic && n > 2 ? 2 : 1;
    for (let base = 0; base < V; base += block) {
      const end = base + block;
      for (let lap = 0; lap < laps; lap++) {
        if (lap === 1) relaxFrom(dist, base, base + s, wrap);
        relaxFrom(dist, base + s, end, -s);
      }
      for (let lap = 0; lap < laps; lap++) {
        if (lap === 1) relaxFrom(dist, end - s, end, -wrap);
        relaxBackward(dist, base, end - s, s);
      }
    }
  }
}

/**
 * Distances from one source without obstacles, written directly: vertex c is
 * Σ_k δ_k(c_k). The trailing dimensions' sums are tabulated once for a block
 * of about a thousand or more vertices; each block is then that table plus
 * one number, a sequential write at memory speed. O(V + Σ n_k).
 */
export function singleSourceDistances(l: Lattice, source: readonly number[], dist: Int32Array): void {
  const axes = axesFrom(l, source);
  const tail = tailDimensions(l);
  const table = tailTable(axes, tail);
  const block = table.length;
  const outer = l.dimensions - tail;
  const position = new Int32Array(outer);
  let partial = 0;
  for (let k = 0; k < outer; k++) partial += axes[k].delta[0];
  for (let base = 0; base < dist.length; base += block) {
    writeShifted(dist, base, table, partial);
    // The next block: an odometer over the leading dimensions, keeping their δ sum.
    for (let k = outer - 1; k >= 0; k--) {
      const { n, delta } = axes[k];
      partial -= delta[position[k]];
      if (++position[k] < n) {
        partial += delta[position[k]];
        break;
      }
      position[k] = 0;
      partial += delta[0];
    }
  }
}

/** dist[i] = min(dist[i], dist[i + offset] + 1) for i = from .. to−1, in increasing order. */
function relaxFrom(dist: Int32Array, from: number, to: number, offset: number): void {
  for (let i = from; i < to; i++) {
    const x = dist[i + offset] + 1;
    if (x < dist[i]) dist[i] = x;
  }
}

/** dist[i] = min(dist[i], dist[i + offset] + 1) for i = to−1 down to from. */
function relaxBackward(dist: Int32Array, from: number, to: number, offset: number): void {
  for (let i = to - 1; i >= from; i--) {
    const x = dist[i + offset] + 1;
    if (x < dist[i]) dist[i] = x;
  }
}
