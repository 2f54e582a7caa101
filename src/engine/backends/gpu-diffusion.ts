/// <reference types="@webgpu/types" />
import { throwIfAborted, type RunOptions } from '../cost.js';
import { fieldStats, type DiffusionParams, type DiffusionResult } from '../diffusion.js';
import { obstacleBitset, type Lattice } from '../lattice.js';
import { startDiffusion } from './diffusion-start.js';
import { BufferSet, checkGpuSize, dispatchGrid, pipelineFor, putVec12, readBack } from './gpu-buffers.js';
import type { GpuHandle } from './gpu-context.js';
import { diffusionWgsl, WORKGROUP } from './kernels/diffusion-wgsl.js';

/** Steps encoded per submission: bounds the time between abort checks and progress reports. */
const STEPS_PER_SUBMIT = 256;

/**
 * `diffuse` on the GPU in f32: same validation, initial state and statistics
 * (taken in f64 from the f32 states), so only the rounding of the steps
 * differs. O(steps·V·d) device work, O(V) transfer each way plus one
 * read-back per snapshot.
 */
export async function gpuDiffuse(gpu: GpuHandle, l: Lattice, params: DiffusionParams, opts: RunOptions): Promise<DiffusionResult> {
  const start = startDiffusion(l, params, opts);
  const steps = params.steps;
  checkGpuSize(gpu, l, 4);
  const snapshotEvery = params.snapshotEvery ?? 0;
  const blockedWords = obstacleBitset(l, opts.maxMaterializedVertices)?.words ?? null;
  const device = gpu.device;
  const buffers = new BufferSet(gpu);
  try {
    const V = l.vertexCount;
    const grid = dispatchGrid(gpu, V, WORKGROUP);
    const words = new Uint32Array(32);
    words[0] = V;
    words[1] = l.dimensions;
    words[2] = l.boundary === 'periodic' ? 1 : 0;
    words[3] = blockedWords === null ? 0 : 1;
    new Float32Array(words.buffer)[4] = params.dt * params.diffusivity;
    words[5] = grid.x;
    putVec12(words, 8, l.shape);
    putVec12(words, 20, l.strides);
    const uniform = buffers.uniform(words);
    const blocked = buffers.storage(blockedWords ?? new Uint32Array(1));
    const a = buffers.storage(Float32Array.from(start.field));
    const b = buffers.create(4 * V, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
    const pipeline = pipelineFor(gpu, diffusionWgsl);
    const bind = (src: GPUBuffer, dst: GPUBuffer): GPUBindGroup =>
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: uniform } },
          { binding: 1, resource: { buffer: blocked } },
          { binding: 2, resource: { buffer: src } },
          { binding: 3, resource: { buffer: dst } },
        ],
      });
    const groups = [bind(a, b), bind(b, a)];
    const snapshots: DiffusionResult['snapshots'] = [];
    let done = 0;
    const stateAfter = async (step: number): Promise<Float64Array> =>
      Float64Array.from(new Float32Array(await readBack(device, buffers, step % 2 === 0 ? a : b, 4 * V)));
    while (done < steps) {
      throwIfAborted(opts.signal);
      const nextSnapshot = snapshotEvery > 0 ? (Math.floor(done / snapshotEvery) + 1) * snapshotEvery : steps;
      const until = Math.min(steps, done + STEPS_PER_SUBMIT, nextSnapshot);
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      for (let step = done; step < until; step++) {
        pass.setBindGroup(0, groups[step % 2]);
        pass.dispatchWorkgroups(grid.x, grid.y);
      }
      pass.end();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
      done = until;
      if (snapshotEvery > 0 && (done % snapshotEvery === 0 || done === steps)) {
        snapshots.push({ step: done, ...fieldStats(await stateAfter(done), blockedWords) });
      }
      opts.onProgress?.(done / steps);
    }
    const field = steps === 0 ? start.field : await stateAfter(steps);
    return { ...start, steps, snapshots, final: fieldStats(field, blockedWords), field };
  } finally {
    buffers.destroy();
  }
}
