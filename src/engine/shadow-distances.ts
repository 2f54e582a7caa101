import { axesFrom, freeHistogram, tailDimensions, tailTable, writeShifted, type Axis } from './axis-distances.js';
import { throwIfAborted, type RunOptions } from './cost.js';
import { bfsSweep, UNVISITED } from './grid-bfs.js';
import type { Bitset } from './bitset.js';
import { neighborsInto, type Lattice } from './lattice.js';

/*
 * The distance field from one source on a lattice with few obstacles, exact
 * and mostly written at memory speed.
 *
 * Without obstacles the distance is D0(v) = Σ_k δ_k(c_k). Obstacles only
 * lengthen paths, so D(v) ≥ D0(v), with equality exactly when some path that
 * gets one step closer to the source at every step (a D0-monotone path)
 * avoids them: call such vertices lit. A vertex is lit iff it is free and is
 * the source or has a lit neighbour one step closer. One pass decides this,
 * visiting every vertex after its closer neighbours (each dimension in order
 * of δ). The pass goes by blocks of the trailing dimensions (contiguous index
 * ranges): a block without obstacles whose anchor (the vertex with the
 * source's trailing coordinates) is lit is lit throughout, and is written as
 * one table plus a number. Other blocks are decided vertex by vertex.
 *
 * Free vertices that are not lit form the shadow. Their distances come from
 * a breadth-first search confined to the shadow, seeded from its lit border:
 * a shadow vertex next to lit vertices may start at min(D(lit) + 1), and
 * seeds join the queue level by level (Dial's algorithm with unit weights),
 * so the queue stays in distance order and every label is the BFS label.
 *
 * Cost: O(V) for the pass, O(shadow · d) for the search; 4 bytes per vertex
 * for the field, 4 per shadow vertex, plus the obstacle bitset.
 */

/** Status of a vertex during the pass, besides a lit vertex's distance (≥ 0). */
const BLOCKED = -2;

export interface ShadowPlan {
  axes: Axis[];
  /** Trailing dimensions per block, the block's δ table, and which blocks hold an obstacle. */
  tail: number;
  table: Int32Array;
  obstructed: Uint8Array;
}

export interface ShadowTuning {
  /** Least vertices per block (see tailDimensions); 1 024 by default. */
  blockTarget?: number;
  /** Largest share of blocks holding an obstacle for which the method is used; 1/4 by default. */
  maxObstructed?: number;
  /** In three or more dimensions, the largest share of obstacles for which it is used anyway; 0.15 by default. */
  maxDensity?: number;
}

/**
 * Whether the shadow method suits this lattice and source. It does when at
 * most a quarter of the blocks hold an obstacle: most of the field is then
 * written at memory speed. It does too in three or more dimensions while at
 * most 15 % of the vertices are obstacles: a vertex there has so many paths
 * that get closer at every step that nearly all are lit (measured: under
 * 0.1 % of the vertices of 100³ and 32⁴ lattices with 10 % random obstacles
 * are in the shadow, against 12 % in 1000²), and a pass in index order beats
 * a queue BFS that jumps across the whole field. O(V/32 + obstacles).
 */
export function planShadow(l: Lattice, source: readonly number[], bits: Bitset, tuning: ShadowTuning = {}): ShadowPlan | null {
  const tail = tailDimensions(l, tuning.blockTarget);
  let block = 1;
  for (let k = l.dimensions - tail; k < l.dimensions; k++) block *= l.shape[k];
  const blocks = l.vertexCount / block;
  const obstructed = new Uint8Array(blocks);
  const limit = Math.floor(blocks * (tuning.maxObstructed ?? 0.25));
  const dense = l.dimensions >= 3 && bits.count() <= (tuning.maxDensity ?? 0.15) * l.vertexCount;
  let count = 0;
  bits.forEachSet((i) => {
    const b = Math.floor(i / block);
    if (obstructed[b] === 0) {
      obstructed[b] = 1;
      count++;
    }
    return dense || count <= limit;
  });
  if (!dense && count > limit) return null;
  const axes = axesFrom(l, source);
  return { axes, tail, table: tailTable(axes, tail), obstructed };
}

