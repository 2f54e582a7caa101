import { Bitset } from './bitset.js';
import { EngineError } from './errors.js';
import { splitmix64Fill, splitmix64Hash } from './prng.js';

/*
 * A lattice is implicit: shape, boundary, an obstacle rule and an optional
 * value field. Vertex i has coordinates (c_0 .. c_{d-1}) with
 * i = Σ c_k · strides[k], row-major, the LAST dimension fastest. Neighbours
 * differ by ±1 in one coordinate; on a periodic side they wrap. A periodic
 * side of length 2 has one edge between its two positions, not two parallel
 * ones, so the graph stays simple.
 */

export type Boundary = 'open' | 'periodic';
export type ObstacleSpec = { density: number; seed: number } | { coordinates: number[][] };

export interface LatticeDefinition {
  shape: number[];
  boundary?: Boundary;
  obstacles?: ObstacleSpec | null;
}

export interface Lattice {
  readonly shape: readonly number[];
  readonly dimensions: number;
  readonly boundary: Boundary;
  /** Row-major, last dimension fastest: strides[d-1] = 1. */
  readonly strides: readonly number[];
  /** Exact vertex count, at most Number.MAX_SAFE_INTEGER. */
  readonly vertexCount: number;
  /** Exact edge count of the obstacle-free graph, at most Number.MAX_SAFE_INTEGER. */
  readonly edgeCount: number;
  readonly obstacleSpec: ObstacleSpec | null;
  /** Optional value field, one value per vertex in index order. */
  field: Float64Array | null;
}

export const MAX_DIMENSIONS = 10;
/** Per-vertex arrays are indexed with 32-bit integers; larger lattices stay implicit only. */
export const MAX_MATERIALIZED_VERTICES = 2 ** 31 - 1;

const blockedSets = new WeakMap<Lattice, Set<number>>();
const bitsets = new WeakMap<Lattice, Bitset>();

function validateShape(shape: unknown): number[] {
  if (!Array.isArray(shape)) throw new EngineError('invalid_shape', 'shape must be an array of integers');
  if (shape.length < 1 || shape.length > MAX_DIMENSIONS) {
    throw new EngineError('invalid_shape', `shape must have 1 to ${MAX_DIMENSIONS} dimensions`, {
      dimensions: shape.length,
    });
  }
  for (let k = 0; k < shape.length; k++) {
    const n: unknown = shape[k];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 2) {
      throw new EngineError('invalid_shape', 'every side must be an integer ≥ 2', { dimension: k, side: n });
    }
  }
  return shape.slice() as number[];
}

function product(shape: readonly number[], skip: number): number {
  let v = 1;
  for (let k = 0; k < shape.length; k++) {
    if (k === skip) continue;
    if (v > Number.MAX_SAFE_INTEGER / shape[k]) return Infinity;
    v *= shape[k];
  }
  return v;
}

/** Edges along one dimension: open sides have n−1 per line, periodic n (1 when n = 2). */
function edgesPerLine(n: number, boundary: Boundary): number {
  if (boundary === 'open') return n - 1;
  return n === 2 ? 1 : n;
}

function countEdges(shape: readonly number[], boundary: Boundary): number {
  let e = 0;
  for (let k = 0; k < shape.length; k++) {
    const lines = product(shape, k);
    const per = edgesPerLine(shape[k], boundary);
    if (lines > Number.MAX_SAFE_INTEGER / per) return Infinity;
    e += lines * per;
    if (e > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  return e;
}

function validateObstacles(spec: unknown, l: Pick<Lattice, 'shape' | 'strides'>): ObstacleSpec | null {
  if (spec === undefined || spec === null) return null;
  if (typeof spec !== 'object') throw new EngineError('invalid_parameter', 'obstacles must be an object');
  if ('coordinates' in spec) {
    const list: unknown = (spec as { coordinates: unknown }).coordinates;
    if (!Array.isArray(list)) throw new EngineError('invalid_coordinates', 'obstacle coordinates must be a list');
    const copy = list.map((c: unknown, k) => {
      checkCoords(l, c, `obstacle ${k}`);
      return (c as number[]).slice();
    });
    return { coordinates: copy };
  }
  const { density, seed } = spec as { density?: unknown; seed?: unknown };
  if (typeof density !== 'number' || !(density >= 0 && density <= 1)) {
    throw new EngineError('invalid_parameter', 'obstacle density must be a number in [0, 1]', { density });
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new EngineError('invalid_parameter', 'obstacle seed must be a safe integer', { seed });
  }
  return { density, seed };
}

/** Builds the implicit lattice description; O(d), plus O(k·d) for a list of k obstacle coordinates. */
export function createLattice(def: LatticeDefinition): Lattice {
  if (def === null || typeof def !== 'object') throw new EngineError('invalid_shape', 'lattice definition required');
  const shape = validateShape(def.shape);
  const boundary = def.boundary ?? 'open';
  if (boundary !== 'open' && boundary !== 'periodic') {
    throw new EngineError('invalid_boundary', "boundary must be 'open' or 'periodic'", { boundary });
  }
  const vertexCount = product(shape, -1);
  if (!Number.isSafeInteger(vertexCount)) {
    throw new EngineError('too_large', 'vertex count exceeds 2^53 − 1', { shape });
  }
  const edgeCount = countEdges(shape, boundary);
  if (!Number.isSafeInteger(edgeCount)) {
    throw new EngineError('too_large', 'edge count exceeds 2^53 − 1', { shape });
  }
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = s;
    s *= shape[k];
  }
  Object.freeze(shape);
  Object.freeze(strides);
  const obstacleSpec = validateObstacles(def.obstacles, { shape, strides });
  return { shape, dimensions: shape.length, boundary, strides, vertexCount, edgeCount, obstacleSpec, field: null };
}

function checkCoords(l: Pick<Lattice, 'shape'>, coords: unknown, what: string): void {
  if (!Array.isArray(coords) || coords.length !== l.shape.length) {
    throw new EngineError('invalid_coordinates', `${what}: expected ${l.shape.length} coordinates`, {
      expected: l.shape.length,
      got: Array.isArray(coords) ? coords.length : typeof coords,
    });
  }
  for (let k = 0; k < coords.length; k++) {
    const c: unknown = coords[k];
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c >= l.shape[k]) {
      throw new EngineError('invalid_coordinates', `${what}: coordinate ${k} must be an integer in [0, ${l.shape[k]})`, {
        dimension: k,
        value: c,
      });
    }
  }
}

