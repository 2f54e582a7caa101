import { gpuLimitation } from '../../engine/backends/webgpu.js';
import type { Engine } from '../../engine/engine.js';
import type { Lattice } from '../../engine/lattice.js';
import type { OperationName } from '../../engine/operations.js';
import { AppError } from '../errors.js';
import type { LatticeRow } from '../lattices/lattice-repository.js';
import type { CommonInput } from './operation-input-schemas.js';
import { engineBudget, type RunContext } from './run-context.js';

/**
 * Whether a run must use the GPU: its lattice was created with
 * `allow_cpu_fallback: false` and the request asks for the GPU (`use_gpu`, or
 * without it the lattice's `enable_gpu`).
 */
export function requiresGpu(row: Pick<LatticeRow, 'allow_cpu_fallback' | 'legacy'>, input: CommonInput): boolean {
  return !row.allow_cpu_fallback && (input.use_gpu ?? row.legacy.enable_gpu) === true;
}

/**
 * The input a run goes ahead with: as given, or, when the lattice requires
 * the GPU, asking for it; conflict naming the reason when the GPU cannot be
 * used (the plan excludes it, the operation has no GPU kernel for these
 * parameters, or there is no device), so nothing runs on the CPU instead.
 */
export async function gpuChecked<I extends CommonInput>(
  engine: Engine,
  ctx: RunContext,
  loaded: { row: LatticeRow; lattice: Lattice },
  op: OperationName,
  params: unknown,
  input: I,
): Promise<I> {
  if (!requiresGpu(loaded.row, input)) return input;
  const reason = !ctx.gpuAllowed
    ? `the '${ctx.planCode}' plan does not include GPU use`
    : (gpuLimitation(op, loaded.lattice, params, { maxMaterializedVertices: engineBudget(ctx) }) ?? (await engine.gpuStatus()).reason);
  if (reason !== null) {
    throw new AppError(
      'conflict',
      `This lattice does not allow CPU fallback (allow_cpu_fallback is false) and the GPU cannot be used: ${reason}`,
      {
        fields: { reason },
      },
    );
  }
  return input.use_gpu === true ? input : { ...input, use_gpu: true };
}
