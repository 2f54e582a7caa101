import type { CostEstimate, RunOptions } from './cost.js';
import { throwIfAborted } from './cost.js';
import { EngineError } from './errors.js';
import type { Lattice } from './lattice.js';
import { assertMaterializable, obstacleBitset } from './lattice.js';
import { splitmix64Fill } from './prng.js';

/*
 * The default value field, materialised when an operation first needs one.
 * It must be the same on every machine and for every backend, so it is a pure
 * function of (vertex index, seed):
 *   'uniform': value[i] = splitmix64Hash(seed, i) / 2^32, uniform in [0, 1);
 *   'zero':    value[i] = 0.
 * Obstacles hold 0 in both, so an insulating obstacle starts with no heat.
 */

export type FieldFill = 'uniform' | 'zero';

export interface FieldParams {
  fill?: FieldFill;
  /** Safe integer; 0 when omitted. */
  seed?: number;
}

const CHUNK = 1 << 16;

/** Cost of materialising a field: one pass, 8 bytes per vertex. */
export function estimateMaterializeField(l: Lattice): CostEstimate {
  return {
    operation: 'materialize_field',
    work: l.vertexCount,
    bytes: 8 * l.vertexCount,
    materializedVertices: l.vertexCount,
    parallelizable: true,
  };
}

/** A fresh default field for `l` (see the file comment for the values); O(V). Does not attach it. */
export function materializeField(l: Lattice, params: FieldParams = {}, opts: RunOptions = {}): Float64Array {
  const fill = params.fill ?? 'uniform';
  const seed = params.seed ?? 0;
  if (fill !== 'uniform' && fill !== 'zero') {
    throw new EngineError('invalid_parameter', "field fill must be 'uniform' or 'zero'", { fill });
  }
  if (!Number.isSafeInteger(seed)) throw new EngineError('invalid_parameter', 'field seed must be a safe integer', { seed });
  assertMaterializable(l, opts.maxMaterializedVertices, 'value field');
  const field = new Float64Array(l.vertexCount);
  if (fill === 'zero') return field;
  const blocked = obstacleBitset(l, opts.maxMaterializedVertices);
  const hashes = new Uint32Array(CHUNK);
  for (let start = 0; start < field.length; start += CHUNK) {
    throwIfAborted(opts.signal);
    const chunk = field.length - start < CHUNK ? hashes.subarray(0, field.length - start) : hashes;
    splitmix64Fill(seed, start, chunk);
    for (let j = 0; j < chunk.length; j++) field[start + j] = chunk[j] / 4294967296;
    opts.onProgress?.(Math.min(1, (start + chunk.length) / field.length));
  }
  if (blocked !== null) {
    const words = blocked.words;
    for (let i = 0; i < field.length; i++) {
      if ((words[i >>> 5] & (1 << (i & 31))) !== 0) field[i] = 0;
    }
  }
  return field;
}

/** Throws unless `field` can be the value field of `l` (a Float64Array with one value per vertex); O(1). */
export function checkField(l: Lattice, field: unknown): asserts field is Float64Array {
  if (!(field instanceof Float64Array) || field.length !== l.vertexCount) {
    throw new EngineError('invalid_parameter', `value field must be a Float64Array of ${l.vertexCount} values`, {
      expected: l.vertexCount,
      got: field instanceof Float64Array ? field.length : typeof field,
    });
  }
}

/**
 * The lattice's value field, materialising and attaching the default
 * ('uniform', seed 0) on first use, within the caller's budget; O(V) the
 * first time, O(1) after.
 */
export function ensureField(l: Lattice, opts: RunOptions = {}): Float64Array {
  if (l.field === null) l.field = materializeField(l, {}, opts);
  checkField(l, l.field);
  return l.field;
}
