import { throwIfAborted, type RunOptions } from './cost.js';
import { EngineError } from './errors.js';
import { isBlocked, neighborsInto, type Lattice } from './lattice.js';
import { allocateBfs, bfsSweep } from './grid-bfs.js';
import { createStore, MinHeap, usesDenseState, type VertexStore } from './search-state.js';

/*
 * Point-to-point searches. Each returns the vertex chain start..end as
 * indices; path.ts turns it into coordinates. Hop searches reconstruct the
 * chain by walking back through strictly decreasing stored hop counts, so
 * they keep one number per visited vertex; Dijkstra keeps parents because
 * zero-cost vertices make cost labels ambiguous.
 */

export interface SearchOutcome {
  /** start..end inclusive, or null when end is unreachable. */
  chain: number[] | null;
  /** Hops for hop searches, summed entry costs for Dijkstra; null when unreachable. */
  distance: number | null;
  /** Vertices the search labelled. */
  visited: number;
}

const CHECK_EVERY = 4096;

class Ticker {
  private steps = 0;
  constructor(
    private readonly opts: RunOptions,
    private readonly total: number,
  ) {}
  tick(): void {
    if (++this.steps % CHECK_EVERY !== 0) return;
    throwIfAborted(this.opts.signal);
    this.opts.onProgress?.(Math.min(1, this.steps / this.total));
  }
}

/** Walks from `end` to a vertex labelled 0 through neighbours labelled one less; O(hops·d). */
function walkBack(l: Lattice, labels: VertexStore, end: number, sign: 1 | -1): number[] {
  const chain = [end];
  const buf = new Float64Array(2 * l.dimensions);
  let v = end;
  let label = labels.get(v);
  while (label !== sign) {
    const count = neighborsInto(l, v, buf);
    for (let j = 0; j < count; j++) {
      if (labels.get(buf[j]) === label - sign) {
        v = buf[j];
        break;
      }
    }
    label -= sign;
    chain.push(v);
  }
  return chain;
}

/** Breadth-first search with early exit at `end`; O(V·d) worst case. */
export function bfsSearch(l: Lattice, start: number, end: number, opts: RunOptions): SearchOutcome {
  if (usesDenseState(l, opts.maxMaterializedVertices)) return kernelBfsSearch(l, start, end, opts);
  // Labels are hops + 1 so that 0 can mean "not visited" in both store kinds.
  const labels = createStore(l, opts.maxMaterializedVertices, 0, true, 'bfs path search');
  const ticker = new Ticker(opts, l.vertexCount);
  const buf = new Float64Array(2 * l.dimensions);
  labels.set(start, 1);
  let frontier = [start];
  while (frontier.length > 0 && labels.get(end) === 0) {
    const next: number[] = [];
    for (const v of frontier) {
      ticker.tick();
      const label = labels.get(v) + 1;
      const count = neighborsInto(l, v, buf);
      for (let j = 0; j < count; j++) {
        const u = buf[j];
        if (labels.get(u) !== 0 || isBlocked(l, u)) continue;
        labels.set(u, label);
        next.push(u);
      }
    }
    frontier = next;
  }
  if (labels.get(end) === 0) return { chain: null, distance: null, visited: labels.count };
  return { chain: walkBack(l, labels, end, 1).reverse(), distance: labels.get(end) - 1, visited: labels.count };
}

/** BFS on the shared typed-array kernel (8 bytes per vertex), for lattices whose state fits in memory. */
function kernelBfsSearch(l: Lattice, start: number, end: number, opts: RunOptions): SearchOutcome {
  const { dist, queue } = allocateBfs(l, opts, 'bfs path search');
  dist[start] = 0;
  queue[0] = start;
  const visited = bfsSweep(l, dist, queue, 0, 1, Infinity, opts, end);
  if (dist[end] < 0) return { chain: null, distance: null, visited };
  // Shifted by one, the levels read like search labels: 0 unvisited, hops + 1 otherwise.
  const labels: VertexStore = { get: (i) => Math.max(dist[i] + 1, 0), set: () => {}, count: visited };
  return { chain: walkBack(l, labels, end, 1).reverse(), distance: dist[end], visited };
}

/**
 * Bidirectional BFS: alternately grows the smaller frontier one full level;
 * the best meeting found in the first level that meets is a shortest path.
 * O(V·d) worst case, about two balls of half the distance on open ground.
 */
