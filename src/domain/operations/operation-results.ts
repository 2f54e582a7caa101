import type { CentralityResult } from '../../engine/centrality.js';
import type { DiffusionResult } from '../../engine/diffusion.js';
import type { DistanceFieldResult } from '../../engine/distances.js';
import type { OperationResults } from '../../engine/operations.js';
import type { RandomWalkResult } from '../../engine/random-walk.js';
import { validationFailed } from '../errors.js';
import { CAPS } from './operation-caps.js';
import type { DistancesInput } from './operation-input-schemas.js';
import type { ReadOperation } from './operation-params.js';

/*
 * What a response shows of an engine result: JSON only, per-vertex arrays
 * left out (the distance field goes as binary on request), long series
 * thinned; and the bounded summary the operation history keeps.
 */

/** Histogram buckets a distances response lists. */
const HISTOGRAM_MAX = 10_000;
/** Items an array keeps in the history's result summary. */
const SUMMARY_ARRAY_ITEMS = 16;
/** Longest result summary stored, as JSON characters. */
const SUMMARY_MAX_CHARS = 4096;

/** The response members of a read operation's result. */
export function resultView(op: ReadOperation, result: unknown, input: unknown): Record<string, unknown> {
  switch (op) {
    case 'distances': {
      const { distances: _field, sources: _indices, histogram, ...rest } = result as DistanceFieldResult;
      return {
        ...rest,
        sources: (input as DistancesInput).sources,
        histogram: histogram.slice(0, HISTOGRAM_MAX),
        histogram_truncated: histogram.length > HISTOGRAM_MAX,
      };
    }
    case 'centrality': {
      const { values: _values, ...rest } = result as CentralityResult;
      return rest;
    }
    case 'diffusion': {
      const { field: _field, ...rest } = result as DiffusionResult;
      // A field can hold NaN or ±Infinity (an xor gives any bits, a scale can overflow), or values whose
      // sums overflow: statistics JSON cannot carry are the input's fault, not an answer.
      const stats = [rest.initial, rest.final, ...rest.snapshots];
      if (stats.some((s) => ![s.min, s.max, s.mean, s.mass].every(Number.isFinite))) {
        throw validationFailed(
          [{ field: 'input', message: 'the value field holds values diffusion cannot keep finite (NaN, ±Infinity or too large)' }],
          "The lattice's value field cannot be diffused: normalize it, or scale it down, first",
        );
      }
      return rest;
    }
    case 'random-walk': {
      const { msd, ...rest } = result as RandomWalkResult;
      return { ...rest, ...thinned(msd) };
    }
    default:
      return { ...(result as OperationResults[typeof op] & object) };
  }
}

/** msd at t = 0, every, 2·every, ..., and always at the last step: at most CAPS.msdPoints values. */
function thinned(msd: Float64Array): { msd: number[]; msd_every: number } {
  const steps = msd.length - 1;
  const every = Math.max(1, Math.ceil(steps / (CAPS.msdPoints - 1)));
  const out: number[] = [];
  for (let t = 0; t <= steps; t += every) out.push(msd[t]);
  if (steps > 0 && steps % every !== 0) out.push(msd[steps]);
  return { msd: out, msd_every: every };
}

/**
 * What the operation history keeps of a response: arrays cut to their first
 * few items, and only the scalar members when even that is too long. O(size).
 */
export function boundedSummary(view: Record<string, unknown>): Record<string, unknown> {
  let cut = false;
  const shorten = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) {
      cut = true;
      return [];
    }
    if (Array.isArray(v)) {
      if (v.length > SUMMARY_ARRAY_ITEMS) cut = true;
      return v.slice(0, SUMMARY_ARRAY_ITEMS).map(shorten);
    }
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, shorten(x)]));
    }
    return v;
  };
  let summary = shorten(view) as Record<string, unknown>;
  if (JSON.stringify(summary).length > SUMMARY_MAX_CHARS) {
    cut = true;
    summary = Object.fromEntries(Object.entries(summary).filter(([, v]) => v === null || typeof v !== 'object'));
  }
  return cut ? { ...summary, summary_truncated: true } : summary;
}

/**
 * Trims a result before it is cached: per-vertex arrays no response shows are
 * not worth storing, nor is the distance field unless the caller asked for it
 * (such entries are keyed apart, see OperationService).
 */
export function cacheableResult(op: ReadOperation, result: unknown, keepField: boolean): unknown {
  if (op === 'centrality') {
    const { values: _values, ...rest } = result as CentralityResult;
    return rest;
  }
  if (op === 'diffusion') {
    const { field: _field, ...rest } = result as DiffusionResult;
    return { ...rest, field: new Float64Array(0) };
  }
  if (op === 'distances' && !keepField) return { ...(result as DistanceFieldResult), distances: new Int32Array(0) };
  return result;
}