/** Row-major index of `coords`; O(d). Throws invalid_coordinates on wrong length or out-of-range values. */
export function indexOf(l: Lattice, coords: readonly number[], what = 'coordinates'): number {
  checkCoords(l, coords, what);
  let i = 0;
  for (let k = 0; k < coords.length; k++) i += coords[k] * l.strides[k];
  return i;
}

/** Throws invalid_coordinates unless `index` is an integer vertex index of `l`. */
export function checkIndex(l: Lattice, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= l.vertexCount) {
    throw new EngineError('invalid_coordinates', `vertex index must be an integer in [0, ${l.vertexCount})`, {
      index,
    });
  }
}

/** Coordinates of vertex `index`; O(d). Writes into `out` when given. */
export function coordsOf(l: Lattice, index: number, out?: number[]): number[] {
  checkIndex(l, index);
  const d = l.dimensions;
  const result = out ?? new Array<number>(d);
  result.length = d;
  let rest = index;
  for (let k = d - 1; k >= 0; k--) {
    const n = l.shape[k];
    const q = Math.floor(rest / n);
    result[k] = rest - q * n;
    rest = q;
  }
  return result;
}

/** True when the obstacle rule can block at least one vertex. */
export function hasObstacles(l: Lattice): boolean {
  const spec = l.obstacleSpec;
  if (spec === null) return false;
  return 'coordinates' in spec ? spec.coordinates.length > 0 : spec.density > 0;
}

function blockedSet(l: Lattice, spec: { coordinates: number[][] }): Set<number> {
  let set = blockedSets.get(l);
  if (set === undefined) {
    set = new Set();
    for (const c of spec.coordinates) set.add(indexOf(l, c, 'obstacle'));
    blockedSets.set(l, set);
  }
  return set;
}

/**
 * Whether vertex `index` (unchecked) is an obstacle; O(1). A density rule blocks i when
 * splitmix64Hash(seed, i) / 2^32 < density, so no state is needed.
 */
export function isBlocked(l: Lattice, index: number): boolean {
  const spec = l.obstacleSpec;
  if (spec === null) return false;
  const bits = bitsets.get(l);
  if (bits !== undefined) return bits.get(index);
  if ('coordinates' in spec) return blockedSet(l, spec).has(index);
  return splitmix64Hash(spec.seed, index) < spec.density * 4294967296;
}

/**
 * Bytes the implicit representation holds now: shape and strides, the
 * obstacle rule, the obstacle bitset once built, and the value field if any; O(1).
 */
export function implicitBytes(l: Lattice): number {
  let bytes = 16 * l.dimensions;
  const spec = l.obstacleSpec;
  if (spec !== null) bytes += 'coordinates' in spec ? 8 * l.dimensions * spec.coordinates.length : 16;
  bytes += bitsets.get(l)?.words.byteLength ?? 0;
  bytes += l.field?.byteLength ?? 0;
  return bytes;
}

