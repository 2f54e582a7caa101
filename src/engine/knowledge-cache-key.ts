import { createHash } from 'node:crypto';
import { EngineError } from './errors.js';
import type { Lattice } from './lattice.js';

/*
 * A stable text form of operation parameters: object keys sorted, undefined
 * members dropped, -0 folded into 0 and typed arrays spelled out with their
 * element type, so two requests that mean the same thing hash the same.
 */

/** Canonical JSON text of `value`; throws invalid_parameter for values JSON cannot carry (NaN, functions, cycles). O(size of value). */
export function canonicalJson(value: unknown): string {
  return encode(value, new Set());
}

function encode(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new EngineError('invalid_parameter', 'parameters must not contain NaN or infinite numbers', { value: String(value) });
      }
      return Object.is(value, -0) ? '0' : String(value);
    case 'bigint':
      return `{"$bigint":"${value.toString()}"}`;
    case 'object':
      break;
    default:
      throw new EngineError('invalid_parameter', `parameters must not contain a ${typeof value}`);
  }
  const obj = value as object;
  if (seen.has(obj)) throw new EngineError('invalid_parameter', 'parameters must not be cyclic');
  seen.add(obj);
  try {
    if (ArrayBuffer.isView(obj)) {
      const items = Array.from(obj as unknown as ArrayLike<number>, (x) => encode(x, seen));
      return `{"$typed":"${obj.constructor.name}","data":[${items.join(',')}]}`;
    }
    if (Array.isArray(obj)) {
      return `[${obj.map((x) => (x === undefined ? 'null' : encode(x, seen))).join(',')}]`;
    }
    const keys = Object.keys(obj)
      .filter((k) => (obj as Record<string, unknown>)[k] !== undefined)
      .sort();
    const members = keys.map((k) => `${JSON.stringify(k)}:${encode((obj as Record<string, unknown>)[k], seen)}`);
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}

/** What a cached result depends on: the exact lattice, the version of its field, the operation and its parameters. */
export interface CacheKeyInput {
  lattice: Pick<Lattice, 'shape' | 'boundary' | 'obstacleSpec'>;
  /** Bumped by the owner whenever the value field changes; results that ignore the field may pass 0. */
  fieldVersion: number | string;
  operation: string;
  params: unknown;
}

export interface CacheKey {
  /** sha256 of the lattice definition alone, so every entry of one lattice can be dropped together. */
  lattice: string;
  /** sha256 of lattice, field version, operation and canonical parameters. */
  entry: string;
}

/** sha256 of the canonical lattice definition (shape, boundary, obstacle rule); O(d + obstacle list). */
export function latticeFingerprint(l: Pick<Lattice, 'shape' | 'boundary' | 'obstacleSpec'>): string {
  const text = canonicalJson({ shape: l.shape, boundary: l.boundary, obstacles: l.obstacleSpec });
  return createHash('sha256').update(text).digest('hex');
}

/** The cache key for one run; O(size of parameters). */
export function cacheKey(input: CacheKeyInput): CacheKey {
  const lattice = latticeFingerprint(input.lattice);
  const text = canonicalJson({
    lattice,
    fieldVersion: input.fieldVersion,
    operation: input.operation,
    params: input.params ?? null,
  });
  return { lattice, entry: createHash('sha256').update(text).digest('hex') };
}