export interface ShadowField {
  /** Distances; −1 for obstacles and unreached vertices. */
  dist: Int32Array;
  /** counts[h]: vertices at distance h (trailing zeros possible). */
  counts: number[];
  /** Sum of all distances. */
  sum: number;
  /** Whether every partial sum stayed below 2^53, so `sum` is exact. */
  exactSum: boolean;
  reached: number;
}

/** Grows as needed; holds vertex indices. */
class IndexList {
  items = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(2 * this.items.length);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = v;
  }
}

/**
 * The field from `source` (free, validated) with the plan from planShadow;
 * `bits` is the obstacle bitset. Searches no further than maxDistance
 * (farther vertices of the shadow read −1; lit ones keep their distance and
 * the caller clips them). O(V + shadow · d).
 */
export function shadowDistanceField(l: Lattice, plan: ShadowPlan, bits: Bitset, maxDistance: number, opts: RunOptions): ShadowField {
  const dist = new Int32Array(l.vertexCount);
  const { counts, sum: freeSum } = freeHistogram(plan.axes);
  const shadow = new IndexList();
  let sum = freeSum;
  let reached = l.vertexCount;
  const pass = new Pass(l, plan, bits.words, dist, (v, d0, blocked) => {
    counts[d0]--;
    sum -= d0;
    reached--;
    if (!blocked) shadow.push(v);
  });
  pass.run(opts);
  const repaired = searchShadow(l, dist, shadow, maxDistance, opts);
  for (let i = 0; i < shadow.length; i++) {
    const h = dist[shadow.items[i]];
    if (h < 0) continue;
    while (counts.length <= h) counts.push(0);
    counts[h]++;
    sum += h;
  }
  reached += repaired;
  // Obstacles read −1 in the answer, like unreached vertices.
  bits.forEachSet((i) => {
    dist[i] = UNVISITED;
  });
  return { dist, counts, sum, exactSum: Number.isSafeInteger(freeSum) && Number.isSafeInteger(sum), reached };
}

/** The pass over the blocks in δ order; `onDark` hears of every vertex that is not lit (its D0, and whether it is an obstacle). */
class Pass {
  private readonly d: number;
  private readonly outer: number;
  private readonly block: number;
  private readonly anchor: number;
  /** Index offsets to the closer neighbours along the dimensions entered so far. */
  private readonly closer = new Int32Array(64);
  private top = 0;
  private blocksDone = 0;
  private opts: RunOptions = {};

  constructor(
    private readonly l: Lattice,
    private readonly plan: ShadowPlan,
    private readonly words: Uint32Array,
    private readonly dist: Int32Array,
    private readonly onDark: (v: number, d0: number, blocked: boolean) => void,
  ) {
    this.d = l.dimensions;
    this.outer = l.dimensions - plan.tail;
    this.block = plan.table.length;
    let anchor = 0;
    for (let k = this.outer; k < this.d; k++) anchor += plan.axes[k].order[0] * plan.axes[k].stride;
    this.anchor = anchor;
  }

  run(opts: RunOptions): void {
    this.opts = opts;
    this.walk(0, this.outer, 0, 0, this.visitBlock);
  }

  private push(axis: Axis, j: number): number {
    let pushed = 0;
    if (axis.closer1[j] !== 0) {
      this.closer[this.top++] = axis.closer1[j];
      pushed++;
    }
    if (axis.closer2[j] !== 0) {
      this.closer[this.top++] = axis.closer2[j];
      pushed++;
    }
    return pushed;
  }

  /**
   * Visits dimensions k..end−1 in δ order, with the closer-neighbour offsets
   * of each level on the stack, and calls `leaf` for each index reached.
   */
  private walk(k: number, end: number, v: number, d0: number, leaf: (v: number, d0: number) => void): void {
    if (k === end) {
      leaf(v, d0);
      return;
    }
    const axis = this.plan.axes[k];
    for (let j = 0; j < axis.n; j++) {
      const c = axis.order[j];
      const pushed = this.push(axis, j);
      this.walk(k + 1, end, v + c * axis.stride, d0 + axis.delta[c], leaf);
      this.top -= pushed;
    }
  }

