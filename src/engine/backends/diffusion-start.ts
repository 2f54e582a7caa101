import type { RunOptions } from '../cost.js';
import { diffuse, MAX_DIFFUSION_STEPS, type DiffusionParams, type DiffusionResult } from '../diffusion.js';
import { EngineError } from '../errors.js';
import type { Lattice } from '../lattice.js';

/**
 * Validates a diffusion request exactly as `diffuse` does and returns its
 * zero-step result: the initial state (sources added) with its statistics.
 * The pool and GPU backends start from it so they differ from the CPU only
 * in how the steps are computed. O(V).
 */
export function startDiffusion(l: Lattice, params: DiffusionParams, opts: RunOptions): DiffusionResult {
  const steps: unknown = params?.steps;
  if (typeof steps !== 'number' || !Number.isSafeInteger(steps) || steps < 0 || steps > MAX_DIFFUSION_STEPS) {
    throw new EngineError('invalid_parameter', `steps must be an integer in [0, ${MAX_DIFFUSION_STEPS}]`, { steps });
  }
  return diffuse(l, { ...params, steps: 0 }, opts);
}
