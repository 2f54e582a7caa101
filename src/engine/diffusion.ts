import type { CostEstimate, RunOptions } from './cost.js';
import { throwIfAborted } from './cost.js';
import { EngineError } from './errors.js';
import { checkField, materializeField } from './field.js';
import type { Lattice } from './lattice.js';
import { assertMaterializable, indexOf, isBlocked, obstacleBitset } from './lattice.js';

/*
 * Explicit heat equation on the lattice graph:
 *   u_{t+1}(v) = u_t(v) + dt·D·Σ_{w ~ v} (u_t(w) − u_t(v)),
 * the sum over the distinct unblocked neighbours w (a periodic side of length
 * 2 gives one neighbour, as in the core lattice). Consequences:
 * - open sides are Neumann (zero flux): a missing neighbour adds no term;
 * - periodic sides wrap;
 * - obstacles are insulating: they exchange nothing and keep their value,
 *   and are left out of every statistic.
 * Every exchange is antisymmetric, so the total over unblocked vertices (the
 * mass) is conserved up to rounding. The scheme is stable (no sign flips)
 * while 1 − dt·D·degree ≥ 0; with degree ≤ 2d that is dt·D·2d ≤ 1, enforced.
 */

export interface DiffusionSource {
  vertex: number[];
  amount: number;
}

export interface DiffusionParams {
  steps: number;
  dt: number;
  diffusivity: number;
  /** Amounts added to the initial state, before the first step. */
  sources?: DiffusionSource[];
  /** 'field' (default): the lattice's value field, or the default field when it has none. 'zero': all zeros. */
  initial?: 'field' | 'zero';
  /** Record statistics every this many steps (and at the end); none when omitted. */
  snapshotEvery?: number;
}

export interface FieldStats {
  min: number;
  max: number;
  mean: number;
  /** Sum over unblocked vertices. */
  mass: number;
}

export interface DiffusionResult {
  steps: number;
  dt: number;
  diffusivity: number;
  /** dt·D·2d, at most 1. */
  stability_number: number;
  initial: FieldStats;
  final: FieldStats;
  snapshots: (FieldStats & { step: number })[];
  /** The state after the last step; the lattice's own field is not changed. */
  field: Float64Array;
}

export const MAX_DIFFUSION_STEPS = 1_000_000;

function finiteParam(value: unknown, name: string, positive: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new EngineError('invalid_parameter', `${name} must be a finite number ${positive ? '> 0' : '≥ 0'}`, { [name]: value });
  }
  return value;
}

function intParam(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new EngineError('invalid_parameter', `${name} must be an integer in [${min}, ${max}]`, { [name]: value });
  }
  return value;
}

/** Work and memory of `diffuse`: O(steps·V·d) work, two Float64 fields. */
export function estimateDiffuse(l: Lattice, params: Pick<DiffusionParams, 'steps'>): CostEstimate {
  return {
    operation: 'diffusion',
    // The stencil streams through memory: a neighbour term costs a quarter of a BFS neighbour test.
    work: (Math.max(1, params.steps) * l.vertexCount * (2 * l.dimensions + 1)) / 4,
    // In one thread: the initial state and the next; split over the pool: the initial state, two
    // shared buffers and the answer's copy of the last. The obstacle bitset either way.
    bytes: 32 * l.vertexCount + l.vertexCount / 8,
    materializedVertices: l.vertexCount,
    parallelizable: true,
  };
}

/**
 * One explicit step over the slab of vertex indices [from, to): reads src,
 * writes dst (never aliased), coefficient = dt·D; O((to−from)·d). Slabs are
 * independent, so a pool may split [0, V) and run them concurrently on
 * shared buffers. `blocked` is the obstacle Bitset's words, or null.
 */
export function diffusionStep(
  l: Lattice,
  src: Float64Array,
  dst: Float64Array,
  coefficient: number,
  from: number,
  to: number,
  blocked: Uint32Array | null,
): void {
  const d = l.dimensions;
  const periodic = l.boundary === 'periodic';
  const n = l.shape[d - 1];
  // Offsets of the neighbours along dimensions 0..d−2 are fixed for a whole row.
  const offsets = new Int32Array(2 * (d - 1));
  const c = new Int32Array(d);
  let rest = from;
  for (let k = d - 1; k >= 0; k--) {
    c[k] = rest % l.shape[k];
    rest = Math.floor(rest / l.shape[k]);
  }
  let i = from;
  while (i < to) {
    let m = 0;
    for (let k = 0; k < d - 1; k++) {
      const nk = l.shape[k];
      const s = l.strides[k];
      if (periodic && nk === 2) {
        offsets[m++] = c[k] === 0 ? s : -s;
        continue;
      }
      if (c[k] > 0) offsets[m++] = -s;
      else if (periodic) offsets[m++] = (nk - 1) * s;
      if (c[k] < nk - 1) offsets[m++] = s;
      else if (periodic) offsets[m++] = -(nk - 1) * s;
    }
    const rowStart = i - c[d - 1];
    const end = Math.min(to, rowStart + n);
    if (blocked === null) rowFree(src, dst, coefficient, i, end, rowStart, n, periodic, offsets, m);
    else rowBlocked(src, dst, coefficient, i, end, rowStart, n, periodic, offsets, m, blocked);
    i = end;
    c[d - 1] = 0;
    for (let k = d - 2; k >= 0; k--) {
      if (++c[k] < l.shape[k]) break;
      c[k] = 0;
    }
  }
}