export function bidirectionalSearch(l: Lattice, start: number, end: number, opts: RunOptions): SearchOutcome {
  // Forward labels are +(hops + 1), backward −(hops + 1), 0 unvisited.
  const labels = createStore(l, opts.maxMaterializedVertices, 0, true, 'bidirectional path search');
  const ticker = new Ticker(opts, l.vertexCount);
  const buf = new Float64Array(2 * l.dimensions);
  labels.set(start, 1);
  if (start === end) return { chain: [start], distance: 0, visited: 1 };
  labels.set(end, -1);
  let forward = [start];
  let backward = [end];
  while (forward.length > 0 && backward.length > 0) {
    const sign = forward.length <= backward.length ? 1 : -1;
    const frontier = sign === 1 ? forward : backward;
    const next: number[] = [];
    let best = Infinity;
    let near = -1;
    let far = -1;
    for (const v of frontier) {
      ticker.tick();
      const label = labels.get(v) + sign;
      const count = neighborsInto(l, v, buf);
      for (let j = 0; j < count; j++) {
        const u = buf[j];
        const lu = labels.get(u);
        if (lu === 0) {
          if (isBlocked(l, u)) continue;
          labels.set(u, label);
          next.push(u);
        } else if (Math.sign(lu) === -sign) {
          const total = Math.abs(label) - 1 + Math.abs(lu) - 1;
          if (total < best) {
            best = total;
            near = v;
            far = u;
          }
        }
      }
    }
    if (near >= 0) {
      const fromStart = sign === 1 ? near : far;
      const fromEnd = sign === 1 ? far : near;
      const chain = walkBack(l, labels, fromStart, 1)
        .reverse()
        .concat(walkBack(l, labels, fromEnd, -1));
      return { chain, distance: best, visited: labels.count };
    }
    if (sign === 1) forward = next;
    else backward = next;
  }
  return { chain: null, distance: null, visited: labels.count };
}

/** Hop distance ignoring obstacles, wrapping on periodic sides: admissible and consistent; O(d). */
export function freeDistance(l: Lattice, a: number, b: number): number {
  let total = 0;
  let ra = a;
  let rb = b;
  for (let k = l.dimensions - 1; k >= 0; k--) {
    const n = l.shape[k];
    const qa = Math.floor(ra / n);
    const qb = Math.floor(rb / n);
    const delta = Math.abs(ra - qa * n - (rb - qb * n));
    total += l.boundary === 'periodic' ? Math.min(delta, n - delta) : delta;
    ra = qa;
    rb = qb;
  }
  return total;
}

/**
 * A* on hop counts with the free-distance heuristic; ties go to the deeper
 * vertex, which walks straight at the goal on open ground. O(V·d·log V) worst case.
 */
export function astarSearch(l: Lattice, start: number, end: number, opts: RunOptions): SearchOutcome {
  const g = createStore(l, opts.maxMaterializedVertices, 0, true, 'A* path search');
  const ticker = new Ticker(opts, l.vertexCount);
  const buf = new Float64Array(2 * l.dimensions);
  const heap = new MinHeap();
  g.set(start, 1);
  heap.push(start, freeDistance(l, start, end), 0);
  while (heap.size > 0) {
    // 0 − x rather than −x: the start's key 0 must not come back as −0.
    const hops = 0 - heap.topSecondary();
    const v = heap.pop();
    if (g.get(v) - 1 < hops) continue;
    if (v === end) {
      return { chain: walkBack(l, g, end, 1).reverse(), distance: hops, visited: g.count };
    }
    ticker.tick();
    const count = neighborsInto(l, v, buf);
    for (let j = 0; j < count; j++) {
      const u = buf[j];
      const gu = g.get(u);
      if ((gu !== 0 && gu - 1 <= hops + 1) || (gu === 0 && isBlocked(l, u))) continue;
      g.set(u, hops + 2);
      heap.push(u, hops + 1 + freeDistance(l, u, end), -(hops + 1));
    }
  }
  return { chain: null, distance: null, visited: g.count };
}

/**
 * Dijkstra where entering vertex v costs cost(v) (≥ 0; unit when no field);
 * the start's own cost is not paid. O(V·d·log V).
 */
export function dijkstraSearch(l: Lattice, start: number, end: number, field: Float64Array | null, opts: RunOptions): SearchOutcome {
  if (field !== null) checkCostField(l, field);
  const dist = createStore(l, opts.maxMaterializedVertices, -1, false, 'Dijkstra path search');
  const parent = createStore(l, opts.maxMaterializedVertices, -1, false, 'Dijkstra path search');
  const ticker = new Ticker(opts, l.vertexCount);
  const buf = new Float64Array(2 * l.dimensions);
  const heap = new MinHeap();
  dist.set(start, 0);
  heap.push(start, 0);
  while (heap.size > 0) {
    const cost = heap.topPrimary();
    const v = heap.pop();
    if (cost > dist.get(v)) continue;
    if (v === end) {
      const chain = [end];
      for (let u = end; u !== start;) {
        u = parent.get(u);
        chain.push(u);
      }
      return { chain: chain.reverse(), distance: cost, visited: dist.count };
    }
    ticker.tick();
    const count = neighborsInto(l, v, buf);
    for (let j = 0; j < count; j++) {
      const u = buf[j];
      const du = dist.get(u);
      if (du === -1 && isBlocked(l, u)) continue;
      const next = cost + (field === null ? 1 : field[u]);
      if (du !== -1 && du <= next) continue;
      dist.set(u, next);
      parent.set(u, v);
      heap.push(u, next);
    }
  }
  return { chain: null, distance: null, visited: dist.count };
}

/** Vertex costs must exist for every vertex and be finite and ≥ 0; O(V). */
function checkCostField(l: Lattice, field: Float64Array): void {
  if (field.length !== l.vertexCount) {
    throw new EngineError('invalid_parameter', 'value field length differs from the vertex count', {
      field: field.length,
      vertices: l.vertexCount,
    });
  }
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (!(c >= 0) || c === Infinity) {
      throw new EngineError('invalid_parameter', 'vertex costs (the value field) must be finite and ≥ 0', {
        index: i,
        value: c,
      });
    }
  }
}