/** Throws budget_exceeded (or too_large) unless per-vertex state for `what` may be allocated; O(1). */
export function assertMaterializable(l: Lattice, budget: number | undefined, what: string): void {
  if (budget !== undefined && (typeof budget !== 'number' || Number.isNaN(budget) || budget < 0)) {
    throw new EngineError('invalid_parameter', 'maxMaterializedVertices must be a non-negative number', { budget });
  }
  if (budget !== undefined && l.vertexCount > budget) {
    throw new EngineError('budget_exceeded', `${what} needs ${l.vertexCount} vertices in memory, budget is ${budget}`, {
      what,
      vertices: l.vertexCount,
      budget,
    });
  }
  if (l.vertexCount > MAX_MATERIALIZED_VERTICES) {
    throw new EngineError(
      'too_large',
      `${what} needs ${l.vertexCount} vertices in memory, the engine limit is ${MAX_MATERIALIZED_VERTICES}`,
      {
        what,
        vertices: l.vertexCount,
        limit: MAX_MATERIALIZED_VERTICES,
      },
    );
  }
}

/** Calls visit(i) for every i whose hash falls under the density threshold, in order; O(V), hashes in chunks. */
function forEachDensityObstacle(spec: { density: number; seed: number }, vertices: number, visit: (index: number) => void): void {
  // hash / 2^32 < density ⇔ hash < density · 2^32 exactly: both sides scale by a power of two.
  const threshold = spec.density * 4294967296;
  const chunk = new Uint32Array(4096);
  for (let start = 0; start < vertices; start += chunk.length) {
    const hashes = vertices - start < chunk.length ? chunk.subarray(0, vertices - start) : chunk;
    splitmix64Fill(spec.seed, start, hashes);
    for (let j = 0; j < hashes.length; j++) {
      if (hashes[j] < threshold) visit(start + j);
    }
  }
}

/**
 * Calls visit(i) for every obstacle i, in increasing order, without building
 * the bitset: from the memoised bitset when there is one, else from the rule
 * (hashes made in chunks of 4 096). O(V) for a density rule, O(k log k) for
 * k listed coordinates; O(1) extra memory besides a coordinate list's set.
 */
export function forEachObstacle(l: Lattice, visit: (index: number) => void): void {
  const spec = l.obstacleSpec;
  if (spec === null || !hasObstacles(l)) return;
  const bits = bitsets.get(l);
  if (bits !== undefined) {
    bits.forEachSet(visit);
    return;
  }
  if ('coordinates' in spec) {
    for (const i of [...blockedSet(l, spec)].sort((a, b) => a - b)) visit(i);
    return;
  }
  forEachDensityObstacle(spec, l.vertexCount, visit);
}

/**
 * The obstacle set as a bitset, built once per lattice and memoised; O(V) the
 * first time. Null when the lattice has no obstacles.
 */
export function obstacleBitset(l: Lattice, budget?: number): Bitset | null {
  if (!hasObstacles(l)) return null;
  const cached = bitsets.get(l);
  if (cached !== undefined) return cached;
  assertMaterializable(l, budget, 'obstacle bitset');
  const spec = l.obstacleSpec as ObstacleSpec;
  const bits = new Bitset(l.vertexCount);
  if ('coordinates' in spec) {
    for (const i of blockedSet(l, spec)) bits.set(i);
  } else {
    forEachDensityObstacle(spec, bits.size, (i) => bits.set(i));
  }
  bitsets.set(l, bits);
  return bits;
}

/**
 * Writes the distinct neighbours of `index` into `out` and returns how many;
 * O(d), unchecked (callers validate the index once). Order: dimension 0
 * first, the −1 side before the +1 side. Honours the boundary, not obstacles.
 */
export function neighborsInto(l: Lattice, index: number, out: number[] | Float64Array): number {
  const periodic = l.boundary === 'periodic';
  let count = 0;
  let rest = index;
  // Decode from the last dimension up, then emit in dimension order.
  for (let k = l.dimensions - 1; k >= 0; k--) {
    const n = l.shape[k];
    const q = Math.floor(rest / n);
    const c = rest - q * n;
    rest = q;
    const s = l.strides[k];
    const slot = 2 * k;
    if (periodic && n === 2) {
      out[slot] = c === 0 ? index + s : index - s;
      out[slot + 1] = -1;
      continue;
    }
    out[slot] = c > 0 ? index - s : periodic ? index + (n - 1) * s : -1;
    out[slot + 1] = c < n - 1 ? index + s : periodic ? index - (n - 1) * s : -1;
  }
  for (let j = 0; j < 2 * l.dimensions; j++) {
    if (out[j] >= 0) out[count++] = out[j];
  }
  return count;
}

/**
 * Calls fn for each distinct neighbour of `index` in neighborsInto order;
 * O(d). Honours the boundary but not obstacles.
 */
export function forEachNeighbor(l: Lattice, index: number, fn: (n: number) => void): void {
  checkIndex(l, index);
  const out = new Array<number>(2 * l.dimensions);
  const count = neighborsInto(l, index, out);
  for (let j = 0; j < count; j++) fn(out[j]);
}

/** Number of unblocked neighbours of an unblocked vertex (0 for an obstacle); O(d). */
export function degreeOf(l: Lattice, index: number): number {
  checkIndex(l, index);
  if (isBlocked(l, index)) return 0;
  let degree = 0;
  forEachNeighbor(l, index, (n) => {
    if (!isBlocked(l, n)) degree++;
  });
  return degree;
}
