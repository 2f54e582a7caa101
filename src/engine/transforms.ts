import { checksum } from './checksum.js';
import type { CostEstimate, RunOptions } from './cost.js';
import { throwIfAborted } from './cost.js';
import { EngineError } from './errors.js';
import { ensureField } from './field.js';
import type { Lattice } from './lattice.js';
import { splitmix64Fill } from './prng.js';
import {
  restoredNormalizeChecksum,
  restoredRotateChecksum,
  restoredScaleChecksum,
  restoredXorChecksum,
  tapeReport,
  type TransformTapeReport,
} from './transform-restoration.js';

/*
 * In-place transforms of the lattice's value field (materialised on first
 * use, within the budget). The field is a dense array: obstacles carry values
 * like any vertex and are transformed with them.
 *
 * `reversible` always means bit-exact: applying the reported `inverse`
 * restores every value bit for bit. xor and rotate are exact permutations of
 * bits; scale and normalize check every value's round trip as they go (a
 * power-of-two factor is exact unless a value overflows or goes subnormal).
 *
 * The signal is checked before the field is touched, never half-way, so an
 * aborted transform leaves the field as it was; each transform is one O(V) pass.
 */

export type TransformationType = 'xor' | 'rotate' | 'scale' | 'normalize';
export const TRANSFORMATION_TYPES: readonly TransformationType[] = ['xor', 'rotate', 'scale', 'normalize'];

export interface TransformResult {
  transformation: TransformationType;
  checksum_before: string;
  checksum_after: string;
  reversible: boolean;
  values: number;
  /** The field as a catalytic tape: whether the reported inverse hands it back, by checksum. */
  catalytic: TransformTapeReport;
}

export interface XorResult extends TransformResult {
  inverse: { key: string | number };
}
export interface RotateResult extends TransformResult {
  axes: [number, number];
  /** Quarter turns applied, normalised to 0..3. */
  turns: number;
  inverse: { axes: [number, number]; turns: number };
}
export interface ScaleResult extends TransformResult {
  factor: number;
  inverse: { factor: number };
}
export interface NormalizeResult extends TransformResult {
  mean_before: number;
  std_before: number;
  /** True for a constant field: it becomes all zeros and cannot be restored. */
  degenerate: boolean;
  inverse: { mean: number; std: number };
}

/**
 * Work per value against the BFS kernel's neighbour test: the transform, the
 * three checksums (before, after, and of the inverse applied), the key
 * stream for xor twice, and a rotation's coordinate arithmetic.
 */
const TRANSFORM_WEIGHT: Record<TransformationType, number> = { xor: 24, rotate: 16, scale: 16, normalize: 16 };

/**
 * Cost of any transform: a few passes over the field. Bytes: the field when
 * it must be materialised, and a copy of it when the run goes to a worker or
 * the GPU (the caller's field is replaced only on success); scratch buffers.
 */
export function estimateTransform(l: Lattice, transformation: TransformationType): CostEstimate {
  return {
    operation: `transform.${transformation}`,
    work: TRANSFORM_WEIGHT[transformation] * l.vertexCount,
    bytes: (l.field === null ? 16 : 8) * l.vertexCount + 2 ** 18,
    materializedVertices: l.vertexCount,
    parallelizable: true,
  };
}

function prepare(l: Lattice, opts: RunOptions): { field: Float64Array; before: string } {
  const field = ensureField(l, opts);
  throwIfAborted(opts.signal);
  return { field, before: checksum(field) };
}

/** The summary of an xor, whichever backend ran it; O(V) for the checksums. */
export function xorResult(before: string, field: Float64Array, key: string | number): XorResult {
  return {
    transformation: 'xor',
    checksum_before: before,
    checksum_after: checksum(field),
    reversible: true,
    values: field.length,
    catalytic: tapeReport(field, before, restoredXorChecksum(field, xorKeySeed(key))),
    inverse: { key },
  };
}

/** The summary of a scale, whichever backend ran it; O(V) for the checksums. */
export function scaleResult(before: string, field: Float64Array, reversible: boolean, factor: number, inverse: number): ScaleResult {
  return {
    transformation: 'scale',
    checksum_before: before,
    checksum_after: checksum(field),
    reversible,
    values: field.length,
    catalytic: tapeReport(field, before, restoredScaleChecksum(field, inverse)),
    factor,
    inverse: { factor: inverse },
  };
}