  private readonly visitBlock = (base: number, partial: number): void => {
    if ((++this.blocksDone & 0xff) === 0) {
      throwIfAborted(this.opts.signal);
      this.opts.onProgress?.((this.blocksDone * this.block) / this.dist.length);
    }
    const dist = this.dist;
    const a = base + this.anchor;
    // The source's own block: its anchor is the source.
    let lit = partial === 0;
    for (let i = 0; i < this.top && !lit; i++) lit = dist[a + this.closer[i]] >= 0;
    if (lit && this.plan.obstructed[base / this.block] === 0) {
      writeShifted(dist, base, this.plan.table, partial);
      return;
    }
    this.walk(this.outer, this.d - 1, base, partial, this.row);
  };

  /**
   * Decides one row (the last dimension) of a block that is not lit as a
   * whole: each vertex is an obstacle, lit (a closer neighbour is), or dark.
   * The loop is kept tight: on a dense lattice every vertex goes through it.
   */
  private readonly row = (rowBase: number, partial: number): void => {
    const { n, order, delta, closer1, closer2 } = this.plan.axes[this.d - 1];
    const { dist, words, closer, top } = this;
    for (let j = 0; j < n; j++) {
      const v = rowBase + order[j];
      const d0 = partial + delta[order[j]];
      if (((words[v >>> 5] >>> (v & 31)) & 1) !== 0) {
        dist[v] = BLOCKED;
        this.onDark(v, d0, true);
        continue;
      }
      let lit = d0 === 0 || (closer1[j] !== 0 && dist[v + closer1[j]] >= 0) || (closer2[j] !== 0 && dist[v + closer2[j]] >= 0);
      for (let i = 0; i < top && !lit; i++) lit = dist[v + closer[i]] >= 0;
      if (lit) {
        dist[v] = d0;
      } else {
        dist[v] = UNVISITED;
        this.onDark(v, d0, false);
      }
    }
  };
}

/**
 * Breadth-first search of the shadow (vertices labelled UNVISITED), seeded
 * level by level from the lit vertices next to it; returns how many shadow
 * vertices it reached. O(shadow · d).
 */
function searchShadow(l: Lattice, dist: Int32Array, shadow: IndexList, maxDistance: number, opts: RunOptions): number {
  if (shadow.length === 0) return 0;
  // Each seed's earliest label: one more than its best lit neighbour.
  const buf = new Float64Array(2 * l.dimensions);
  const start = new Int32Array(shadow.length);
  let lowest = Infinity;
  let highest = -1;
  for (let i = 0; i < shadow.length; i++) {
    const u = shadow.items[i];
    const count = neighborsInto(l, u, buf);
    let best = Infinity;
    for (let j = 0; j < count; j++) {
      const h = dist[buf[j]];
      if (h >= 0 && h + 1 < best) best = h + 1;
    }
    start[i] = best === Infinity ? -1 : best;
    if (best !== Infinity) {
      lowest = Math.min(lowest, best);
      highest = Math.max(highest, best);
    }
  }
  if (highest < 0) return 0;
  // Seeds by earliest label (a counting sort), with their labels beside them.
  const offsets = new Int32Array(highest - lowest + 2);
  for (let i = 0; i < shadow.length; i++) if (start[i] >= 0) offsets[start[i] - lowest + 1]++;
  for (let h = 1; h < offsets.length; h++) offsets[h] += offsets[h - 1];
  const seeds = new Int32Array(offsets[offsets.length - 1]);
  const seedLevel = new Int32Array(seeds.length);
  for (let i = 0; i < shadow.length; i++) {
    if (start[i] < 0) continue;
    const at = offsets[start[i] - lowest]++;
    seeds[at] = shadow.items[i];
    seedLevel[at] = start[i];
  }

  const queue = new Int32Array(shadow.length);
  let head = 0;
  let tail = 0;
  let next = 0;
  let level = lowest;
  while (next < seeds.length || head < tail) {
    throwIfAborted(opts.signal);
    // Nothing queued: jump to the next level that has seeds.
    if (head === tail) level = Math.max(level, seedLevel[next]);
    if (level > maxDistance) break;
    while (next < seeds.length && seedLevel[next] === level) {
      const u = seeds[next++];
      if (dist[u] !== UNVISITED) continue;
      dist[u] = level;
      queue[tail++] = u;
    }
    // Expand this level only: the kernel stops at the first vertex of the next one.
    const levelEnd = tail;
    tail = bfsSweep(l, dist, queue, head, tail, Math.min(level + 1, maxDistance), { signal: opts.signal });
    head = levelEnd;
    level++;
  }
  return tail;
}