/** Neighbours along the last dimension of x = rowStart + j; −1 when absent. A periodic n = 2 row has one. */
function rowNeighbour(x: number, j: number, n: number, periodic: boolean, side: -1 | 1): number {
  if (side < 0) return j > 0 ? x - 1 : periodic && n > 2 ? x + n - 1 : -1;
  return j < n - 1 ? x + 1 : periodic && n > 2 ? x - n + 1 : -1;
}

// Obstacle-free rows. Up to four cross-row neighbours (2D and 3D) the interior
// is one fused loop per neighbour count; beyond that the cross-row sums are
// gathered row by row first. The two row ends are finished apart.
function rowFree(
  src: Float64Array,
  dst: Float64Array,
  coefficient: number,
  a: number,
  b: number,
  rowStart: number,
  n: number,
  periodic: boolean,
  offsets: Int32Array,
  m: number,
): void {
  const lo = Math.max(a, rowStart + 1);
  const hi = Math.min(b, rowStart + n - 1);
  const k = coefficient;
  const o0 = offsets[0];
  const o1 = offsets[1];
  const o2 = offsets[2];
  const o3 = offsets[3];
  if (m === 0) {
    for (let x = lo; x < hi; x++) {
      const u = src[x];
      dst[x] = u + k * (src[x - 1] + src[x + 1] - 2 * u);
    }
  } else if (m === 1) {
    for (let x = lo; x < hi; x++) {
      const u = src[x];
      dst[x] = u + k * (src[x - 1] + src[x + 1] + src[x + o0] - 3 * u);
    }
  } else if (m === 2) {
    for (let x = lo; x < hi; x++) {
      const u = src[x];
      dst[x] = u + k * (src[x - 1] + src[x + 1] + src[x + o0] + src[x + o1] - 4 * u);
    }
  } else if (m === 3) {
    for (let x = lo; x < hi; x++) {
      const u = src[x];
      dst[x] = u + k * (src[x - 1] + src[x + 1] + src[x + o0] + src[x + o1] + src[x + o2] - 5 * u);
    }
  } else if (m === 4) {
    for (let x = lo; x < hi; x++) {
      const u = src[x];
      dst[x] = u + k * (src[x - 1] + src[x + 1] + src[x + o0] + src[x + o1] + src[x + o2] + src[x + o3] - 6 * u);
    }
  } else {
    for (let x = lo; x < hi; x++) dst[x] = src[x - 1] + src[x + 1];
    for (let t = 0; t < m; t++) {
      const o = offsets[t];
      for (let x = lo; x < hi; x++) dst[x] += src[x + o];
    }
    for (let x = lo; x < hi; x++) {
      const u = src[x];
      dst[x] = u + k * (dst[x] - (m + 2) * u);
    }
  }
  rowEnd(src, dst, k, rowStart, 0, a, b, n, periodic, offsets, m);
  rowEnd(src, dst, k, rowStart + n - 1, n - 1, a, b, n, periodic, offsets, m);
}

/** Finishes x = rowStart + j (a row end) when it lies in the slab [a, b). */
function rowEnd(
  src: Float64Array,
  dst: Float64Array,
  coefficient: number,
  x: number,
  j: number,
  a: number,
  b: number,
  n: number,
  periodic: boolean,
  offsets: Int32Array,
  m: number,
): void {
  if (x < a || x >= b) return;
  const u = src[x];
  let flux = 0;
  for (let t = 0; t < m; t++) flux += src[x + offsets[t]] - u;
  const left = rowNeighbour(x, j, n, periodic, -1);
  const right = rowNeighbour(x, j, n, periodic, 1);
  if (left >= 0) flux += src[left] - u;
  if (right >= 0) flux += src[right] - u;
  dst[x] = u + coefficient * flux;
}

function rowBlocked(
  src: Float64Array,
  dst: Float64Array,
  coefficient: number,
  a: number,
  b: number,
  rowStart: number,
  n: number,
  periodic: boolean,
  offsets: Int32Array,
  m: number,
  blocked: Uint32Array,
): void {
  for (let x = a; x < b; x++) {
    const u = src[x];
    if ((blocked[x >>> 5] & (1 << (x & 31))) !== 0) {
      dst[x] = u;
      continue;
    }
    let flux = 0;
    for (let t = 0; t < m; t++) {
      const w = x + offsets[t];
      if ((blocked[w >>> 5] & (1 << (w & 31))) === 0) flux += src[w] - u;
    }
    const left = rowNeighbour(x, x - rowStart, n, periodic, -1);
    const right = rowNeighbour(x, x - rowStart, n, periodic, 1);
    if (left >= 0 && (blocked[left >>> 5] & (1 << (left & 31))) === 0) flux += src[left] - u;
    if (right >= 0 && (blocked[right >>> 5] & (1 << (right & 31))) === 0) flux += src[right] - u;
    dst[x] = u + coefficient * flux;
  }
}

