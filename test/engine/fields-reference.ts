import fc from 'fast-check';
import { coordsOf, createLattice, forEachNeighbor, indexOf, isBlocked } from '../../src/engine/lattice.js';
import type { Boundary, Lattice } from '../../src/engine/lattice.js';

/*
 * Deliberately naive references for the field and centrality tests: explicit
 * adjacency lists built through the core's forEachNeighbor, plain arrays, no
 * cleverness. They share no code with the implementations under test.
 */

export function adjacencyLists(l: Lattice): number[][] {
  const lists: number[][] = [];
  for (let v = 0; v < l.vertexCount; v++) {
    const list: number[] = [];
    if (!isBlocked(l, v)) forEachNeighbor(l, v, (w) => (isBlocked(l, w) ? undefined : list.push(w)));
    lists.push(list);
  }
  return lists;
}

/** Textbook Brandes (2001) with predecessor lists; undirected, halved. */
export function referenceBetweenness(l: Lattice): number[] {
  const adj = adjacencyLists(l);
  const V = adj.length;
  const bc = new Array<number>(V).fill(0);
  for (let s = 0; s < V; s++) {
    if (isBlocked(l, s)) continue;
    const stack: number[] = [];
    const preds: number[][] = adj.map(() => []);
    const sigma = new Array<number>(V).fill(0);
    const dist = new Array<number>(V).fill(-1);
    sigma[s] = 1;
    dist[s] = 0;
    const queue = [s];
    while (queue.length > 0) {
      const v = queue.shift() as number;
      stack.push(v);
      for (const w of adj[v]) {
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue.push(w);
        }
        if (dist[w] === dist[v] + 1) {
          sigma[w] += sigma[v];
          preds[w].push(v);
        }
      }
    }
    const delta = new Array<number>(V).fill(0);
    while (stack.length > 0) {
      const w = stack.pop() as number;
      for (const v of preds[w]) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
      if (w !== s) bc[w] += delta[w];
    }
  }
  return bc.map((x) => x / 2);
}

/** Wasserman–Faust closeness from plain BFS per vertex. */
export function referenceCloseness(l: Lattice): number[] {
  const adj = adjacencyLists(l);
  const open = adj.filter((_, v) => !isBlocked(l, v)).length;
  return adj.map((_, s) => {
    if (isBlocked(l, s)) return 0;
    const dist = new Map<number, number>([[s, 0]]);
    const queue = [s];
    let total = 0;
    while (queue.length > 0) {
      const v = queue.shift() as number;
      for (const w of adj[v]) {
        if (!dist.has(w)) {
          dist.set(w, (dist.get(v) as number) + 1);
          total += dist.get(w) as number;
          queue.push(w);
        }
      }
    }
    const r = dist.size;
    return total > 0 ? ((r - 1) / (open - 1)) * ((r - 1) / total) : 0;
  });
}

/** Σ over ordered pairs of unblocked vertices of their BFS distance (unreachable pairs count 0). */
export function allPairsDistanceSum(l: Lattice): number {
  const adj = adjacencyLists(l);
  let total = 0;
  for (let s = 0; s < adj.length; s++) {
    if (isBlocked(l, s)) continue;
    const dist = new Map<number, number>([[s, 0]]);
    const queue = [s];
    while (queue.length > 0) {
      const v = queue.shift() as number;
      for (const w of adj[v]) {
        if (dist.has(w)) continue;
        dist.set(w, (dist.get(v) as number) + 1);
        total += dist.get(w) as number;
        queue.push(w);
      }
    }
  }
  return total;
}

/** One explicit heat step, vertex by vertex through forEachNeighbor. */
export function referenceHeatStep(l: Lattice, u: Float64Array, coefficient: number): Float64Array {
  const out = new Float64Array(u.length);
  for (let v = 0; v < u.length; v++) {
    if (isBlocked(l, v)) {
      out[v] = u[v];
      continue;
    }
    let flux = 0;
    forEachNeighbor(l, v, (w) => {
      if (!isBlocked(l, w)) flux += u[w] - u[v];
    });
    out[v] = u[v] + coefficient * flux;
  }
  return out;
}

/** Quarter turn out of place: the value at (x_a, x_b) goes to (n−1−x_b, x_a). */
export function referenceRotate(l: Lattice, field: Float64Array, a: number, b: number): Float64Array {
  const out = new Float64Array(field.length);
  const n = l.shape[a];
  for (let v = 0; v < field.length; v++) {
    const c = coordsOf(l, v);
    const t = c.slice();
    t[a] = n - 1 - c[b];
    t[b] = c[a];
    out[indexOf(l, t)] = field[v];
  }
  return out;
}

export function bytesOf(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}

/** A field whose bytes are arbitrary, NaN payloads and −0 included. */
export function randomBitsField(length: number, seed: number): Float64Array {
  const field = new Float64Array(length);
  const words = new Uint32Array(field.buffer);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return field;
}

export interface SmallLatticeSpec {
  shape: number[];
  boundary: Boundary;
  density: number;
  seed: number;
}

/** Small lattices (≤ maxVertices) in 1..4 dimensions, either boundary, optional random obstacles. */
export function smallLattice(maxVertices: number, withObstacles = true): fc.Arbitrary<SmallLatticeSpec> {
  return fc
    .record({
      shape: fc.array(fc.integer({ min: 2, max: 7 }), { minLength: 1, maxLength: 4 }),
      boundary: fc.constantFrom<Boundary>('open', 'periodic'),
      density: withObstacles ? fc.constantFrom(0, 0, 0.1, 0.3) : fc.constant(0),
      seed: fc.integer({ min: 0, max: 1000 }),
    })
    .filter((s) => s.shape.reduce((a, b) => a * b, 1) <= maxVertices);
}

export function build(spec: SmallLatticeSpec): Lattice {
  return createLattice({
    shape: spec.shape,
    boundary: spec.boundary,
    obstacles: spec.density > 0 ? { density: spec.density, seed: spec.seed } : null,
  });
}

export function closeTo(actual: ArrayLike<number>, expected: ArrayLike<number>, relative = 1e-9): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= relative * scale)) return false;
  }
  return true;
}
