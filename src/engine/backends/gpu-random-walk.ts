/// <reference types="@webgpu/types" />
import { throwIfAborted, type RunOptions } from '../cost.js';
import { coordsOf, hasObstacles, indexOf, MAX_MATERIALIZED_VERTICES, obstacleBitset, type Lattice } from '../lattice.js';
import { emptyWalkAccumulation, finishWalk, walkPartial, type RandomWalkParams, type RandomWalkResult } from '../random-walk.js';
import { bindAll, BufferSet, dispatchGrid, pipelineFor, putVec12, readBack, submitDispatch } from './gpu-buffers.js';
import type { GpuHandle } from './gpu-context.js';
import { randomWalkWgsl, WORKGROUP } from './kernels/random-walk-wgsl.js';

/** Longest walk the kernel takes: squared displacements must fit a u32. */
export const GPU_MAX_WALK_STEPS = 65_535;
/** Device memory for the walkers' visited sets per batch. */
const VISITED_BUDGET_BYTES = 64 * 1024 * 1024;

/** Slots of one walker's visited set: a power of two at least twice the vertices it can visit, as in random-walk.ts. */
export function visitedTableSize(l: Lattice, steps: number): number {
  const capacity = Math.min(l.vertexCount, steps + 1);
  let size = 16;
  while (size < 2 * capacity) size *= 2;
  return size;
}

/**
 * Why the kernel cannot run this walk, or null when it can. The kernel indexes
 * vertices with u32 and reads obstacles from a bitset, which the CPU walk
 * never materialises: lattices where that would break the caller's budget
 * stay on the CPU.
 */
export function gpuWalkLimitation(l: Lattice, params: RandomWalkParams, budget: number | undefined): string | null {
  if (l.vertexCount > MAX_MATERIALIZED_VERTICES) return 'the GPU random-walk kernel indexes vertices with 32-bit integers';
  if (hasObstacles(l) && budget !== undefined && l.vertexCount > budget) {
    return 'the GPU random-walk kernel needs the obstacle bitset, which exceeds the vertex budget';
  }
  if (typeof params?.steps === 'number' && params.steps > GPU_MAX_WALK_STEPS) {
    return `the GPU random-walk kernel takes at most ${GPU_MAX_WALK_STEPS} steps`;
  }
  if (typeof params?.steps === 'number' && visitedTableSize(l, params.steps) * 4 * WORKGROUP > VISITED_BUDGET_BYTES) {
    return 'one GPU workgroup of walkers would need more visited-set memory than the kernel may use';
  }
  return null;
}

/**
 * `randomWalk` on the GPU, bit-identical: same per-walker streams, integer
 * sums. Walkers run in batches sized so their visited sets fit the budget;
 * O(walkers·steps·d) device work, O(steps + walkers·d) transfer.
 */
export async function gpuRandomWalk(gpu: GpuHandle, l: Lattice, params: RandomWalkParams, opts: RunOptions): Promise<RandomWalkResult> {
  // An empty range validates the parameters exactly as the CPU path does.
  walkPartial(l, params, 0, 0, opts);
  const { walkers, steps, seed } = params;
  const start = params.start ?? l.shape.map((n) => Math.floor(n / 2));
  const startIndex = indexOf(l, start, 'start');
  const d = l.dimensions;
  const tableSize = visitedTableSize(l, steps);
  const fits = Math.max(WORKGROUP, Math.floor(VISITED_BUDGET_BYTES / (4 * tableSize) / WORKGROUP) * WORKGROUP);
  const batch = Math.min(fits, Math.ceil(walkers / WORKGROUP) * WORKGROUP);
  const blockedWords = obstacleBitset(l, opts.maxMaterializedVertices)?.words ?? null;
  const device = gpu.device;
  const buffers = new BufferSet(gpu);
  try {
    const words = new Uint32Array(48);
    words[2] = steps;
    words[3] = d;
    words[4] = l.boundary === 'periodic' ? 1 : 0;
    words[5] = blockedWords === null ? 0 : 1;
    words[6] = startIndex;
    words[7] = tableSize;
    words[8] = Math.floor(seed / 4294967296) >>> 0;
    words[9] = seed >>> 0;
    putVec12(words, 12, l.shape);
    putVec12(words, 24, l.strides);
    putVec12(words, 36, coordsOf(l, startIndex));
    const uniform = buffers.uniform(words);
    const blocked = buffers.storage(blockedWords ?? new Uint32Array(1));
    const sq = buffers.storage(new Uint32Array(2 * (steps + 1)));
    const perWalker = buffers.create(4 * batch * (3 + d), GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
    const visited = buffers.create(4 * batch * tableSize, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    const pipeline = pipelineFor(gpu, randomWalkWgsl);
    const group = bindAll(device, pipeline, [uniform, blocked, sq, perWalker, visited]);
    const acc = emptyWalkAccumulation(walkers, steps, d);
    for (let base = 0; base < walkers; base += batch) {
      throwIfAborted(opts.signal);
      const count = Math.min(batch, walkers - base);
      const grid = dispatchGrid(gpu, count, WORKGROUP);
      words[0] = base;
      words[1] = count;
      words[10] = grid.x;
      device.queue.writeBuffer(uniform, 0, words.buffer, 0, words.byteLength);
      submitDispatch(device, pipeline, group, grid, (encoder) => encoder.clearBuffer(visited));
      const out = new Uint32Array(await readBack(device, buffers, perWalker, 4 * count * (3 + d)));
      const signed = new Int32Array(out.buffer);
      for (let w = 0; w < count; w++) {
        const o = w * (3 + d);
        if (out[o] > 0) {
          acc.returned++;
          acc.returnTimeSum += out[o];
        }
        acc.distinctSum += out[o + 1];
        if (out[o + 2] > acc.maxSquaredDistance) acc.maxSquaredDistance = out[o + 2];
        for (let k = 0; k < d; k++) acc.displacementSum[k] += signed[o + 3 + k];
      }
      opts.onProgress?.((base + count) / walkers);
    }
    const sums = new Uint32Array(await readBack(device, buffers, sq, 8 * (steps + 1)));
    for (let t = 0; t <= steps; t++) acc.squaredDisplacement[t] = sums[2 * t + 1] * 4294967296 + sums[2 * t];
    return finishWalk(l, params, acc);
  } finally {
    buffers.destroy();
  }
}