/** Min, max, mean and mass over unblocked vertices; O(V). */
export function fieldStats(field: Float64Array, blocked: Uint32Array | null): FieldStats {
  let min = Infinity;
  let max = -Infinity;
  let mass = 0;
  let count = 0;
  for (let i = 0; i < field.length; i++) {
    if (blocked !== null && (blocked[i >>> 5] & (1 << (i & 31))) !== 0) continue;
    const x = field[i];
    if (x < min) min = x;
    if (x > max) max = x;
    mass += x;
    count++;
  }
  return count === 0 ? { min: 0, max: 0, mean: 0, mass: 0 } : { min, max, mean: mass / count, mass };
}

function initialState(l: Lattice, params: DiffusionParams, opts: RunOptions): Float64Array {
  const initial = params.initial ?? 'field';
  if (initial !== 'field' && initial !== 'zero') {
    throw new EngineError('invalid_parameter', "initial must be 'field' or 'zero'", { initial });
  }
  if (initial === 'zero') return new Float64Array(l.vertexCount);
  // Progress is reported per step only, so the caller sees one monotonic sequence.
  if (l.field === null) return materializeField(l, {}, { ...opts, onProgress: undefined });
  checkField(l, l.field);
  return l.field.slice();
}

function addSources(l: Lattice, u: Float64Array, sources: unknown): void {
  if (sources === undefined) return;
  if (!Array.isArray(sources)) throw new EngineError('invalid_parameter', 'sources must be a list of { vertex, amount }');
  sources.forEach((source: DiffusionSource, k) => {
    if (source === null || typeof source !== 'object') {
      throw new EngineError('invalid_parameter', `source ${k} must be { vertex, amount }`);
    }
    const index = indexOf(l, source.vertex, `source ${k}`);
    if (isBlocked(l, index)) {
      throw new EngineError('invalid_coordinates', `source ${k} is an obstacle`, { source: k, vertex: source.vertex });
    }
    if (typeof source.amount !== 'number' || !Number.isFinite(source.amount)) {
      throw new EngineError('invalid_parameter', `source ${k}: amount must be a finite number`, { amount: source.amount });
    }
    u[index] += source.amount;
  });
}

/** Runs `steps` explicit heat steps and reports statistics; O(steps·V·d) time, 16 bytes per vertex. */
export function diffuse(l: Lattice, params: DiffusionParams, opts: RunOptions = {}): DiffusionResult {
  if (params === null || typeof params !== 'object') throw new EngineError('invalid_parameter', 'diffusion parameters required');
  const steps = intParam(params.steps, 'steps', 0, MAX_DIFFUSION_STEPS);
  const dt = finiteParam(params.dt, 'dt', true);
  const diffusivity = finiteParam(params.diffusivity, 'diffusivity', false);
  const snapshotEvery = params.snapshotEvery === undefined ? 0 : intParam(params.snapshotEvery, 'snapshotEvery', 1, MAX_DIFFUSION_STEPS);
  const stability = dt * diffusivity * 2 * l.dimensions;
  if (stability > 1) {
    throw new EngineError(
      'invalid_parameter',
      `unstable: dt·diffusivity·2d = ${stability} exceeds the explicit-scheme bound 1; use dt ≤ ${1 / (diffusivity * 2 * l.dimensions)}`,
      { bound: 1, stability_number: stability, max_dt: 1 / (diffusivity * 2 * l.dimensions) },
    );
  }
  assertMaterializable(l, opts.maxMaterializedVertices, 'diffusion');
  const blocked = obstacleBitset(l, opts.maxMaterializedVertices)?.words ?? null;
  let u = initialState(l, params, opts);
  addSources(l, u, params.sources);
  const initial = fieldStats(u, blocked);
  if (!Number.isFinite(initial.mass)) {
    throw new EngineError('invalid_parameter', 'the initial field has non-finite values; diffusion needs finite ones', {
      mass: initial.mass,
    });
  }
  let next: Float64Array = new Float64Array(u.length);
  const coefficient = dt * diffusivity;
  const snapshots: DiffusionResult['snapshots'] = [];
  for (let step = 1; step <= steps; step++) {
    throwIfAborted(opts.signal);
    diffusionStep(l, u, next, coefficient, 0, u.length, blocked);
    [u, next] = [next, u];
    if (snapshotEvery > 0 && (step % snapshotEvery === 0 || step === steps)) {
      snapshots.push({ step, ...fieldStats(u, blocked) });
    }
    opts.onProgress?.(step / steps);
  }
  return {
    steps,
    dt,
    diffusivity,
    stability_number: stability,
    initial,
    final: fieldStats(u, blocked),
    snapshots,
    field: u,
  };
}
