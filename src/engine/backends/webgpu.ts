import type { RunOptions } from '../cost.js';
import type { DiffusionParams } from '../diffusion.js';
import type { Lattice } from '../lattice.js';
import type { RandomWalkParams } from '../random-walk.js';
import type { OperationName, OperationParams, OperationResults, TransformParams } from '../operations.js';
import { gpuDiffuse } from './gpu-diffusion.js';
import { withErrorScopes } from './gpu-buffers.js';
import type { GpuContext, GpuHandle } from './gpu-context.js';
import { gpuRandomWalk, gpuWalkLimitation } from './gpu-random-walk.js';
import { gpuScale, gpuScaleLimitation, gpuXor } from './gpu-transform.js';

/*
 * The WebGPU backend: data-parallel kernels for diffusion, random walks and
 * the xor / scale transforms. Everything else stays on the CPU.
 */

/** Why the GPU has no kernel for this run, or null when it has one. O(1). */
export function gpuLimitation(op: OperationName, l: Lattice, params: unknown, opts: RunOptions): string | null {
  switch (op) {
    case 'diffusion':
      return null;
    case 'random-walk':
      return gpuWalkLimitation(l, params as RandomWalkParams, opts.maxMaterializedVertices);
    case 'transform': {
      const p = params as TransformParams;
      if (p?.type === 'xor') return null;
      if (p?.type === 'scale') return gpuScaleLimitation(p.factor);
      return `transform '${String(p?.type)}' has no GPU kernel (only xor and scale do)`;
    }
    default:
      return `${op} has no GPU kernel`;
  }
}

/** Bytes a GPU run copies between host and device, for the cost model. O(1). */
export function gpuTransferBytes(op: OperationName, l: Lattice, params: unknown): number {
  const V = l.vertexCount;
  if (op === 'diffusion') return 8 * V + V / 8;
  if (op === 'transform') return 16 * V;
  if (op === 'random-walk') {
    const p = params as RandomWalkParams;
    return 8 * (p.steps + 1) + 4 * p.walkers * (3 + l.dimensions) + V / 8;
  }
  return 0;
}

/** Runs a GPU-capable operation on the context's device, one at a time; callers check gpuLimitation first. */
export function runOnGpu<K extends OperationName>(
  context: GpuContext,
  gpu: GpuHandle,
  op: K,
  l: Lattice,
  params: OperationParams[K],
  opts: RunOptions,
): Promise<OperationResults[K]> {
  return context.exclusive(() => withErrorScopes(gpu.device, () => dispatch(gpu, op, l, params, opts)));
}

async function dispatch<K extends OperationName>(
  gpu: GpuHandle,
  op: K,
  l: Lattice,
  params: OperationParams[K],
  opts: RunOptions,
): Promise<OperationResults[K]> {
  type R = OperationResults[K];
  switch (op) {
    case 'diffusion':
      return (await gpuDiffuse(gpu, l, params as DiffusionParams, opts)) as R;
    case 'random-walk':
      return (await gpuRandomWalk(gpu, l, params as RandomWalkParams, opts)) as R;
    case 'transform': {
      const p = params as TransformParams;
      if (p.type === 'xor') return (await gpuXor(gpu, l, p.key as string | number, opts)) as R;
      return (await gpuScale(gpu, l, p.factor as number, opts)) as R;
    }
    default:
      throw new Error(`no GPU kernel for ${op}`);
  }
}
