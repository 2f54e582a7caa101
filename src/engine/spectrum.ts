import { throwIfAborted, type CostEstimate, type RunOptions } from './cost.js';
import { EngineError } from './errors.js';
import { hasObstacles, type Lattice } from './lattice.js';
import { MinHeap } from './search-state.js';

/*
 * The lattice is a Cartesian product of paths (open sides, and periodic
 * sides of 2, which are a single edge) and cycles (periodic sides ≥ 3), so
 * its Laplacian eigenvalues are all sums of one eigenvalue per factor:
 *   path P_n:  4·sin²(πj / 2n), j = 0..n−1   (= 2 − 2cos(πj/n))
 *   cycle C_n: 4·sin²(πj / n),  j = 0..n−1   (= 2 − 2cos(2πj/n))
 * The sin² form keeps small eigenvalues accurate. The k smallest sums come
 * from a best-first walk over index vectors, so V is never enumerated.
 */

export const MAX_SPECTRUM_K = 100_000;

export interface SpectrumResult {
  /** The smallest min(k, V) Laplacian eigenvalues, ascending, repeated by multiplicity. */
  eigenvalues: number[];
  /** Second smallest eigenvalue (the Fiedler value); null when only one was asked for. */
  algebraic_connectivity: number | null;
  exact: true;
  method: 'product_structure';
}

/** The smallest `count` eigenvalues of one factor, ascending with multiplicity; O(count). */
export function factorEigenvalues(n: number, periodic: boolean, count: number): number[] {
  const values: number[] = [];
  if (!periodic || n === 2) {
    for (let j = 0; j < n && values.length < count; j++) values.push(4 * Math.sin((Math.PI * j) / (2 * n)) ** 2);
    return values;
  }
  // Cycle: j and n−j give the same value, so walk t = 0..⌊n/2⌋ and repeat.
  for (let t = 0; t <= n / 2 && values.length < count; t++) {
    const value = 4 * Math.sin((Math.PI * t) / n) ** 2;
    values.push(value);
    const paired = t !== 0 && 2 * t !== n;
    if (paired && values.length < count) values.push(value);
  }
  return values;
}

function checkK(k: unknown): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_SPECTRUM_K) {
    throw new EngineError('invalid_parameter', `k must be an integer in [1, ${MAX_SPECTRUM_K}]`, { k });
  }
  return k;
}

function checkExact(l: Lattice): void {
  if (hasObstacles(l)) {
    throw new EngineError('invalid_parameter', 'spectrum is exact only for obstacle-free lattices');
  }
}

/**
 * The k smallest Laplacian eigenvalues of an obstacle-free lattice, exact
 * from the product structure; O(k·d·log(k·d)).
 */
export function laplacianSpectrum(l: Lattice, k: number, opts: RunOptions = {}): SpectrumResult {
  checkExact(l);
  const want = Math.min(checkK(k), l.vertexCount);
  const d = l.dimensions;
  const lists = l.shape.map((n) => factorEigenvalues(n, l.boundary === 'periodic', want));
  // Each index vector is generated once: from its parent by incrementing a
  // dimension at or after the parent's last non-zero index. Vectors live in
  // one flat pool (d entries each) because small typed-array allocations are slow.
  let pool = new Int32Array(64 * d);
  const lastNonZero: number[] = [];
  const heap = new MinHeap();
  const push = (from: number, bump: number): void => {
    const id = lastNonZero.length;
    if ((id + 1) * d > pool.length) {
      const grown = new Int32Array(pool.length * 2);
      grown.set(pool);
      pool = grown;
    }
    let sum = 0;
    for (let j = 0; j < d; j++) {
      const index = (from < 0 ? 0 : pool[from * d + j]) + (j === bump ? 1 : 0);
      pool[id * d + j] = index;
      sum += lists[j][index];
    }
    lastNonZero.push(Math.max(bump, 0));
    heap.push(id, sum);
  };
  push(-1, -1);
  const eigenvalues: number[] = [];
  while (eigenvalues.length < want) {
    if (eigenvalues.length % 4096 === 0) {
      throwIfAborted(opts.signal);
      opts.onProgress?.(eigenvalues.length / want);
    }
    eigenvalues.push(heap.topPrimary());
    const id = heap.pop();
    for (let j = lastNonZero[id]; j < d; j++) {
      if (pool[id * d + j] + 1 < lists[j].length) push(id, j);
    }
  }
  return {
    eigenvalues,
    algebraic_connectivity: eigenvalues.length > 1 ? eigenvalues[1] : null,
    exact: true,
    method: 'product_structure',
  };
}

/** Cost of laplacianSpectrum: k pops of a heap holding up to k·d index vectors. */
export function estimateSpectrum(l: Lattice, params: { k: number }): CostEstimate {
  checkExact(l);
  const k = Math.min(checkK(params.k), l.vertexCount);
  const d = l.dimensions;
  return {
    operation: 'spectrum',
    // Each generated index vector costs a heap step and a sum of d factor eigenvalues: about four kernel tests per term.
    work: 4 * k * d * (d + Math.log2(k * d + 1)),
    bytes: k * d * (4 * d + 48),
    materializedVertices: 0,
    parallelizable: false,
  };
}
