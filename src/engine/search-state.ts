import { EngineError } from './errors.js';
import type { Lattice } from './lattice.js';

/*
 * Per-vertex state for searches that usually touch a small part of the
 * lattice (paths, neighbourhoods). Small lattices get a typed array; large
 * ones a Map, so a search costs memory in proportion to what it visits, not to
 * V, and may run on a lattice of 10^12 vertices. The Map is capped: visiting
 * more vertices than the budget throws budget_exceeded, and past
 * MAX_SEARCH_VISITS (a Map's practical size) too_large.
 */

/** Lattices up to this size use typed arrays for search state (32 MiB as Float64). */
export const DENSE_SEARCH_LIMIT = 2 ** 22;
/** Visited-vertex cap for Map-backed searches when the caller sets no budget. */
export const DEFAULT_SEARCH_CAP = 2 ** 22;
/** Hard cap for Map-backed searches whatever the budget: V8 Maps stop near 2^24 entries. */
export const MAX_SEARCH_VISITS = 2 ** 23;

/** Number per vertex, reading `empty` until set. */
export interface VertexStore {
  get(i: number): number;
  set(i: number, value: number): void;
  /** Vertices set at least once. */
  readonly count: number;
}

class DenseStore implements VertexStore {
  count = 0;
  constructor(
    private readonly values: Float64Array | Int32Array,
    private readonly empty: number,
  ) {
    values.fill(empty);
  }
  get(i: number): number {
    return this.values[i];
  }
  set(i: number, value: number): void {
    if (this.values[i] === this.empty) this.count++;
    this.values[i] = value;
  }
}

class SparseStore implements VertexStore {
  private readonly values = new Map<number, number>();
  constructor(
    private readonly empty: number,
    private readonly cap: number,
    private readonly what: string,
    private readonly code: 'budget_exceeded' | 'too_large',
  ) {}
  get count(): number {
    return this.values.size;
  }
  get(i: number): number {
    return this.values.get(i) ?? this.empty;
  }
  set(i: number, value: number): void {
    if (this.values.size >= this.cap && !this.values.has(i)) {
      throw new EngineError(this.code, `${this.what} visited more than ${this.cap} vertices`, {
        what: this.what,
        limit: this.cap,
      });
    }
    this.values.set(i, value);
  }
}

/**
 * Whether searches on `l` keep state in typed arrays under this budget. A
 * search expected to touch under 1/16 of the lattice uses a Map even when
 * the array would fit, since filling V entries would dominate its cost.
 */
export function usesDenseState(l: Lattice, budget: number | undefined, expectedVisits = Infinity): boolean {
  return l.vertexCount <= DENSE_SEARCH_LIMIT && (budget === undefined || l.vertexCount <= budget) && expectedVisits * 16 >= l.vertexCount;
}

/** Vertices a search may hold state for under this budget. */
export function searchCapacity(l: Lattice, budget: number | undefined): number {
  if (budget !== undefined && (typeof budget !== 'number' || Number.isNaN(budget) || budget < 0)) {
    throw new EngineError('invalid_parameter', 'maxMaterializedVertices must be a non-negative number', { budget });
  }
  if (usesDenseState(l, budget)) return l.vertexCount;
  return Math.min(l.vertexCount, budget ?? DEFAULT_SEARCH_CAP, MAX_SEARCH_VISITS);
}

/**
 * A per-vertex store for a search on `l`; `integer` stores fit Int32 (indices
 * and hop counts below 2^31). `expectedVisits` bounds how many vertices the
 * search can touch, when known.
 */
export function createStore(
  l: Lattice,
  budget: number | undefined,
  empty: number,
  integer: boolean,
  what: string,
  expectedVisits = Infinity,
): VertexStore {
  if (usesDenseState(l, budget, expectedVisits)) {
    const V = l.vertexCount;
    return new DenseStore(integer ? new Int32Array(V) : new Float64Array(V), empty);
  }
  const cap = searchCapacity(l, budget);
  const code = cap === MAX_SEARCH_VISITS && (budget ?? 0) > cap ? 'too_large' : 'budget_exceeded';
  return new SparseStore(empty, cap, what, code);
}

/**
 * Binary min-heap of vertices ordered by (primary, secondary) keys, in
 * growable parallel Float64Arrays so vertex indices up to 2^53 fit.
 */
export class MinHeap {
  private primary: Float64Array = new Float64Array(64);
  private secondary: Float64Array = new Float64Array(64);
  private items: Float64Array = new Float64Array(64);
  size = 0;

  push(item: number, primary: number, secondary = 0): void {
    if (this.size === this.items.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(primary, secondary, this.primary[parent], this.secondary[parent])) break;
      this.place(i, this.items[parent], this.primary[parent], this.secondary[parent]);
      i = parent;
    }
    this.place(i, item, primary, secondary);
  }

  /** Key of the top item; call only when size > 0. */
  topPrimary(): number {
    return this.primary[0];
  }

  topSecondary(): number {
    return this.secondary[0];
  }

  /** Removes and returns the top item; call only when size > 0. */
  pop(): number {
    const top = this.items[0];
    const last = --this.size;
    const item = this.items[last];
    const p = this.primary[last];
    const s = this.secondary[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.less(this.primary[child + 1], this.secondary[child + 1], this.primary[child], this.secondary[child])) {
        child++;
      }
      if (!this.less(this.primary[child], this.secondary[child], p, s)) break;
      this.place(i, this.items[child], this.primary[child], this.secondary[child]);
      i = child;
    }
    if (last > 0) this.place(i, item, p, s);
    return top;
  }

  private less(p1: number, s1: number, p2: number, s2: number): boolean {
    return p1 < p2 || (p1 === p2 && s1 < s2);
  }

  private place(i: number, item: number, p: number, s: number): void {
    this.items[i] = item;
    this.primary[i] = p;
    this.secondary[i] = s;
  }

  private grow(): void {
    const n = this.items.length * 2;
    const resize = (a: Float64Array): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.items = resize(this.items);
    this.primary = resize(this.primary);
    this.secondary = resize(this.secondary);
  }
}