/** Safe-integer seed of a key: numbers as given, strings by two 32-bit FNV-1a lanes over UTF-16 units. */
export function xorKeySeed(key: unknown): number {
  if (typeof key === 'number') {
    if (!Number.isSafeInteger(key)) throw new EngineError('invalid_parameter', 'a numeric xor key must be a safe integer', { key });
    return key;
  }
  if (typeof key !== 'string' || key.length === 0 || key.length > 1024) {
    throw new EngineError('invalid_parameter', 'xor key must be a non-empty string (≤ 1024 chars) or a safe integer', {
      key: typeof key === 'string' ? `${key.length} chars` : typeof key,
    });
  }
  let lo = 0x811c9dc5;
  let hi = 0x050c5d1f;
  for (let i = 0; i < key.length; i++) {
    lo = Math.imul(lo ^ key.charCodeAt(i), 0x01000193);
    hi = Math.imul(hi ^ key.charCodeAt(i), 0x01000193) ^ (lo >>> 7);
  }
  // 21 high bits + 32 low bits stay a safe integer.
  return (hi >>> 11) * 4294967296 + (lo >>> 0);
}

/**
 * XORs every 32-bit word of the field's bytes with splitmix64Hash(seed(key), word index);
 * its own inverse, bit for bit; O(V).
 */
export function xorField(l: Lattice, key: string | number, opts: RunOptions = {}): XorResult {
  const seed = xorKeySeed(key);
  const { field, before } = prepare(l, opts);
  const words = new Uint32Array(field.buffer, field.byteOffset, field.length * 2);
  const stream = new Uint32Array(1 << 14);
  for (let start = 0; start < words.length; start += stream.length) {
    const chunk = words.length - start < stream.length ? stream.subarray(0, words.length - start) : stream;
    splitmix64Fill(seed, start, chunk);
    for (let j = 0; j < chunk.length; j++) words[start + j] ^= chunk[j];
    opts.onProgress?.((start + chunk.length) / words.length);
  }
  return xorResult(before, field, key);
}

/**
 * Turns the field by `turns` quarter turns in the plane of axes [a, b], taking
 * the value at (x_a, x_b) to (n−1−x_b, x_a) per turn; the two sides must be
 * equal (else not_cubic). In place, by 4-cycles of 32-bit word pairs, so NaN
 * payloads survive; O(V) time, O(1) memory.
 */
export function rotateField(l: Lattice, axes: [number, number], turns: number, opts: RunOptions = {}): RotateResult {
  const d = l.dimensions;
  if (!Array.isArray(axes) || axes.length !== 2 || !axes.every((k) => Number.isInteger(k) && k >= 0 && k < d) || axes[0] === axes[1]) {
    throw new EngineError('invalid_parameter', `axes must be two different dimensions in [0, ${d})`, { axes });
  }
  if (!Number.isSafeInteger(turns)) throw new EngineError('invalid_parameter', 'turns must be an integer', { turns });
  const [a, b] = axes;
  const n = l.shape[a];
  if (l.shape[b] !== n) {
    throw new EngineError('not_cubic', `rotation needs equal sides on axes ${a} and ${b}`, { sides: [n, l.shape[b]] });
  }
  const t = ((turns % 4) + 4) % 4;
  const { field, before } = prepare(l, opts);
  if (t !== 0) rotateInPlace(l, field, a, b, t);
  opts.onProgress?.(1);
  return {
    transformation: 'rotate',
    checksum_before: before,
    checksum_after: checksum(field),
    reversible: true,
    values: field.length,
    catalytic: tapeReport(field, before, restoredRotateChecksum(l, field, a, b, t)),
    axes: [a, b],
    turns: t,
    inverse: { axes: [a, b], turns: (4 - t) % 4 },
  };
}

function rotateInPlace(l: Lattice, field: Float64Array, a: number, b: number, t: number): void {
  const words = new Uint32Array(field.buffer, field.byteOffset, field.length * 2);
  const n = l.shape[a];
  const sa = l.strides[a];
  const sb = l.strides[b];
  const others = l.shape.map((_, k) => k).filter((k) => k !== a && k !== b);
  const planes = l.vertexCount / (n * n);
  const p = new Float64Array(4);
  const lo = new Uint32Array(4);
  const hi = new Uint32Array(4);
  for (let plane = 0; plane < planes; plane++) {
    let rest = plane;
    let base = 0;
    for (let j = others.length - 1; j >= 0; j--) {
      const k = others[j];
      base += (rest % l.shape[k]) * l.strides[k];
      rest = Math.floor(rest / l.shape[k]);
    }
    // Orbits of the quarter turn: (x, y) → (n−1−y, x) → (n−1−x, n−1−y) → (y, n−1−x).
    for (let x = 0; x < n >> 1; x++) {
      for (let y = 0; y < (n + 1) >> 1; y++) {
        p[0] = base + x * sa + y * sb;
        p[1] = base + (n - 1 - y) * sa + x * sb;
        p[2] = base + (n - 1 - x) * sa + (n - 1 - y) * sb;
        p[3] = base + y * sa + (n - 1 - x) * sb;
        for (let i = 0; i < 4; i++) {
          lo[i] = words[2 * p[i]];
          hi[i] = words[2 * p[i] + 1];
        }
        for (let i = 0; i < 4; i++) {
          const to = p[(i + t) & 3];
          words[2 * to] = lo[i];
          words[2 * to + 1] = hi[i];
        }
      }
    }
  }
}

/** Multiplies every value by `factor` (finite, ≠ 0); reversible when every value survives ×factor ×(1/factor); O(V). */
export function scaleField(l: Lattice, factor: number, opts: RunOptions = {}): ScaleResult {
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor === 0) {
    throw new EngineError('invalid_parameter', 'factor must be a finite, non-zero number', { factor });
  }
  const inverse = 1 / factor;
  if (!Number.isFinite(inverse)) {
    throw new EngineError('invalid_parameter', 'factor is too small: its inverse overflows', { factor });
  }
  const { field, before } = prepare(l, opts);
  // The inverse must itself be an acceptable factor (its own inverse finite).
  let reversible = Number.isFinite(1 / inverse);
  for (let i = 0; i < field.length; i++) {
    const x = field[i];
    const y = x * factor;
    field[i] = y;
    // Object.is tells −0 from 0; NaN payloads are not kept by arithmetic, so a NaN is never exact.
    if (reversible && (x !== x || !Object.is(y * inverse, x))) reversible = false;
  }
  opts.onProgress?.(1);
  return scaleResult(before, field, reversible, factor, inverse);
}

/**
 * Shifts and scales the field to mean 0 and (population) variance 1; a
 * constant field becomes all zeros (degenerate, not reversible). Needs finite
 * values (else invalid_parameter). Reversible when every value comes back bit
 * for bit as y·std + mean (in that order); O(V), two passes.
 */
export function normalizeField(l: Lattice, opts: RunOptions = {}): NormalizeResult {
  const { field, before } = prepare(l, opts);
  const V = field.length;
  let sum = 0;
  for (let i = 0; i < V; i++) sum += field[i];
  if (!Number.isFinite(sum)) {
    throw new EngineError('invalid_parameter', 'normalize needs finite values with a finite sum', { sum });
  }
  const mean = sum / V;
  let squares = 0;
  for (let i = 0; i < V; i++) {
    const e = field[i] - mean;
    squares += e * e;
  }
  const std = Math.sqrt(squares / V);
  const degenerate = std === 0 || !Number.isFinite(std);
  let reversible = !degenerate;
  for (let i = 0; i < V; i++) {
    const x = field[i];
    const y = degenerate ? 0 : (x - mean) / std;
    field[i] = y;
    if (reversible && !Object.is(y * std + mean, x)) reversible = false;
  }
  opts.onProgress?.(1);
  return {
    transformation: 'normalize',
    checksum_before: before,
    checksum_after: checksum(field),
    reversible,
    values: V,
    catalytic: tapeReport(field, before, restoredNormalizeChecksum(field, mean, degenerate ? 0 : std)),
    mean_before: mean,
    std_before: degenerate ? 0 : std,
    degenerate,
    inverse: { mean, std: degenerate ? 0 : std },
  };
}
